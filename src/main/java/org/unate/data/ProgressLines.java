package org.unate.data;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of a count of work (bytes downloaded, records read) as plain lines, for output that is not a terminal
 * ({@link Terminal#stderr()} false): at most one line every {@code intervalSeconds}, and one when it is closed; no
 * carriage returns, no escape codes, so a log reads line by line:
 * <pre>
 * download: 12.0 of 250.3 MB (5 %), 4.1 MB/s
 * download: 250.3 of 250.3 MB (100 %), 4.4 MB/s, done in 57 s
 * </pre>
 * Not thread-safe: one producer steps it.
 */
public final class ProgressLines implements AutoCloseable {
    private final PrintStream out;
    private final String task;
    private final long total;
    private final String unit;
    private final double unitSize;
    private final long intervalNanos;
    private final long t0 = System.nanoTime();
    private long last = t0;
    private long done;
    private boolean closed;

    private ProgressLines(PrintStream out, String task, long total, String unit, double unitSize,
                          double intervalSeconds) {
        this.out = Objects.requireNonNull(out, "out");
        this.task = Objects.requireNonNull(task, "task");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        if (!(unitSize > 0) || !(intervalSeconds >= 0)) {
            throw new IllegalArgumentException("unit size must be positive and the interval 0 or more, got "
                    + unitSize + " and " + intervalSeconds);
        }
        this.unitSize = unitSize;
        this.intervalNanos = Math.round(intervalSeconds * 1e9);
    }

    /**
     * Lines about {@code task} on {@code out}.
     *
     * @param total           the whole count (in raw units, e.g. bytes), or -1 when unknown
     * @param unit            the unit shown, e.g. "MB"
     * @param unitSize        raw units per shown unit, e.g. {@code 1 << 20}
     * @param intervalSeconds the least time between two lines (0: a line at every step)
     */
    public static ProgressLines of(PrintStream out, String task, long total, String unit, double unitSize,
                                   double intervalSeconds) {
        return new ProgressLines(out, task, total, unit, unitSize, intervalSeconds);
    }

    /** Counts {@code n} more raw units; writes a line if the interval has passed since the last one. */
    public void stepBy(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - last >= intervalNanos) {
            last = now;
            out.println(line(now, false));
        }
    }

    /** The count so far, in raw units. */
    public long done() {
        return done;
    }

    /** Writes the last line (once). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            out.println(line(System.nanoTime(), true));
        }
    }

    private String line(long now, boolean end) {
        double seconds = (now - t0) / 1e9;
        String number = unitSize == 1 ? "%,.0f" : "%,.1f"; // whole counts print without decimals
        StringBuilder b = new StringBuilder(task).append(": ")
                .append(String.format(Locale.ROOT, number, done / unitSize));
        if (total >= 0) {
            b.append(String.format(Locale.ROOT, " of " + number + " %s (%.0f %%)", total / unitSize, unit,
                    total == 0 ? 100.0 : 100.0 * done / total));
        } else {
            b.append(' ').append(unit);
        }
        if (seconds > 0) {
            b.append(String.format(Locale.ROOT, ", %,.1f %s/s", done / unitSize / seconds, unit));
        }
        if (end) {
            b.append(String.format(Locale.ROOT, ", done in %.0f s", seconds));
        }
        return b.toString();
    }
}
