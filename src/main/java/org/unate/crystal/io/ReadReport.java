package org.unate.crystal.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * What a dataset read: records returned, records skipped (with id and reason), counts per reason, time taken.
 *
 * <p>Updated by the thread that consumes the dataset; read it from that thread, or after the dataset is exhausted
 * or closed. {@link #skipped()} keeps the first {@value #MAX_LISTED} skipped records in detail; the counts cover all.
 */
public final class ReadReport {
    /** Skipped records kept in detail. */
    public static final int MAX_LISTED = 10_000;

    /** One skipped record: its 1-based position, its id when it was read, why, and the full message. */
    public record Skip(long recordNumber, String id, Reason reason, String message) {
    }

    private final String source;
    private final long startNanos = System.nanoTime();
    private long endNanos = -1;
    private long read;
    private long skippedCount;
    private boolean limitReached;
    private final List<Skip> skipped = new ArrayList<>();
    private final List<ReadWarning> warnings = new ArrayList<>();
    private long warningCount;
    private Skip failure;
    private final Map<Reason, Long> byReason = new EnumMap<>(Reason.class);

    ReadReport(String source) {
        this.source = source;
    }

    void recordRead() {
        read++;
    }

    void recordSkipped(CrystalParseException e) {
        skippedCount++;
        byReason.merge(e.reason(), 1L, Long::sum);
        if (skipped.size() < MAX_LISTED) {
            skipped.add(new Skip(e.recordNumber(), e.recordId(), e.reason(), e.getMessage()));
        }
    }

    void recordWarning(ReadWarning w) {
        warningCount++;
        if (warnings.size() < MAX_LISTED) {
            warnings.add(w);
        }
    }

    void recordFailure(CrystalParseException e) {
        failure = new Skip(e.recordNumber(), e.recordId(), e.reason(), e.getMessage());
    }

    void finish(boolean byLimit) {
        if (endNanos < 0) {
            endNanos = System.nanoTime();
            limitReached = byLimit;
        }
    }

    /** The file or folder read. */
    public String source() {
        return source;
    }

    /** Records returned to the caller. */
    public long recordsRead() {
        return read;
    }

    /** Records skipped (bad input, or dropped by the occupancy policy). */
    public long recordsSkipped() {
        return skippedCount;
    }

    /** The first {@value #MAX_LISTED} skipped records, in file order. */
    public List<Skip> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** Skipped records per reason. */
    public Map<Reason, Long> countsByReason() {
        return Collections.unmodifiableMap(byReason);
    }

    /** Warnings of the records returned: readings by a convention, compositions changed by a policy. */
    public long warningCount() {
        return warningCount;
    }

    /** The first {@value #MAX_LISTED} warnings, in file order. */
    public List<ReadWarning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * Why reading ended before the end of the data, in the lenient mode: the container broke off (a truncated gzip
     * file, a JSON array cut short) at {@link Skip#recordNumber()}; the records before it were returned. Empty when
     * the data was read to its end (or limit). In the strict mode the same error is thrown instead.
     */
    public java.util.Optional<Skip> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Whether something needs the reader's attention: records skipped, warnings, or a failure of the container. */
    public boolean hasProblems() {
        return skippedCount > 0 || warningCount > 0 || failure != null;
    }

    /** Whether reading stopped at the record limit rather than at the end of the data. */
    public boolean limitReached() {
        return limitReached;
    }

    /** Whether the dataset has been read to its end (or limit) or closed. */
    public boolean finished() {
        return endNanos >= 0;
    }

    /** Time from opening to the end of reading (or until now while reading). */
    public Duration elapsed() {
        return Duration.ofNanos((endNanos >= 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    /**
     * A few lines for a log: totals, per-reason counts, the first skipped records, the first warnings, and where
     * reading broke off if it did.
     */
    public String summary() {
        StringBuilder b = new StringBuilder();
        double s = elapsed().toNanos() / 1e9;
        b.append(String.format(Locale.ROOT, "%s: %d records read, %d skipped%s in %.2f s%s%n", source, read,
                skippedCount, warningCount == 0 ? "" : ", " + warningCount + " warnings", s,
                failure != null ? " (reading broke off)" : limitReached ? " (stopped at the record limit)"
                        : finished() ? "" : " (reading)"));
        if (failure != null) {
            b.append("  error: ").append(failure.message()).append("; the ").append(read)
                    .append(" records before it were kept").append(System.lineSeparator());
        }
        byReason.forEach((r, n) -> b.append(String.format(Locale.ROOT, "  %-18s %d%n", r, n)));
        int shown = 0;
        for (Skip k : skipped) {
            if (shown++ == 10) {
                b.append("  ... ").append(skippedCount - 10).append(" more").append(System.lineSeparator());
                break;
            }
            b.append("  skipped: ").append(k.message()).append(System.lineSeparator());
        }
        for (int i = 0; i < warnings.size(); i++) {
            if (i == 10) {
                b.append("  ... ").append(warningCount - 10).append(" more warnings").append(System.lineSeparator());
                break;
            }
            b.append("  warning: ").append(warnings.get(i).message()).append(System.lineSeparator());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
