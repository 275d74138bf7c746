package org.unate.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Lattice;
import org.unate.crystal.Structure;

/**
 * Builds crystal graphs with one {@link GraphConfig}: one structure at a time, or many in parallel with the
 * results delivered in input order. Neighbour conventions are those of {@link NeighborFinder}.
 * <p>Bulk builds skip records whose graph cannot be built ({@link GraphBuildException}: isolated or coincident
 * sites; {@link IllegalArgumentException}: malformed input) and list them in the {@link BuildReport}, unless the
 * builder is {@link #strict(boolean) strict}, in which case the first such record stops the build.
 * <p>Instances are immutable and thread-safe.
 */
public final class GraphBuilder {
    /** Records per parallel work unit. */
    private static final int BLOCK = 16;

    private final GraphConfig config;
    private final boolean strict;

    private GraphBuilder(GraphConfig config, boolean strict) {
        this.config = Objects.requireNonNull(config, "config");
        this.strict = strict;
    }

    public static GraphBuilder of(GraphConfig config) {
        return new GraphBuilder(config, false);
    }

    /** A builder whose bulk builds stop at the first bad record ({@code true}) or skip it ({@code false}). */
    public GraphBuilder strict(boolean strict) {
        return new GraphBuilder(config, strict);
    }

    public GraphConfig config() {
        return config;
    }

    /** Receives each graph with its record, on the calling thread, in input order. */
    @FunctionalInterface
    public interface GraphSink {
        void accept(int position, CrystalRecord record, CrystalGraph graph);
    }

    /** Progress of a bulk build: {@code done} records handled of {@code total} (-1 when unknown). */
    @FunctionalInterface
    public interface BuildProgress {
        void update(int done, int total);

        BuildProgress NONE = (done, total) -> { };
    }

    /** The graph of one structure. */
    public CrystalGraph build(String id, Structure structure) {
        return new NeighborFinder(config).find(id, latticeArray(structure.lattice()), fractionalArray(structure),
                structure.atomicNumbers());
    }

    public CrystalGraph build(CrystalRecord record) {
        return build(record.id(), record.structure());
    }

    /**
     * The graph of a cell given as arrays.
     *
     * @param lattice       lattice vectors as rows, row-major {@code [9]}, angstrom
     * @param frac          fractional coordinates as given, {@code [nSites * 3]}
     * @param atomicNumbers {@code [nSites]}
     */
    public CrystalGraph build(String id, double[] lattice, double[] frac, int[] atomicNumbers) {
        return new NeighborFinder(config).find(id, lattice, frac, atomicNumbers);
    }

    /** Lattice vectors as rows, row-major {@code [9]}, angstrom. */
    public static double[] latticeArray(Lattice lattice) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                m[3 * i + k] = lattice.get(i, k);
            }
        }
        return m;
    }

    /** Fractional coordinates as given, {@code [nSites * 3]}. */
    public static double[] fractionalArray(Structure s) {
        double[] f = new double[3 * s.size()];
        for (int i = 0; i < s.size(); i++) {
            for (int k = 0; k < 3; k++) {
                f[3 * i + k] = s.site(i).frac(k);
            }
        }
        return f;
    }

    /** Builds the graphs of all records with {@code threads} threads; graphs in input order. */
    public GraphSet buildAll(List<? extends CrystalRecord> records, int threads, BuildProgress progress) {
        List<CrystalGraph> out = new ArrayList<>(records.size());
        BuildReport r = forEach(records.iterator(), records.size(), threads, progress, (p, rec, g) -> out.add(g));
        return new GraphSet(out, r);
    }

    /** Builds the graphs of all records from an iterator with {@code threads} threads; graphs in input order. */
    public GraphSet buildAll(Iterator<? extends CrystalRecord> records, int threads, BuildProgress progress) {
        List<CrystalGraph> out = new ArrayList<>();
        BuildReport r = forEach(records, -1, threads, progress, (p, rec, g) -> out.add(g));
        return new GraphSet(out, r);
    }

    /**
     * Builds graphs with {@code threads} threads and hands each to {@code sink} in input order, on the calling
     * thread, without keeping them (stream builds of datasets too large to hold).
     *
     * @param total    number of records when known (for progress), else -1
     * @param progress called on the calling thread after each block of records
     */
    public BuildReport forEach(Iterator<? extends CrystalRecord> records, int total, int threads,
                               BuildProgress progress, GraphSink sink) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        BuildProgress prog = progress == null ? BuildProgress.NONE : progress;
        List<BuildReport.Skipped> skipped = new ArrayList<>();
        int read = 0;
        if (threads == 1) {
            NeighborFinder finder = new NeighborFinder(config);
            while (records.hasNext()) {
                CrystalRecord rec = records.next();
                int pos = read++;
                CrystalGraph g = buildOne(finder, rec, pos, skipped);
                if (g != null) {
                    sink.accept(pos, rec, g);
                }
                if ((read & (BLOCK - 1)) == 0) {
                    prog.update(read, total);
                }
            }
            prog.update(read, total);
            return new BuildReport(read, read - skipped.size(), skipped);
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "graph-builder-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<NeighborFinder> finders = ThreadLocal.withInitial(() -> new NeighborFinder(config));
        ArrayDeque<Future<Block>> window = new ArrayDeque<>();
        int maxInFlight = 4 * threads;
        int done = 0;
        try {
            while (records.hasNext() || !window.isEmpty()) {
                while (window.size() < maxInFlight && records.hasNext()) {
                    Block b = new Block(read);
                    while (b.size < BLOCK && records.hasNext()) {
                        b.records[b.size++] = records.next();
                        read++;
                    }
                    window.add(pool.submit(() -> b.build(this, finders.get())));
                }
                Block b = await(window.poll());
                for (int t = 0; t < b.size; t++) {
                    if (b.graphs[t] != null) {
                        sink.accept(b.first + t, b.records[t], b.graphs[t]);
                    } else {
                        skipped.add(b.skipped[t]);
                    }
                }
                done += b.size;
                prog.update(done, total);
            }
        } finally {
            pool.shutdownNow();
        }
        return new BuildReport(read, read - skipped.size(), skipped);
    }

    private CrystalGraph buildOne(NeighborFinder finder, CrystalRecord rec, int pos, List<BuildReport.Skipped> skipped) {
        try {
            Structure s = rec.structure();
            return finder.find(rec.id(), latticeArray(s.lattice()), fractionalArray(s), s.atomicNumbers());
        } catch (GraphBuildException | IllegalArgumentException e) {
            if (strict) {
                throw e;
            }
            skipped.add(new BuildReport.Skipped(pos, rec.id(), e.getMessage()));
            return null;
        }
    }

    private static Block await(Future<Block> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("graph build interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /** A run of consecutive records built by one worker. */
    private static final class Block {
        final int first;
        final CrystalRecord[] records = new CrystalRecord[BLOCK];
        final CrystalGraph[] graphs = new CrystalGraph[BLOCK];
        final BuildReport.Skipped[] skipped = new BuildReport.Skipped[BLOCK];
        int size;

        Block(int first) {
            this.first = first;
        }

        Block build(GraphBuilder builder, NeighborFinder finder) {
            List<BuildReport.Skipped> sk = new ArrayList<>(1);
            for (int t = 0; t < size; t++) {
                sk.clear();
                graphs[t] = builder.buildOne(finder, records[t], first + t, sk);
                if (graphs[t] == null) {
                    skipped[t] = sk.get(0);
                }
            }
            return this;
        }
    }
}
