package org.unate.pretrain;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The pretraining loss terms as TensorFlow operations (every op used has a registered gradient).
 * <ul>
 * <li>{@link #weightedCrossEntropy}: {@code sum_n w_n (-log softmax(logits_n)[y_n]) / sum_n w_n} (0 when every weight
 * is 0), for the species and, with class weights folded into w, the adjacency term (PyTorch's weighted
 * {@code NLLLoss} normalisation).</li>
 * <li>{@link #ntXent}: SimCLR's normalised-temperature cross-entropy over {@code 2B} projections: z L2-normalised,
 * {@code s_ab = z_a . z_b / tau}, {@code loss = mean_a -log( exp(s_a,p(a)) / sum_{b != a} exp(s_ab) )} with p(a) the
 * other view of a's crystal.</li>
 * <li>{@link #barlowTwins}: Zbontar et al.: each view's projections standardised per dimension over the batch
 * (biased variance, epsilon 1e-5), {@code C = Za^T Zb / B} ({@code [P, P]}),
 * {@code loss = sum_i (1 - C_ii)^2 + lambda sum_{i != j} C_ij^2}.</li>
 * </ul>
 */
public final class PretrainLosses {
    /** Added to the variance before standardising in Barlow Twins. */
    public static final float BARLOW_EPSILON = 1e-5f;
    /** Subtracted from a projection's similarity with itself in NT-Xent, so it never counts. */
    static final float SELF_PENALTY = 1e9f;

    private PretrainLosses() {
    }

    /**
     * @param logits  {@code [n, C]}
     * @param classes {@code [n]} int32 in 0..C-1
     * @param weights {@code [n]}
     * @return scalar
     */
    public static Operand<TFloat32> weightedCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TInt32> classes,
                                                         int numClasses, Operand<TFloat32> weights) {
        Operand<TFloat32> logp = tf.nn.logSoftmax(logits);
        Operand<TFloat32> picked = tf.sum(tf.math.mul(logp,
                tf.oneHot(classes, tf.constant(numClasses), tf.constant(1f), tf.constant(0f))), tf.constant(1));
        Operand<TFloat32> num = tf.sum(tf.math.mul(weights, tf.math.neg(picked)), tf.constant(0));
        Operand<TFloat32> den = tf.math.maximum(tf.sum(weights, tf.constant(0)), tf.constant(1e-12f));
        return tf.math.div(num, den);
    }

    /** Rows scaled to unit length: {@code [n, P] -> [n, P]}. */
    public static Operand<TFloat32> l2Normalise(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> sq = tf.sum(tf.math.square(x), tf.constant(1), Sum.keepDims(true));
        return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(sq, tf.constant(1e-12f))));
    }

    /**
     * @param z        {@code [2B, P]} projections
     * @param self     {@code [2B]} int32: 0..2B-1 (each row's own index)
     * @param positive {@code [2B]} int32: the row of the other view of the same crystal
     * @return scalar
     */
    public static Operand<TFloat32> ntXent(Ops tf, Operand<TFloat32> z, Operand<TInt32> self, Operand<TInt32> positive,
                                           double temperature) {
        Operand<TFloat32> zn = l2Normalise(tf, z);
        Operand<TInt32> n = tf.size(self);
        Operand<TFloat32> sim = tf.math.mul(tf.linalg.matMul(zn, zn, MatMul.transposeB(true)),
                tf.constant((float) (1.0 / temperature)));
        Operand<TFloat32> selfMask = tf.oneHot(self, n, tf.constant(SELF_PENALTY), tf.constant(0f));
        Operand<TFloat32> logp = tf.nn.logSoftmax(tf.math.sub(sim, selfMask));
        Operand<TFloat32> picked = tf.sum(tf.math.mul(logp, tf.oneHot(positive, n, tf.constant(1f), tf.constant(0f))),
                tf.constant(1));
        return tf.math.neg(tf.math.mean(picked, tf.constant(0)));
    }

    /**
     * @param z {@code [2B, P]} projections, views A in rows 0..B-1 and views B in rows B..2B-1 (same crystal order)
     * @return scalar
     */
    public static Operand<TFloat32> barlowTwins(Ops tf, Operand<TFloat32> z, int projectionDim, double lambda) {
        List<Operand<TFloat32>> halves = new java.util.ArrayList<>();
        tf.split(tf.constant(0), z, 2L).output().forEach(halves::add);
        Operand<TFloat32> za = standardise(tf, halves.get(0));
        Operand<TFloat32> zb = standardise(tf, halves.get(1));
        Operand<TFloat32> b = tf.dtypes.cast(tf.shape(za, TInt32.class).asOutput(), TFloat32.class);
        Operand<TFloat32> batch = tf.reshape(tf.slice(b, tf.constant(new int[] {0}), tf.constant(new int[] {1})),
                tf.constant(new int[0]));
        Operand<TFloat32> c = tf.math.div(tf.linalg.matMul(za, zb, MatMul.transposeA(true)), batch);
        float[] eye = new float[projectionDim * projectionDim];
        for (int k = 0; k < projectionDim; k++) {
            eye[k * projectionDim + k] = 1f;
        }
        Operand<TFloat32> identity = tf.constant(Shape.of(projectionDim, projectionDim), DataBuffers.of(eye, true, false));
        Operand<TFloat32> diag = tf.sum(tf.math.mul(c, identity), tf.constant(1));
        Operand<TFloat32> on = tf.sum(tf.math.square(tf.math.sub(tf.constant(1f), diag)), tf.constant(0));
        Operand<TFloat32> offDiag = tf.math.mul(c, tf.math.sub(tf.constant(1f), identity));
        Operand<TFloat32> off = tf.sum(tf.math.square(offDiag), tf.constant(new int[] {0, 1}));
        return tf.math.add(on, tf.math.mul(tf.constant((float) lambda), off));
    }

    /** Per column: {@code (x - mean) / sqrt(var + eps)} over the rows (biased variance). */
    static Operand<TFloat32> standardise(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(0), Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> var = tf.math.mean(tf.math.square(centred), tf.constant(0), Mean.keepDims(true));
        return tf.math.mul(centred, tf.math.rsqrt(tf.math.add(var, tf.constant(BARLOW_EPSILON))));
    }
}
