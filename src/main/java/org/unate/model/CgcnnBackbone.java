package org.unate.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.unate.nn.Activations;
import org.unate.nn.BatchNorm;
import org.unate.nn.Init;
import org.unate.nn.Params;

/**
 * CGCNN's gated convolution (Xie and Grossman, PRL 120, 145301, 2018), L layers of width H.
 * <p>Per edge e = (i -> j), with Gaussian distance features {@code u_e = exp(-(d_e - mu_k)^2 / sigma^2)}
 * ({@code [nEdges, G]}, computed in the graph from the fed distances):
 * <pre>
 *   g_e  = BN1( W [v_i, v_j, u_e] + b )                       [nEdges, 2H]
 *   f, c = split(g_e)                                          [nEdges, H] each
 *   s_i  = BN2( sum_{e from i} sigmoid(f_e) * softplus(c_e) )  [nNodes, H]
 *   v_i <- softplus(v_i + s_i)
 * </pre>
 * <b>Evaluation.</b> {@code W [v_i, v_j, u] + b = (V W_c + b)[i] + (V W_n)[j] + U W_u}: the node products are one
 * {@code [nNodes, H] x [H, 4H]} product before any gather, and the bias is added on nodes, not edges. BN1 acts per
 * channel, so the filter half f and the core half c are computed as two separate {@code [nEdges, H]} streams (two
 * batch norms of H channels, exactly BN1 over 2H) and never split or concatenated on edges. In inference mode BN1 is
 * an affine map, folded into the weights and bias, so no normalisation pass runs over edges; softplus uses
 * {@link Activations#softplusFast}. Parameters are those of the textbook layer, stored as
 * {@code conv{l}/W_node [H, 4H] = [W_c | W_n]}, {@code conv{l}/W_edge [G, 2H] = W_u}, {@code conv{l}/b [2H]}; initial
 * values are one draw of {@link ModelConfig#initKind} for the full {@code [2H + G, 2H]} matrix, cut into those blocks.
 */
public final class CgcnnBackbone implements Backbone {
    private final boolean naive;
    private final ModelConfig config;
    private final Params params;
    private final int h;
    private final float[] centres;
    private final List<Variable<TFloat32>> nodeW = new ArrayList<>();
    private final List<Variable<TFloat32>> edgeW = new ArrayList<>();
    private final List<Variable<TFloat32>> edgeB = new ArrayList<>();
    private final List<BatchNorm> bnFilter = new ArrayList<>();
    private final List<BatchNorm> bnCore = new ArrayList<>();
    private final List<BatchNorm> bnNode = new ArrayList<>();

    public CgcnnBackbone(ModelConfig config, Params params) {
        this(config, params, false);
    }

    /** @param naive gather [v_i, v_j, u_e] and apply one Dense (the textbook evaluation), for the benchmark */
    public CgcnnBackbone(ModelConfig config, Params params, boolean naive) {
        this.naive = naive;
        this.config = config;
        this.params = params;
        this.h = config.hidden();
        this.centres = config.gaussianCentres();
        int g = centres.length;
        float momentum = (float) config.batchNormMomentum();
        for (int l = 0; l < config.layers(); l++) {
            String name = "conv" + l;
            int in = 2 * h + g;
            int out = 2 * h;
            float[] full = Init.weights(config.initKind(), in, out, params.seedFor(name + "/W"));
            float[] node = new float[h * 4 * h];
            float[] edge = new float[g * out];
            for (int r = 0; r < h; r++) {
                System.arraycopy(full, r * out, node, r * 4 * h, out);             // W_c: rows 0..H-1
                System.arraycopy(full, (h + r) * out, node, r * 4 * h + out, out); // W_n: rows H..2H-1
            }
            System.arraycopy(full, 2 * h * out, edge, 0, g * out);                 // W_u: rows 2H..2H+G-1
            nodeW.add(params.variable(name + "/W_node", Shape.of(h, 4L * h), node, true));
            edgeW.add(params.variable(name + "/W_edge", Shape.of(g, out), edge, true));
            edgeB.add(params.variable(name + "/b", Shape.of(out),
                    Init.bias(config.initKind(), in, out, params.seedFor(name + "/b")), true));
            bnFilter.add(new BatchNorm(params, name + "/bn_filter", h, momentum, BatchNorm.EPSILON_DEFAULT));
            bnCore.add(new BatchNorm(params, name + "/bn_core", h, momentum, BatchNorm.EPSILON_DEFAULT));
            bnNode.add(new BatchNorm(params, name + "/bn_node", h, momentum, BatchNorm.EPSILON_DEFAULT));
        }
    }

    /** {@code [nEdges] -> [nEdges, G]}: {@code exp(-(d - mu_k)^2 / sigma^2)}, as {@code exp(-(d/s - mu_k/s)^2)}. */
    static Operand<TFloat32> gaussians(Ops tf, Operand<TFloat32> distance, float[] centres, double width) {
        float inv = (float) (1.0 / width);
        float[] scaled = new float[centres.length];
        for (int k = 0; k < centres.length; k++) {
            scaled[k] = centres[k] * inv;
        }
        Operand<TFloat32> d = tf.math.mul(tf.reshape(distance, tf.constant(new int[] {-1, 1})), tf.constant(inv));
        Operand<TFloat32> mu = tf.constant(Shape.of(1, centres.length), DataBuffers.of(scaled, true, false));
        return tf.math.exp(tf.math.neg(tf.math.squaredDifference(d, mu)));
    }

