package org.unate.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;
import org.tensorflow.framework.optimizers.Optimizer;

/**
 * Adam (Kingma and Ba) on TensorFlow Java's {@link Optimizer} framework, with the learning rate a scalar float32
 * placeholder fed at every step ({@link #learningRate()}), so that any schedule (cosine over epochs or over a wall
 * clock budget) runs without rebuilding the graph. The framework's own {@code Adam} bakes its learning rate into a
 * constant. Update rule and defaults are the same: TensorFlow's {@code ApplyAdam} kernel, beta1 0.9, beta2 0.999,
 * epsilon 1e-8 (those of {@code org.tensorflow.framework.optimizers.Adam}), slots "m" and "v", bias correction through
 * beta-power variables.
 * <p>Gradients are taken only with respect to the variables passed to {@link #minimize(Operand, List, String)}
 * (the framework's {@code minimize} would take every variable of the graph, moving batch-norm statistics included).
 */
public final class ScheduledAdam extends Optimizer {
    public static final float BETA_ONE_DEFAULT = 0.9f;
    public static final float BETA_TWO_DEFAULT = 0.999f;
    public static final float EPSILON_DEFAULT = 1e-8f;

    private final float betaOne;
    private final float betaTwo;
    private final float epsilon;
    private final Placeholder<TFloat32> learningRate;
    private Variable<TFloat32> betaOnePower;
    private Variable<TFloat32> betaTwoPower;

    public ScheduledAdam(Graph graph) {
        this(graph, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
    }

    public ScheduledAdam(Graph graph, float betaOne, float betaTwo, float epsilon) {
        super(graph, "ScheduledAdam");
        this.betaOne = betaOne;
        this.betaTwo = betaTwo;
        this.epsilon = epsilon;
        this.learningRate = tf.withName("learning_rate").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
    }

    /** The scalar learning-rate placeholder; feed it on every run of the training op. */
    public Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    /**
     * The training op: gradients of {@code loss} with respect to {@code variables}, applied with Adam.
     *
     * @param name name of the returned op
     */
    public Op minimize(Operand<TFloat32> loss, List<Variable<TFloat32>> variables, String name) {
        Output<?>[] xs = new Output<?>[variables.size()];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = variables.get(k).asOutput();
        }
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
        List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int k = 0; k < xs.length; k++) {
            @SuppressWarnings("unchecked")
            Output<TFloat32> g = (Output<TFloat32>) grads[k];
            pairs.add(new GradAndVar<>(g, variables.get(k).asOutput()));
        }
        return applyGradients(pairs, name);
    }

    @Override
    protected void createSlots(List<Output<? extends TType>> variables) {
        for (Output<? extends TType> v : variables) {
            zeroSlot(v, "m");
            zeroSlot(v, "v");
        }
        betaOnePower = tf.withName("beta1_power").variable(tf.constant(betaOne));
        betaTwoPower = tf.withName("beta2_power").variable(tf.constant(betaTwo));
    }

    private <T extends TType> void zeroSlot(Output<T> v, String slot) {
        Operand<T> zeros = tf.zeros(tf.constant(v.shape().asArray()), v.type());
        createSlot(v, slot, zeros);
    }

    @Override
    protected Optional<Op> prepare(String scopeName) {
        return Optional.empty();
    }

    @Override
    protected <T extends TType> Op applyDense(Ops ops, Output<T> gradient, Output<T> variable) {
        Variable<T> m = getSlot(variable, "m").orElseThrow();
        Variable<T> v = getSlot(variable, "v").orElseThrow();
        Class<T> type = gradient.type();
        return ops.train.applyAdam(variable, m, v,
                ops.dtypes.cast(betaOnePower, type), ops.dtypes.cast(betaTwoPower, type),
                ops.dtypes.cast(learningRate, type), ops.dtypes.cast(tf.constant(betaOne), type),
                ops.dtypes.cast(tf.constant(betaTwo), type), ops.dtypes.cast(tf.constant(epsilon), type), gradient);
    }

    @Override
    protected Op finish(List<Op> updateOperations, String name) {
        Ops deps = tf.withControlDependencies(updateOperations);
        List<Op> all = new ArrayList<>(updateOperations);
        all.add(deps.assign(betaOnePower, tf.math.mul(betaOnePower, tf.constant(betaOne))));
        all.add(deps.assign(betaTwoPower, tf.math.mul(betaTwoPower, tf.constant(betaTwo))));
        return super.finish(all, name);
    }

    @Override
    public String getOptimizerName() {
        return "ScheduledAdam";
    }
}
