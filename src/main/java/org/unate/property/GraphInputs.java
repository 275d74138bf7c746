package org.unate.property;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.graph.GraphBatch;
import org.unate.nn.Tensors;

/**
 * The placeholders one packed {@link GraphBatch} is fed through, and quantities derived from them in the graph.
 * Names (for SavedModel signatures and feeds by name) are fixed: {@code atomic_numbers [nNodes]},
 * {@code node_graph [nNodes]}, {@code source [nEdges]}, {@code destination [nEdges]}, {@code nodes_per_graph [nGraphs]}
 * (int32), {@code distance [nEdges]} (angstrom), {@code vector [nEdges, 3]} (angstrom), {@code target [nGraphs]}
 * (standardised), all float32 unless int32 is said.
 */
public final class GraphInputs {
    final Placeholder<TInt32> atomicNumbers;
    final Placeholder<TInt32> nodeGraph;
    final Placeholder<TInt32> source;
    final Placeholder<TInt32> destination;
    final Placeholder<TInt32> nodesPerGraph;
    final Placeholder<TFloat32> distance;
    final Placeholder<TFloat32> vector;
    final Placeholder<TFloat32> target;
    /** Scalar int32: nNodes. */
    final Operand<TInt32> numNodes;
    /** Scalar int32: nGraphs. */
    final Operand<TInt32> numGraphs;
    /** {@code [nGraphs]}: 1 / atoms per graph. */
    final Operand<TFloat32> inverseCounts;

    GraphInputs(Ops tf) {
        atomicNumbers = tf.withName("atomic_numbers").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nodeGraph = tf.withName("node_graph").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        source = tf.withName("source").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        destination = tf.withName("destination").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nodesPerGraph = tf.withName("nodes_per_graph").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        distance = tf.withName("distance").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        vector = tf.withName("vector").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
        target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        numNodes = tf.size(atomicNumbers);
        numGraphs = tf.size(nodesPerGraph);
        inverseCounts = tf.math.div(tf.constant(1f), tf.dtypes.cast(nodesPerGraph, TFloat32.class));
    }

    /**
     * Tensors for one batch; close after the run. Vectors are fed only to backbones that read them.
     *
     * @param targets standardised targets {@code [nGraphs]}, or null for inference
     */
    Feed feed(GraphBatch b, boolean withVectors, float[] targets) {
        return new Feed(b, withVectors, targets);
    }

    /** Owns the tensors of one batch. */
    final class Feed implements AutoCloseable {
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Placeholder<?>> where = new ArrayList<>();

        private Feed(GraphBatch b, boolean withVectors, float[] targets) {
            add(atomicNumbers, Tensors.ints(b.atomicNumbers(), b.numNodes()));
            add(nodeGraph, Tensors.ints(b.nodeGraph(), b.numNodes()));
            add(source, Tensors.ints(b.source(), b.numEdges()));
            add(destination, Tensors.ints(b.destination(), b.numEdges()));
            add(nodesPerGraph, Tensors.ints(b.nodesPerGraph(), b.numGraphs()));
            add(distance, Tensors.floats(b.distance(), b.numEdges()));
            if (withVectors) {
                add(vector, Tensors.floats(b.vector(), b.numEdges(), 3));
            }
            if (targets != null) {
                add(target, Tensors.floats(targets, targets.length));
            }
        }

        private void add(Placeholder<?> p, Tensor t) {
            where.add(p);
            tensors.add(t);
        }

        Session.Runner into(Session.Runner r) {
            for (int k = 0; k < tensors.size(); k++) {
                r.feed(where.get(k), tensors.get(k));
            }
            return r;
        }

        @Override
        public void close() {
            tensors.forEach(Tensor::close);
        }
    }
}