    @Override
    public Operand<TFloat32> apply(GraphInputs in, EdgeLayout layout, Operand<TFloat32> nodes, boolean training) {
        Ops tf = params.tf();
        Operand<TFloat32> u = gaussians(tf, in.distance, centres, config.gaussianWidth());
        if (naive) {
            return applyNaive(tf, in, u, nodes, training);
        }
        Operand<TFloat32> v = nodes;
        boolean fold = !training;
        for (int l = 0; l < config.layers(); l++) {
            Operand<TFloat32> wNode = nodeW.get(l);
            Operand<TFloat32> wEdge = edgeW.get(l);
            Operand<TFloat32> bias = edgeB.get(l);
            if (fold) {
                // BN1(x) = a x + c per channel: scale the columns of every block, shift the bias
                List<Operand<TFloat32>> f = bnFilter.get(l).inferenceAffine();
                List<Operand<TFloat32>> c = bnCore.get(l).inferenceAffine();
                Operand<TFloat32> a = tf.concat(List.of(f.get(0), c.get(0)), tf.constant(0));          // [2H]
                Operand<TFloat32> shift = tf.concat(List.of(f.get(1), c.get(1)), tf.constant(0));      // [2H]
                wNode = tf.math.mul(wNode, tf.concat(List.of(a, a), tf.constant(0)));
                wEdge = tf.math.mul(wEdge, a);
                bias = tf.math.add(tf.math.mul(bias, a), shift);
            }
            // node terms: [nNodes, 4H] -> centre f, centre c, neighbour f, neighbour c ([nNodes, H] each)
            List<Operand<TFloat32>> nodeParts = new ArrayList<>();
            tf.split(tf.constant(1), tf.linalg.matMul(v, wNode), 4L).output().forEach(nodeParts::add);
            List<Operand<TFloat32>> edgeParts = new ArrayList<>();
            tf.split(tf.constant(1), wEdge, 2L).output().forEach(edgeParts::add);
            List<Operand<TFloat32>> biasParts = new ArrayList<>();
            tf.split(tf.constant(0), bias, 2L).output().forEach(biasParts::add);
            Operand<TFloat32>[] halves = halves();
            for (int q = 0; q < 2; q++) {
                Operand<TFloat32> centre = tf.math.add(nodeParts.get(q), biasParts.get(q));
                Operand<TFloat32> neighbour = tf.gather(nodeParts.get(2 + q), in.destination, tf.constant(0));
                Operand<TFloat32> z = layout.addCentre(tf.math.add(tf.linalg.matMul(u, edgeParts.get(q)), neighbour),
                        centre, h);
                halves[q] = fold ? z : (q == 0 ? bnFilter : bnCore).get(l).apply(z, true);
            }
            Operand<TFloat32> msg = tf.math.mul(tf.math.sigmoid(halves[0]),
                    Activations.softplus(tf, halves[1], !training));
            Operand<TFloat32> s = bnNode.get(l).apply(layout.sumToCentre(msg, h), training);
            v = Activations.softplus(tf, tf.math.add(v, s), !training);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32>[] halves() {
        return (Operand<TFloat32>[]) new Operand<?>[2];
    }

    /** The textbook evaluation: z = [v_i, v_j, u] gathered per edge, one [2H + G, 2H] product, BN1, split. */
    private Operand<TFloat32> applyNaive(Ops tf, GraphInputs in, Operand<TFloat32> u, Operand<TFloat32> nodes,
                                         boolean training) {
        Operand<TFloat32> v = nodes;
        for (int l = 0; l < config.layers(); l++) {
            Split<TFloat32> wcn = tf.split(tf.constant(1), nodeW.get(l), 2L);
            Operand<TFloat32> w = tf.concat(List.of(wcn.output().get(0), wcn.output().get(1), edgeW.get(l)),
                    tf.constant(0));
            Operand<TFloat32> z = tf.concat(List.of(tf.gather(v, in.source, tf.constant(0)),
                    tf.gather(v, in.destination, tf.constant(0)), u), tf.constant(1));
            z = tf.nn.biasAdd(tf.linalg.matMul(z, w), edgeB.get(l));
            Split<TFloat32> fc = tf.split(tf.constant(1), z, 2L);
            Operand<TFloat32> f = bnFilter.get(l).apply(fc.output().get(0), training);
            Operand<TFloat32> c = bnCore.get(l).apply(fc.output().get(1), training);
            Operand<TFloat32> msg = tf.math.mul(tf.math.sigmoid(f), tf.math.softplus(c));
            Operand<TFloat32> s = bnNode.get(l).apply(tf.math.unsortedSegmentSum(msg, in.source, in.numNodes), training);
            v = tf.math.softplus(tf.math.add(v, s));
        }
        return v;
    }

    @Override
    public boolean usesVectors() {
        return false;
    }
}
