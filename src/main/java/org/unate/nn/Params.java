package org.unate.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one model and where they came from: a graph, a master seed, the trainable variables (those the
 * optimiser updates), the non-trainable ones (batch-norm moving statistics) and the update operations that must run
 * with every training step (moving-average updates).
 * <p>Variable names are unique within the graph; a duplicate name is a programming error and throws. Names may use
 * '/' as a separator ("conv0/W_node"); the graph op is named with '.' instead ("conv0.W_node").
 */
public final class Params {
    private final Graph graph;
    private final Ops tf;
    private final long seed;
    private final Map<String, Variable<TFloat32>> trainable = new LinkedHashMap<>();
    private final Map<String, Variable<TFloat32>> frozen = new LinkedHashMap<>();
    private final List<Op> updates = new ArrayList<>();

    public Params(Graph graph, long seed) {
        this.graph = graph;
        this.tf = Ops.create(graph);
        this.seed = seed;
    }

    public Graph graph() {
        return graph;
    }

    public Ops tf() {
        return tf;
    }

    /** The master seed. */
    public long seed() {
        return seed;
    }

    /** A seed derived from the master seed for one purpose (see {@link Seeds#derive}). */
    public long seedFor(String name) {
        return Seeds.derive(seed, name);
    }

    /**
     * A new float32 variable named {@code name} of the given shape, initialised from {@code init} (row-major).
     *
     * @param trainable whether the optimiser updates it
     */
    public Variable<TFloat32> variable(String name, Shape shape, float[] init, boolean trainable) {
        if (this.trainable.containsKey(name) || frozen.containsKey(name)) {
            throw new IllegalArgumentException("variable '" + name + "' already exists");
        }
        if (shape.size() != init.length) {
            throw new IllegalArgumentException("variable '" + name + "': " + init.length + " initial values for shape " + shape);
        }
        String opName = opName(name);
        var value = tf.withName(opName + "_init").constant(shape, DataBuffers.of(init, true, false));
        Variable<TFloat32> v = tf.withName(opName).variable(value);
        (trainable ? this.trainable : frozen).put(name, v);
        return v;
    }

    /** The graph op name for a variable name: '/' (not allowed in TensorFlow Java op names) becomes '.'. */
    public static String opName(String name) {
        return name.replace('/', '.');
    }

    /** Registers an operation that must run with every training step (e.g. a moving-average update). */
    public void addUpdate(Op op) {
        updates.add(op);
    }

    /** Trainable variables in creation order. */
    public List<Variable<TFloat32>> trainable() {
        return List.copyOf(trainable.values());
    }

    /** Names of the trainable variables, in creation order. */
    public List<String> trainableNames() {
        return List.copyOf(trainable.keySet());
    }

    /** Non-trainable variables (moving statistics), in creation order. */
    public List<Variable<TFloat32>> nonTrainable() {
        return List.copyOf(frozen.values());
    }

    /** Update operations registered so far. */
    public List<Op> updates() {
        return Collections.unmodifiableList(updates);
    }

    /** Number of trainable scalars. */
    public long trainableCount() {
        long n = 0;
        for (Variable<TFloat32> v : trainable.values()) {
            n += v.shape().size();
        }
        return n;
    }
}
