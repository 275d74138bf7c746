package org.unate.model;

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
 * (int32), {@code distance [nEdges]} (angstrom), {@code vector [nEdges, 3]} (angstrom), all float32 unless int32
 * is said. They carry structure only: a task adds its own targets to a {@link Feed} ({@link Feed#add}).
 */
public final class GraphInputs {
    public final Placeholder<TInt32> atomicNumbers;
    public final Placeholder<TInt32> nodeGraph;
    public final Placeholder<TInt32> source;
    public final Placeholder<TInt32> destination;
    public final Placeholder<TInt32> nodesPerGraph;
    public final Placeholder<TFloat32> distance;
    public final Placeholder<TFloat32> vector;
    /** Scalar int32: nNodes. */
    public final Operand<TInt32> numNodes;
    /** Scalar int32: nGraphs. */
    public final Operand<TInt32> numGraphs;
    /** {@code [nGraphs]}: 1 / atoms per graph. */
    public final Operand<TFloat32> inverseCounts;

    public GraphInputs(Ops tf) {
        atomicNumbers = tf.withName("atomic_numbers").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nodeGraph = tf.withName("node_graph").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        source = tf.withName("source").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        destination = tf.withName("destination").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        nodesPerGraph = tf.withName("nodes_per_graph").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        distance = tf.withName("distance").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        vector = tf.withName("vector").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
        numNodes = tf.size(atomicNumbers);
        numGraphs = tf.size(nodesPerGraph);
        inverseCounts = tf.math.div(tf.constant(1f), tf.dtypes.cast(nodesPerGraph, TFloat32.class));
    }

    /** Tensors for one batch; close after the run. Vectors are fed only to backbones that read them. */
    public Feed feed(GraphBatch b, boolean withVectors) {
        return new Feed(b, withVectors);
    }

    /** Owns the tensors of one batch, and of any task inputs added to it. */
    public final class Feed implements AutoCloseable {
        private final List<Tensor> tensors = new ArrayList<>();
        private final List<Placeholder<?>> where = new ArrayList<>();

        private Feed(GraphBatch b, boolean withVectors) {
            add(atomicNumbers, Tensors.ints(b.atomicNumbers(), b.numNodes()));
            add(nodeGraph, Tensors.ints(b.nodeGraph(), b.numNodes()));
            add(source, Tensors.ints(b.source(), b.numEdges()));
            add(destination, Tensors.ints(b.destination(), b.numEdges()));
            add(nodesPerGraph, Tensors.ints(b.nodesPerGraph(), b.numGraphs()));
            add(distance, Tensors.floats(b.distance(), b.numEdges()));
            if (withVectors) {
                add(vector, Tensors.floats(b.vector(), b.numEdges(), 3));
            }
        }

        /** Feeds {@code t} into {@code p} as well; the feed owns (and closes) the tensor. Returns this feed. */
        public Feed add(Placeholder<?> p, Tensor t) {
            where.add(p);
            tensors.add(t);
            return this;
        }

        public Session.Runner into(Session.Runner r) {
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
