package org.unate.pretrain;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.unate.graph.CrystalGraph;

/**
 * Targets of the adjacency decoder: ordered atom pairs (i, j) of one cell and how many directed edges i -> j the
 * clean graph holds (summed over periodic images, so an atom with its own images as neighbours has pairs (i, i)),
 * clamped to a maximum class (the authors' target: multiplicity 0..5).
 * <p>A cell of at most {@code exactAtoms} atoms scores all n^2 ordered pairs. A larger cell scores every joined pair
 * plus {@code negatives} times as many unjoined pairs drawn uniformly (with replacement) from its unjoined ones, each
 * weighted by (unjoined pairs / draws), so the expected weighted loss equals that of all pairs while the cost stays
 * linear in the number of edges.
 *
 * @param i       {@code [nPairs]} first atom (batch node index)
 * @param j       {@code [nPairs]} second atom
 * @param classes {@code [nPairs]} clamped multiplicity
 * @param weights {@code [nPairs]} sampling weights
 */
public record AdjacencyTargets(int[] i, int[] j, int[] classes, float[] weights) {
    /** Number of pairs. */
    public int size() {
        return i.length;
    }

    /** The targets of one crystal's clean graph, node indices starting at 0. */
    public static AdjacencyTargets of(CrystalGraph g, int maxClass, int exactAtoms, int negatives,
                                      SplittableRandom rng) {
        Builder b = new Builder();
        b.add(g, 0, maxClass, exactAtoms, negatives, rng);
        return b.build();
    }

    /** Directed edge counts i -> j of a graph, {@code [n * n]} row-major (not clamped). */
    public static int[] multiplicity(CrystalGraph g) {
        int n = g.numNodes();
        int[] m = new int[n * n];
        for (int e = 0; e < g.numEdges(); e++) {
            m[g.source()[e] * n + g.destination()[e]]++;
        }
        return m;
    }

    /** Accumulates the pairs of several crystals of a batch. */
    static final class Builder {
        private int[] i = new int[256];
        private int[] j = new int[256];
        private int[] c = new int[256];
        private float[] w = new float[256];
        private int size;

        void add(CrystalGraph g, int offset, int maxClass, int exactAtoms, int negatives, SplittableRandom rng) {
            int n = g.numNodes();
            int[] m = multiplicity(g);
            if (n <= exactAtoms) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        put(offset + a, offset + b, Math.min(m[a * n + b], maxClass), 1f);
                    }
                }
                return;
            }
            int joined = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (m[a * n + b] > 0) {
                        put(offset + a, offset + b, Math.min(m[a * n + b], maxClass), 1f);
                        joined++;
                    }
                }
            }
            int unjoined = n * n - joined;
            int draws = Math.min(unjoined, negatives * Math.max(joined, 1));
            if (draws == 0) {
                return;
            }
            float weight = (float) unjoined / draws;
            for (int k = 0; k < draws; k++) {
                int p;
                do {
                    p = rng.nextInt(n * n);
                } while (m[p] > 0);
                put(offset + p / n, offset + p % n, 0, weight);
            }
        }

        private void put(int a, int b, int cls, float weight) {
            if (size == i.length) {
                int cap = 2 * size;
                i = Arrays.copyOf(i, cap);
                j = Arrays.copyOf(j, cap);
                c = Arrays.copyOf(c, cap);
                w = Arrays.copyOf(w, cap);
            }
            i[size] = a;
            j[size] = b;
            c[size] = cls;
            w[size] = weight;
            size++;
        }

        AdjacencyTargets build() {
            return new AdjacencyTargets(Arrays.copyOf(i, size), Arrays.copyOf(j, size), Arrays.copyOf(c, size),
                    Arrays.copyOf(w, size));
        }
    }
}
