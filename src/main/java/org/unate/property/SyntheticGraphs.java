package org.unate.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.unate.graph.CrystalGraph;

/**
 * Random crystal graphs with chosen size statistics, for throughput measurements and tests; no physics.
 * Each atom gets exactly k neighbours (random atoms of the same crystal, itself allowed as a periodic image) at
 * distances drawn uniformly in [1, 8) angstrom, sorted ascending per centre, along random directions; elements drawn
 * uniformly from 1..94. Edges are grouped by centre, so the graphs are k-regular.
 */
public final class SyntheticGraphs {
    /** JARVIS-DFT-3D's first 2,000 crystals: 27,553 atoms. */
    public static final int JARVIS_CRYSTALS = 2000;
    public static final int JARVIS_ATOMS = 27_553;
    public static final int NEIGHBOURS = 12;

    private SyntheticGraphs() {
    }

    /** 2,000 crystals, 27,553 atoms, 12 neighbours per atom. */
    public static List<CrystalGraph> jarvisLike(long seed) {
        return generate(JARVIS_CRYSTALS, JARVIS_ATOMS, NEIGHBOURS, seed);
    }

    /**
     * {@code n} crystals holding {@code totalAtoms} atoms in all (1 to 100 per crystal, log-normal around a median
     * of 8, then adjusted to the exact total), {@code k} neighbours per atom.
     */
    public static List<CrystalGraph> generate(int n, int totalAtoms, int k, long seed) {
        if (n < 1 || totalAtoms < n || totalAtoms > 100L * n || k < 1) {
            throw new IllegalArgumentException("need 1 <= n, n <= totalAtoms <= 100 n, k >= 1");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] sizes = new int[n];
        int sum = 0;
        for (int c = 0; c < n; c++) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            sizes[c] = (int) Math.max(1, Math.min(100, Math.round(8 * Math.exp(0.9 * g))));
            sum += sizes[c];
        }
        while (sum != totalAtoms) {
            int c = rng.nextInt(n);
            if (sum < totalAtoms && sizes[c] < 100) {
                sizes[c]++;
                sum++;
            } else if (sum > totalAtoms && sizes[c] > 1) {
                sizes[c]--;
                sum--;
            }
        }
        List<CrystalGraph> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            out.add(crystal("synthetic-" + c, sizes[c], k, rng));
        }
        return out;
    }

    private static CrystalGraph crystal(String id, int atoms, int k, SplittableRandom rng) {
        int[] z = new int[atoms];
        for (int i = 0; i < atoms; i++) {
            z[i] = 1 + rng.nextInt(94);
        }
        int e = atoms * k;
        int[] src = new int[e];
        int[] dst = new int[e];
        double[] dist = new double[e];
        double[] vec = new double[3 * e];
        double[] d = new double[k];
        for (int i = 0; i < atoms; i++) {
            for (int q = 0; q < k; q++) {
                d[q] = 1.0 + 7.0 * rng.nextDouble();
            }
            Arrays.sort(d);
            for (int q = 0; q < k; q++) {
                int x = i * k + q;
                src[x] = i;
                dst[x] = rng.nextInt(atoms);
                dist[x] = d[q];
                double cz = 2 * rng.nextDouble() - 1;
                double phi = 2 * Math.PI * rng.nextDouble();
                double s = Math.sqrt(1 - cz * cz);
                vec[3 * x] = d[q] * s * Math.cos(phi);
                vec[3 * x + 1] = d[q] * s * Math.sin(phi);
                vec[3 * x + 2] = d[q] * cz;
            }
        }
        return new CrystalGraph(id, z, src, dst, new int[3 * e], dist, vec);
    }

    /**
     * A learnable target per crystal: the mean over atoms of a smooth function of Z plus a term in the mean of
     * {@code exp(-d)} over edges. For tests and benchmarks only.
     */
    public static double[] targets(List<CrystalGraph> graphs) {
        double[] y = new double[graphs.size()];
        for (int c = 0; c < graphs.size(); c++) {
            CrystalGraph g = graphs.get(c);
            double s = 0;
            for (int z : g.atomicNumbers()) {
                s += Math.sin(z / 10.0) + 0.01 * z;
            }
            double t = 0;
            for (double d : g.distance()) {
                t += Math.exp(-d);
            }
            y[c] = s / g.numNodes() + (g.numEdges() > 0 ? 5 * t / g.numEdges() : 0);
        }
        return y;
    }
}
