package org.unate.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Regression losses: scalar means over {@code [n]} predictions and targets. */
public final class Losses {
    private Losses() {
    }

    /** The loss kinds a config may name. */
    public enum Kind {
        /** Mean absolute error. */
        L1,
        /** Mean squared error. */
        MSE;

        /** "l1" or "mse", case-insensitive. */
        public static Kind parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "l1", "mae" -> L1;
                case "mse", "l2" -> MSE;
                default -> throw new IllegalArgumentException("unknown loss '" + s + "': expected l1 or mse");
            };
        }
    }

    /** {@code mean |p - y|}. */
    public static Operand<TFloat32> l1(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        return tf.math.mean(tf.math.abs(tf.math.sub(prediction, target)), tf.constant(0));
    }

    /** {@code mean (p - y)^2}. */
    public static Operand<TFloat32> mse(Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        return tf.math.mean(tf.math.squaredDifference(prediction, target), tf.constant(0));
    }

    public static Operand<TFloat32> of(Kind kind, Ops tf, Operand<TFloat32> prediction, Operand<TFloat32> target) {
        return kind == Kind.L1 ? l1(tf, prediction, target) : mse(tf, prediction, target);
    }
}
