package org.unate.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Groups graphs into batches of {@code batchSize} for one epoch at a time.
 * <p>With {@code shuffle}, the order of epoch {@code t} is a Fisher-Yates permutation drawn from
 * {@code new SplittableRandom(seed).split()} advanced {@code t} times, i.e. it depends only on (seed, epoch):
 * the same seed gives the same batches on every machine and on resume. Without shuffle the input order is kept.
 * The last batch holds the remainder unless {@code dropLast}.
 */
public final class GraphBatcher {
    private final List<CrystalGraph> graphs;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;

    private GraphBatcher(List<CrystalGraph> graphs, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.graphs = List.copyOf(graphs);
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.seed = seed;
    }

    /** Shuffled batches (a new permutation per epoch, from {@code seed}); the last batch may be smaller. */
    public static GraphBatcher shuffled(List<CrystalGraph> graphs, int batchSize, long seed) {
        return new GraphBatcher(graphs, batchSize, true, false, seed);
    }

    /** Batches in input order (evaluation). */
    public static GraphBatcher inOrder(List<CrystalGraph> graphs, int batchSize) {
        return new GraphBatcher(graphs, batchSize, false, false, 0L);
    }

    /** This batcher, dropping (or keeping) a last batch smaller than the batch size. */
    public GraphBatcher dropLast(boolean drop) {
        return new GraphBatcher(graphs, batchSize, shuffle, drop, seed);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch. */
    public int numBatches() {
        int n = graphs.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Indices into the graph list of every batch of {@code epoch}: {@code [numBatches][<= batchSize]}. */
    public int[][] indices(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        int n = graphs.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int t = 0; t < epoch; t++) {
                rng.split();
            }
            SplittableRandom r = rng.split();
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
        }
        int nb = numBatches();
        int[][] out = new int[nb][];
        for (int b = 0; b < nb; b++) {
            int from = b * batchSize, to = Math.min(n, from + batchSize);
            out[b] = java.util.Arrays.copyOfRange(perm, from, to);
        }
        return out;
    }

    /** The packed batches of {@code epoch}, packed lazily one at a time. */
    public Iterable<GraphBatch> epoch(int epoch) {
        int[][] idx = indices(epoch);
        return () -> new Iterator<>() {
            int b;

            @Override
            public boolean hasNext() {
                return b < idx.length;
            }

            @Override
            public GraphBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int[] ix = idx[b++];
                List<CrystalGraph> sel = new ArrayList<>(ix.length);
                for (int i : ix) {
                    sel.add(graphs.get(i));
                }
                return GraphBatch.pack(sel);
            }
        };
    }
}
