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
 * CartNet-lite: gated message passing on a radius graph with Cartesian edge directions, in the spirit of CartNet
 * (Solé et al., 2025) but smaller.
 * <p>Per edge e = (i -> j) with distance d and vector r (both fed; r points from centre i to neighbour j):
 * <pre>
 *   rbf_k(d) = exp(-beta (exp(-d) - mu_k)^2),  mu_k evenly spaced in [exp(-rc), 1],  beta = (2 (1 - exp(-rc)) / K)^-2
 *   env(d)   = (1 + cos(pi min(d, rc) / rc)) / 2                  (0 from the cutoff rc on: a radius graph)
 *   a_e      = [rbf(d), r / d]                                     [nEdges, K + 3]
 *   f, c     = split( W [v_i, v_j, a_e] + b )                      [nEdges, H] each
 *   s_i      = BN( sum_{e from i} env(d_e) sigmoid(f_e) * softplus(c_e) )
 *   v_i     <- v_i + softplus(s_i)                                 (residual)
 * </pre>
 * Edges of the fed graph beyond rc contribute nothing; feed a graph whose cutoff is at least rc (and no k cap) for the
 * exact radius graph. The direction enters linearly, so the model is not rotation invariant (as CartNet, which
 * relies on rotation augmentation). The same split products as {@link CgcnnBackbone} are used.
 */
public final class CartNetLiteBackbone implements Backbone {
    private final ModelConfig config;
    private final Params params;
    private final int h;
    private final int k;
    private final List<Variable<TFloat32>> nodeW = new ArrayList<>();
    private final List<Variable<TFloat32>> edgeW = new ArrayList<>();
    private final List<Variable<TFloat32>> edgeB = new ArrayList<>();
    private final List<BatchNorm> bn = new ArrayList<>();

    public CartNetLiteBackbone(ModelConfig config, Params params) {
        this.config = config;
        this.params = params;
        this.h = config.hidden();
        this.k = config.rbfCount();
        int a = k + 3;
        for (int l = 0; l < config.layers(); l++) {
            String name = "layer" + l;
            int in = 2 * h + a;
            int out = 2 * h;
            float[] full = Init.weights(config.initKind(), in, out, params.seedFor(name + "/W"));
            float[] node = new float[h * 4 * h];
            float[] edge = new float[a * out];
            for (int r = 0; r < h; r++) {
                System.arraycopy(full, r * out, node, r * 4 * h, out);
                System.arraycopy(full, (h + r) * out, node, r * 4 * h + out, out);
            }
            System.arraycopy(full, 2 * h * out, edge, 0, a * out);
            nodeW.add(params.variable(name + "/W_node", Shape.of(h, 4L * h), node, true));
            edgeW.add(params.variable(name + "/W_edge", Shape.of(a, out), edge, true));
            edgeB.add(params.variable(name + "/b", Shape.of(out),
                    Init.bias(config.initKind(), in, out, params.seedFor(name + "/b")), true));
            bn.add(new BatchNorm(params, name + "/bn", h, (float) config.batchNormMomentum(), BatchNorm.EPSILON_DEFAULT));
        }
    }

    @Override
    public Operand<TFloat32> apply(GraphInputs in, EdgeLayout layout, Operand<TFloat32> nodes, boolean training) {
        Ops tf = params.tf();
        float rc = (float) config.cutoff();
        Operand<TFloat32> d = tf.reshape(in.distance, tf.constant(new int[] {-1, 1}));
        float lo = (float) Math.exp(-rc);
        float[] mu = new float[k];
        for (int q = 0; q < k; q++) {
            mu[q] = k == 1 ? 1f : lo + (1f - lo) * q / (k - 1);
        }
        float beta = (float) Math.pow(2.0 * (1.0 - lo) / k, -2.0);
        Operand<TFloat32> y = tf.math.exp(tf.math.neg(d));
        Operand<TFloat32> rbf = tf.math.exp(tf.math.mul(tf.constant(-beta), tf.math.square(
                tf.math.sub(y, tf.constant(Shape.of(1, k), DataBuffers.of(mu, true, false))))));
        Operand<TFloat32> dc = tf.math.minimum(d, tf.constant(rc));
        Operand<TFloat32> env = tf.math.mul(tf.constant(0.5f), tf.math.add(tf.constant(1f),
                tf.math.cos(tf.math.mul(dc, tf.constant((float) (Math.PI / rc))))));
        Operand<TFloat32> dir = tf.math.div(in.vector, tf.math.maximum(d, tf.constant(1e-6f)));
        Operand<TFloat32> a = tf.concat(List.of(rbf, dir), tf.constant(1));
        int layers = config.layers();
        Operand<TFloat32> edgeAll = tf.nn.biasAdd(
                tf.linalg.matMul(a, tf.concat(new ArrayList<Operand<TFloat32>>(edgeW), tf.constant(1))),
                tf.concat(new ArrayList<Operand<TFloat32>>(edgeB), tf.constant(0)));
        List<Operand<TFloat32>> edgeTerms = new ArrayList<>();
        if (layers == 1) {
            edgeTerms.add(edgeAll);
        } else {
            tf.split(tf.constant(1), edgeAll, (long) layers).output().forEach(edgeTerms::add);
        }
        Operand<TFloat32> v = nodes;
        for (int l = 0; l < layers; l++) {
            Split<TFloat32> cn = tf.split(tf.constant(1), tf.linalg.matMul(v, nodeW.get(l)), 2L);
            Operand<TFloat32> neighbour = tf.gather(cn.output().get(1), in.destination, tf.constant(0));
            Operand<TFloat32> z = layout.addCentre(tf.math.add(edgeTerms.get(l), neighbour), cn.output().get(0), 2 * h);
            Split<TFloat32> fc = tf.split(tf.constant(1), z, 2L);
            Operand<TFloat32> msg = tf.math.mul(env, tf.math.mul(tf.math.sigmoid(fc.output().get(0)),
                    Activations.softplus(tf, fc.output().get(1), !training)));
            Operand<TFloat32> s = bn.get(l).apply(layout.sumToCentre(msg, h), training);
            v = tf.math.add(v, Activations.softplus(tf, s, !training));
        }
        return v;
    }

    @Override
    public boolean usesVectors() {
        return true;
    }
}
