package org.unate.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer {@code y = x W + b}: x {@code [n, in]} -> y {@code [n, out]}.
 * <p>W {@code [in, out]} and b start from a seeded {@link Init.Kind} (seeds derived from the layer's name); b is zero
 * except for {@link Init.Kind#TORCH_LINEAR}.
 */
public final class Dense {
    private final Params params;
    private final String name;
    private final int in;
    private final int out;
    private final Variable<TFloat32> weight;
    private final Variable<TFloat32> bias;

    /** A layer with a bias. */
    public Dense(Params params, String name, int in, int out, Init.Kind init) {
        this(params, name, in, out, init, true);
    }

    public Dense(Params params, String name, int in, int out, Init.Kind init, boolean useBias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense '" + name + "' needs positive sizes, got " + in + " -> " + out);
        }
        this.params = params;
        this.name = name;
        this.in = in;
        this.out = out;
        this.weight = params.variable(name + "/W", Shape.of(in, out),
                Init.weights(init, in, out, params.seedFor(name + "/W")), true);
        this.bias = useBias ? params.variable(name + "/b", Shape.of(out),
                Init.bias(init, in, out, params.seedFor(name + "/b")), true) : null;
    }

    /** {@code [n, in] -> [n, out]}. */
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        Ops tf = params.tf();
        Operand<TFloat32> y = tf.linalg.matMul(x, weight);
        return bias == null ? y : tf.nn.biasAdd(y, bias);
    }

    /** W, {@code [in, out]}. */
    public Variable<TFloat32> weight() {
        return weight;
    }

    /** b, {@code [out]}, or null for a layer without bias. */
    public Variable<TFloat32> bias() {
        return bias;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public String name() {
        return name;
    }
}
