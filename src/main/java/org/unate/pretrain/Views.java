package org.unate.pretrain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.nn.Seeds;

/**
 * The inputs of one pretraining step: two independently corrupted views of each crystal of a batch, packed as one
 * {@link GraphBatch} of {@code 2B} graphs (views A of crystals 0..B-1, then views B in the same order), with the
 * species and adjacency targets of the clean crystals.
 * <p><b>Corruption</b> (per view, per crystal): each atom is masked with probability {@code maskRate} (its fed atomic
 * number becomes {@link #MASK}, row 0 of the learned embedding, so the encoder cannot see the species), each directed
 * edge is dropped with probability {@code edgeDropRate}, and with {@code jitter > 0} every edge vector component gets
 * N(0, jitter^2) added (distances recomputed). Draws come from {@code SplittableRandom(Seeds.derive(seed,
 * "view/EPOCH/INDEX/VIEW"))}: the same seed, epoch and crystal give the same view, whatever else is in the batch, so a
 * resumed run sees exactly the views of an uninterrupted one.
 * <p><b>Species targets</b>: the true Z of every atom, weighted 1 on the masked atoms (or on every atom with
 * {@code speciesOnAllAtoms}) and 0 elsewhere.
 * <p><b>Adjacency targets</b> ({@link AdjacencyTargets}): for ordered atom pairs (i, j) of one cell, the number of
 * directed edges i -> j of the clean graph (over all periodic images), clamped to {@code maxClass}, scored on the node
 * states of both views.
 *
 * @param batch          {@code 2B} graphs
 * @param species        {@code [nNodes]} true atomic numbers
 * @param speciesWeight  {@code [nNodes]} 1 where the species loss is taken, else 0
 * @param pairI          {@code [nPairs]} first atom of each scored pair (batch node index)
 * @param pairJ          {@code [nPairs]} second atom
 * @param pairClass      {@code [nPairs]} clamped edge multiplicity
 * @param pairWeight     {@code [nPairs]} sampling weight (1, or the inverse sampling rate of sampled unjoined pairs)
 * @param positive       {@code [2B]} index of the other view of the same crystal
 * @param maskedAtoms    number of masked atoms over both views
 */
public record Views(GraphBatch batch, int[] species, float[] speciesWeight, int[] pairI, int[] pairJ, int[] pairClass,
                    float[] pairWeight, int[] positive, int maskedAtoms) {
    /** The atomic number fed for a masked atom (row 0 of the learned embedding; no element has Z = 0). */
    public static final int MASK = 0;

    /**
     * The views of {@code crystals} (clean graphs) for one step.
     *
     * @param indices each crystal's index in its data set (with {@code epoch}, it seeds the crystal's views)
     * @param epoch   1-based for training; validation uses 0 so its views never change
     */
    public static Views of(List<CrystalGraph> crystals, int[] indices, int epoch, PretrainConfig cfg) {
        int b = crystals.size();
        if (b == 0 || indices.length != b) {
            throw new IllegalArgumentException("need one index per crystal and at least one crystal");
        }
        List<CrystalGraph> views = new ArrayList<>(2 * b);
        List<boolean[]> masks = new ArrayList<>(2 * b);
        List<SplittableRandom> rngs = new ArrayList<>(2 * b);
        for (int v = 0; v < 2; v++) {
            for (int q = 0; q < b; q++) {
                SplittableRandom rng = new SplittableRandom(
                        Seeds.derive(cfg.seed(), "view/" + epoch + "/" + indices[q] + "/" + v));
                CrystalGraph g = crystals.get(q);
                masks.add(mask(g.numNodes(), cfg.maskRate(), rng));
                views.add(corrupt(g, cfg.edgeDropRate(), cfg.jitter(), rng));
                rngs.add(rng);
            }
        }
        GraphBatch packed = GraphBatch.pack(views);
        int n = packed.numNodes();
        int[] fedZ = packed.atomicNumbers().clone();
        int[] species = packed.atomicNumbers().clone();
        float[] weight = new float[n];
        int masked = 0;
        AdjacencyTargets.Builder pairs = new AdjacencyTargets.Builder();
        int offset = 0;
        for (int g = 0; g < 2 * b; g++) {
            boolean[] m = masks.get(g);
            for (int i = 0; i < m.length; i++) {
                if (m[i]) {
                    fedZ[offset + i] = MASK;
                    masked++;
                }
                weight[offset + i] = m[i] || cfg.speciesOnAllAtoms() ? 1f : 0f;
            }
            pairs.add(crystals.get(g % b), offset, cfg.adjacencyMaxClass(), cfg.adjacencyExactAtoms(),
                    cfg.adjacencyNegatives(), rngs.get(g));
            offset += m.length;
        }
        int[] positive = new int[2 * b];
        for (int g = 0; g < 2 * b; g++) {
            positive[g] = (g + b) % (2 * b);
        }
        GraphBatch fed = new GraphBatch(packed.ids(), fedZ, packed.nodeGraph(), packed.source(), packed.destination(),
                packed.distance(), packed.vector(), packed.nodesPerGraph());
        AdjacencyTargets t = pairs.build();
        return new Views(fed, species, weight, t.i(), t.j(), t.classes(), t.weights(), positive, masked);
    }

    /** Which atoms are masked: each with probability {@code rate}. */
    static boolean[] mask(int n, double rate, SplittableRandom rng) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() < rate;
        }
        return m;
    }

    /** The graph with each edge dropped with probability {@code dropRate} and edge vectors jittered. */
    static CrystalGraph corrupt(CrystalGraph g, double dropRate, double jitter, SplittableRandom rng) {
        if (dropRate <= 0 && jitter <= 0) {
            return g;
        }
        int e = g.numEdges();
        int[] src = new int[e];
        int[] dst = new int[e];
        int[] img = new int[3 * e];
        double[] dist = new double[e];
        double[] vec = new double[3 * e];
        int kept = 0;
        for (int k = 0; k < e; k++) {
            if (dropRate > 0 && rng.nextDouble() < dropRate) {
                continue;
            }
            src[kept] = g.source()[k];
            dst[kept] = g.destination()[k];
            System.arraycopy(g.image(), 3 * k, img, 3 * kept, 3);
            double x = g.vector()[3 * k];
            double y = g.vector()[3 * k + 1];
            double z = g.vector()[3 * k + 2];
            if (jitter > 0) {
                x += jitter * rng.nextGaussian();
                y += jitter * rng.nextGaussian();
                z += jitter * rng.nextGaussian();
                dist[kept] = Math.sqrt(x * x + y * y + z * z);
            } else {
                dist[kept] = g.distance()[k];
            }
            vec[3 * kept] = x;
            vec[3 * kept + 1] = y;
            vec[3 * kept + 2] = z;
            kept++;
        }
        return new CrystalGraph(g.id(), g.atomicNumbers(), java.util.Arrays.copyOf(src, kept),
                java.util.Arrays.copyOf(dst, kept), java.util.Arrays.copyOf(img, 3 * kept),
                java.util.Arrays.copyOf(dist, kept), java.util.Arrays.copyOf(vec, 3 * kept));
    }
}
