package org.unate.nn;

import java.util.SplittableRandom;

/**
 * Seeded initial values, computed in Java so that they are identical on every machine and independent of the
 * TensorFlow build. Matrices are returned row-major, flat: {@code [rows * cols]}.
 */
public final class Init {
    private Init() {
    }

    /** Weight initialiser kinds for {@link Dense}. */
    public enum Kind {
        /** Glorot (Xavier) uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). For linear / sigmoid outputs. */
        GLOROT_UNIFORM,
        /** He normal: N(0, 2 / fanIn). For layers followed by (soft)ReLU-like activations. */
        HE_NORMAL,
        /**
         * PyTorch's {@code nn.Linear} default: weights and biases from U(-a, a), a = 1 / sqrt(fanIn) (Kaiming uniform
         * with a = sqrt(5)). Smaller than Glorot for wide inputs, and the bias is not zero.
         */
        TORCH_LINEAR
    }

    /** A {@code [fanIn, fanOut]} weight matrix of the given kind. */
    public static float[] weights(Kind kind, int fanIn, int fanOut, long seed) {
        return switch (kind) {
            case GLOROT_UNIFORM -> uniform(fanIn * fanOut, Math.sqrt(6.0 / (fanIn + fanOut)), seed);
            case HE_NORMAL -> normal(fanIn * fanOut, Math.sqrt(2.0 / fanIn), seed);
            case TORCH_LINEAR -> uniform(fanIn * fanOut, 1.0 / Math.sqrt(fanIn), seed);
        };
    }

    /** The {@code [fanOut]} bias that goes with {@code kind}: zero, or U(-a, a), a = 1 / sqrt(fanIn), for TORCH_LINEAR. */
    public static float[] bias(Kind kind, int fanIn, int fanOut, long seed) {
        return kind == Kind.TORCH_LINEAR ? uniform(fanOut, 1.0 / Math.sqrt(fanIn), seed) : new float[fanOut];
    }

    /**
     * The kind named in a model configuration: {@code glorot} (Glorot-uniform weights, zero biases) or {@code torch}
     * (PyTorch's nn.Linear default, {@link Kind#TORCH_LINEAR}).
     */
    public static Kind ofName(String name) {
        return switch (name) {
            case "glorot" -> Kind.GLOROT_UNIFORM;
            case "torch" -> Kind.TORCH_LINEAR;
            default -> throw new IllegalArgumentException(
                    "unknown initialisation '" + name + "': expected glorot or torch");
        };
    }

    /** {@code n} values from U(-limit, limit). */
    public static float[] uniform(int n, double limit, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
        }
        return out;
    }

    /** {@code n} values from N(0, std^2) (Box-Muller). */
    public static float[] normal(int n, double std, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            out[k] = (float) (std * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
        }
        return out;
    }

    /** {@code n} copies of {@code value}. */
    public static float[] constant(int n, float value) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, value);
        return out;
    }
}
