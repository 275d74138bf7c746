package org.unate.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalisation over the rows of {@code [n, channels]} (TensorFlow's fused kernel, FusedBatchNormV3, on a
 * {@code [n, 1, 1, channels]} view).
 * <p><b>Train vs inference: two graph paths.</b> {@link #apply(Operand, boolean)} with {@code training = true}
 * normalises with the batch mean and (biased) variance and registers, in {@link Params#addUpdate}, the
 * moving-average updates {@code moving = (1 - momentum) * moving + momentum * batch} (batch variance unbiased, as
 * PyTorch's {@code BatchNorm1d}); the caller must run those updates with the optimiser step. With
 * {@code training = false} it normalises with the moving statistics and changes nothing, so a prediction does not
 * depend on the other crystals of its batch. A model therefore builds its forward pass twice over the same variables;
 * no boolean placeholder or conditional is involved (TensorFlow Java has no gradients for control flow).
 * <p>Variables: gamma (ones) and beta (zeros), trainable; moving mean (zeros) and moving variance (ones), not trainable.
 */
public final class BatchNorm {
    /** PyTorch's default momentum. */
    public static final float MOMENTUM_DEFAULT = 0.1f;
    /** PyTorch's default epsilon. */
    public static final float EPSILON_DEFAULT = 1e-5f;

    private final Params params;
    private final String name;
    private final int channels;
    private final float momentum;
    private final float epsilon;
    private final Variable<TFloat32> gamma;
    private final Variable<TFloat32> beta;
    private final Variable<TFloat32> movingMean;
    private final Variable<TFloat32> movingVariance;

    public BatchNorm(Params params, String name, int channels) {
        this(params, name, channels, MOMENTUM_DEFAULT, EPSILON_DEFAULT);
    }

    public BatchNorm(Params params, String name, int channels, float momentum, float epsilon) {
        if (!(momentum > 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("BatchNorm '" + name + "': momentum must be in (0, 1], got " + momentum);
        }
        this.params = params;
        this.name = name;
        this.channels = channels;
        this.momentum = momentum;
        this.epsilon = epsilon;
        Shape s = Shape.of(channels);
        this.gamma = params.variable(name + "/gamma", s, Init.constant(channels, 1f), true);
        this.beta = params.variable(name + "/beta", s, new float[channels], true);
        this.movingMean = params.variable(name + "/moving_mean", s, new float[channels], false);
        this.movingVariance = params.variable(name + "/moving_variance", s, Init.constant(channels, 1f), false);
    }

    /**
     * {@code [n, channels] -> [n, channels]}.
     *
     * @param training batch statistics plus moving-average updates (true) or moving statistics (false)
     */
    public Operand<TFloat32> apply(Operand<TFloat32> x, boolean training) {
        Ops tf = params.tf();
        Operand<TFloat32> x4 = tf.reshape(x, tf.constant(new int[] {-1, 1, 1, channels}));
        FusedBatchNorm<TFloat32, TFloat32> bn;
        if (training) {
            Operand<TFloat32> empty = tf.constant(new float[0]);
            bn = tf.nn.fusedBatchNorm(x4, gamma, beta, empty, empty,
                    FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(epsilon));
            Operand<TFloat32> keep = tf.constant(1f - momentum);
            Operand<TFloat32> take = tf.constant(momentum);
            params.addUpdate(tf.assign(movingMean,
                    tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(bn.batchMean(), take))));
            params.addUpdate(tf.assign(movingVariance,
                    tf.math.add(tf.math.mul(movingVariance, keep), tf.math.mul(bn.batchVariance(), take))));
        } else {
            bn = tf.nn.fusedBatchNorm(x4, gamma, beta, movingMean, movingVariance,
                    FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(epsilon));
        }
        return tf.reshape(bn.y(), tf.constant(new int[] {-1, channels}));
    }

    /**
     * The inference-mode normalisation as an affine map {@code y = scale * x + shift} ({@code [channels]} each):
     * {@code scale = gamma / sqrt(movingVariance + epsilon)}, {@code shift = beta - scale * movingMean}. A layer that
     * feeds a linear map into this batch norm can fold {@code scale} into its weights and {@code shift} into its bias
     * and skip the normalisation pass (same numbers up to float rounding).
     */
    public List<Operand<TFloat32>> inferenceAffine() {
        Ops tf = params.tf();
        Operand<TFloat32> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(movingVariance, tf.constant(epsilon))));
        Operand<TFloat32> shift = tf.math.sub(beta, tf.math.mul(scale, movingMean));
        return List.of(scale, shift);
    }

    /** The moving statistics, mean then variance. */
    public List<Variable<TFloat32>> movingStatistics() {
        return List.of(movingMean, movingVariance);
    }

    public String name() {
        return name;
    }

    public int channels() {
        return channels;
    }
}
