package org.unate.crystal.io;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * The machinery shared by the dataset readers: a sequential source of raw records (read on the consumer's thread),
 * a parse step (on the consumer's thread or on workers, in chunks, results kept in file order), strict/lenient
 * handling, the record limit and the report.
 *
 * @param <R> a raw record: whatever the source yields before parsing
 */
abstract class AbstractDataset<R> implements CrystalDataset {
    /** Raw records per parallel task. */
    static final int CHUNK = 64;

    protected final String source;
    protected final DatasetOptions options;
    private final ReadReport report;
    private boolean iterated;
    private boolean closed;
    private ExecutorService pool;

    AbstractDataset(String source, DatasetOptions options) {
        this.source = source;
        this.options = Objects.requireNonNull(options, "options");
        this.report = new ReadReport(source);
    }

    /** The next raw record, or null at the end. Container failures throw (they end reading in every mode). */
    protected abstract R nextRaw() throws IOException;

    /** 1-based position of a raw record. */
    protected abstract long recordNumber(R raw);

    /** The id of a raw record when known before parsing, else null. */
    protected abstract String rawId(R raw);

    /**
     * Parse one raw record, reporting to {@code warnings} (without location: the caller adds record and source) what
     * was read by a convention or changed by a policy.
     *
     * @throws CrystalParseException for a bad record
     */
    protected abstract CrystalRecord parse(R raw, Consumer<ReadWarning> warnings);

    /** The number of the record after the last raw record read: where a container that breaks off broke. */
    protected abstract long nextRecordNumber();

    protected abstract void closeSource() throws IOException;

    /** The fields of a raw record that can hold a label (see {@link CrystalDataset#labelFields}). */
    protected abstract Set<String> labelFields(R raw);

    /** The label fields of the first {@code n} raw records, in order of appearance; nothing is parsed. */
    Set<String> peekLabelFields(int n) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            Object raw = fetchRaw();
            if (raw == null || raw instanceof Broken) {
                break;
            }
            @SuppressWarnings("unchecked")
            R r = (R) raw;
            out.addAll(labelFields(r));
        }
        return out;
    }

    /**
     * The top-level fields of a JSON record that can hold a label: a number, a number in a string, null, or "na",
     * the id and structure fields excepted.
     */
    static Set<String> jsonLabelFields(JsonNode node, String idField, String structureField) {
        Set<String> out = new LinkedHashSet<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        node.fields().forEachRemaining(en -> {
            String k = en.getKey();
            JsonNode v = en.getValue();
            if (k.equals(idField) || k.equals(structureField)) {
                return;
            }
            if (v.isNumber() || v.isNull() || (v.isTextual() && (v.asText().trim().equalsIgnoreCase("na")
                    || Double.isFinite(Numbers.decimalOrNaN(v.asText().trim()))))) {
                out.add(k);
            }
        });
        return out;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ReadReport report() {
        return report;
    }

    @Override
    public synchronized Iterator<CrystalRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException(source + ": a dataset can be iterated once; open it again");
        }
        iterated = true;
        return new It();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        report.finish(false);
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            closeSource();
        } catch (IOException e) {
            // closing a read-only source: nothing was written that could be lost
        }
    }

    /** A parsed record and its warnings, located. */
    private record Parsed(CrystalRecord record, List<ReadWarning> warnings) {
    }

    /** The failure of the container: reading ends there. */
    private record Broken(CrystalParseException error) {
    }

    /** A {@link Parsed} record, or the exception of a bad one, with context. */
    private Object parseWithContext(R raw) {
        List<ReadWarning> warnings = new ArrayList<>(0);
        try {
            CrystalRecord r = parse(raw, warnings::add);
            if (!warnings.isEmpty()) {
                long n = recordNumber(raw);
                warnings.replaceAll(w -> w.inRecord(source, n, r.id()));
            }
            return new Parsed(r, warnings);
        } catch (CrystalParseException e) {
            return e.inRecord(source, recordNumber(raw), rawId(raw));
        }
    }

    /**
     * The next raw record, null at the end, or a {@link Broken} when the container fails (a truncated gzip, a JSON
     * array that breaks off): the error names the record where it broke.
     */
    private Object fetchRaw() {
        try {
            R raw = nextRaw();
            return raw;
        } catch (IOException e) {
            return new Broken(new CrystalParseException(Reason.IO, source, nextRecordNumber(), null, 0,
                    "cannot read on from record " + nextRecordNumber() + ": " + ioMessage(e), e));
        } catch (CrystalParseException e) {
            return new Broken(e.recordNumber() > 0 ? e.inSource(source)
                    : e.inRecord(source, nextRecordNumber(), null));
        }
    }

    private static String ioMessage(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.io.EOFException || (m != null && m.contains("Unexpected end of ZLIB"))) {
            return "the file ends inside the compressed data (truncated?): " + e;
        }
        return e.toString();
    }

    private final class It implements Iterator<CrystalRecord> {
        private CrystalRecord next;
        private boolean done;
        private final ArrayDeque<Future<List<Object>>> inFlight = new ArrayDeque<>();
        private final ArrayDeque<Object> ready = new ArrayDeque<>();
        private boolean sourceDone;
        private Broken broken;

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                advance();
            }
            return next != null;
        }

        @Override
        public CrystalRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CrystalRecord r = next;
            next = null;
            report.recordRead();
            return r;
        }

        private void advance() {
            if (closed) {
                done = true;
                return;
            }
            if (options.limit() > 0 && report.recordsRead() >= options.limit()) {
                report.finish(true);
                done = true;
                close();
                return;
            }
            Object o;
            try {
                o = options.threads() == 1 ? sequential() : parallel();
            } catch (RuntimeException | Error e) {
                done = true;
                close();
                throw e;
            }
            if (o == null) {
                done = true;
                report.finish(false);
                close();
                return;
            }
            if (o instanceof Parsed p) {
                next = p.record();
                p.warnings().forEach(report::recordWarning);
                return;
            }
            if (o instanceof Broken b) {
                done = true;
                close();
                if (options.strict()) {
                    throw b.error();
                }
                report.recordFailure(b.error());
                return;
            }
            CrystalParseException e = (CrystalParseException) o;
            if (options.strict() && e.reason() != Reason.SKIPPED_BY_POLICY) {
                done = true;
                close();
                throw e;
            }
            report.recordSkipped(e);
        }

        @SuppressWarnings("unchecked")
        private Object sequential() {
            Object raw = fetchRaw();
            return raw == null || raw instanceof Broken ? raw : parseWithContext((R) raw);
        }

        private Object parallel() {
            if (pool == null) {
                AtomicInteger n = new AtomicInteger();
                pool = Executors.newFixedThreadPool(options.threads(), r -> {
                    Thread t = new Thread(r, "crystal-reader-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            while (ready.isEmpty()) {
                int window = options.threads() * 4;
                while (!sourceDone && inFlight.size() < window) {
                    List<R> chunk = new ArrayList<>(CHUNK);
                    while (chunk.size() < CHUNK) {
                        Object raw = fetchRaw();
                        if (raw == null) {
                            break;
                        }
                        if (raw instanceof Broken b) {
                            broken = b; // handed out after every record read before it
                            break;
                        }
                        @SuppressWarnings("unchecked")
                        R r = (R) raw;
                        chunk.add(r);
                    }
                    if (chunk.size() < CHUNK) {
                        sourceDone = true;
                    }
                    if (!chunk.isEmpty()) {
                        inFlight.add(pool.submit(() -> {
                            List<Object> out = new ArrayList<>(chunk.size());
                            for (R r : chunk) {
                                out.add(parseWithContext(r));
                            }
                            return out;
                        }));
                    }
                }
                Future<List<Object>> f = inFlight.poll();
                if (f == null) {
                    Object end = broken;
                    broken = null;
                    return end;
                }
                try {
                    ready.addAll(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CrystalParseException(Reason.IO, source, 0, null, 0, "interrupted while reading", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error er) {
                        throw er;
                    }
                    throw new IllegalStateException(c);
                }
            }
            return ready.poll();
        }
    }

    // ---- helpers shared by the JSON readers ----

    /**
     * Labels of a JSON record: the listed fields (or every numeric top-level field for
     * {@link DatasetOptions#ALL_NUMERIC}). Missing are: an absent field, JSON null, and the string "na" (JARVIS).
     * A number written as a string ("1.5") is read; any other string is an error.
     */
    static Map<String, Double> jsonLabels(JsonNode node, List<String> names, String idField) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (names.equals(DatasetOptions.ALL_NUMERIC)) {
            node.fields().forEachRemaining(en -> {
                if (!en.getKey().equals(idField) && en.getValue().isNumber()) {
                    double v = en.getValue().doubleValue();
                    if (Double.isFinite(v)) {
                        out.put(en.getKey(), v);
                    }
                }
            });
            return out;
        }
        for (String name : names) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isNumber()) {
                double d = v.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new CrystalParseException(Reason.BAD_NUMBER, 0, "label " + name
                            + ": expected a finite number, got " + Text.clip(v.toString()));
                }
                out.put(name, d);
            } else if (v.isTextual()) {
                String t = v.asText().trim();
                if (t.equalsIgnoreCase("na") || t.isEmpty()) {
                    continue;
                }
                double d = Numbers.decimalOrNaN(t);
                if (!Double.isFinite(d)) {
                    throw new CrystalParseException(Reason.BAD_NUMBER, 0, "label " + name
                            + ": expected a number, null or \"na\", got " + Text.clip(v.toString()));
                }
                out.put(name, d);
            } else {
                throw new CrystalParseException(Reason.BAD_NUMBER, 0, "label " + name
                        + ": expected a number, null or \"na\", got " + Text.clip(v.toString()));
            }
        }
        return out;
    }

    /** The id of a JSON record: a string or a number in {@code field}. */
    static String jsonId(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !(v.isTextual() || v.isIntegralNumber())) {
            throw new CrystalParseException(Reason.MISSING_FIELD, 0, "expected a string id in field '" + field
                    + "', got " + (v == null ? "nothing" : Text.clip(v.toString())));
        }
        return v.asText();
    }
}
