package org.unate.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.graph.GraphBatch;

/**
 * How edge values meet their centre node: the two operations a message-passing layer needs.
 * <ul>
 * <li>{@link General}: any edge list. Centre values are gathered by {@code source}; messages are summed per centre
 * with UnsortedSegmentSum.</li>
 * <li>{@link Regular}: every node has exactly {@code k} edges and edges are grouped by centre in node order
 * ({@code source[e] == e / k}), as in a k-nearest-neighbour graph (k is read from the batch at run time). Then {@code [nEdges, C]} is a {@code [nNodes, k, C]}
 * block: centre values are broadcast and messages summed over the middle axis, with no gather and no scatter.
 * {@link #regularK(GraphBatch)} tells whether a batch qualifies.</li>
 * </ul>
 * Both give the same numbers up to float rounding (tested).
 */
public interface EdgeLayout {
    /** {@code edge [nEdges, C] + node[source] -> [nEdges, C]}. */
    Operand<TFloat32> addCentre(Operand<TFloat32> edge, Operand<TFloat32> node, int channels);

    /** {@code sum over the edges of each centre: [nEdges, C] -> [nNodes, C]}. */
    Operand<TFloat32> sumToCentre(Operand<TFloat32> edge, int channels);

    /** The k of a batch in which every node has exactly k >= 1 edges grouped by centre in order, else 0. */
    static int regularK(GraphBatch b) {
        int n = b.numNodes();
        int e = b.numEdges();
        if (n == 0 || e == 0 || e % n != 0) {
            return 0;
        }
        int k = e / n;
        int[] src = b.source();
        for (int i = 0; i < e; i++) {
            if (src[i] != i / k) {
                return 0;
            }
        }
        return k;
    }

    /** Gather and UnsortedSegmentSum over {@code source}. */
    record General(Ops tf, GraphInputs in) implements EdgeLayout {
        @Override
        public Operand<TFloat32> addCentre(Operand<TFloat32> edge, Operand<TFloat32> node, int channels) {
            return tf.math.add(edge, tf.gather(node, in.source, tf.constant(0)));
        }

        @Override
        public Operand<TFloat32> sumToCentre(Operand<TFloat32> edge, int channels) {
            return tf.math.unsortedSegmentSum(edge, in.source, in.numNodes);
        }
    }

    /**
     * Reshape to {@code [nNodes, k, C]} with k = nEdges / nNodes taken at run time; valid only for batches where
     * {@link #regularK} is positive.
     */
    record Regular(Ops tf, GraphInputs in) implements EdgeLayout {
        private Operand<TInt32> blockShape(int channels) {
            return tf.concat(List.of(tf.reshape(in.numNodes, tf.constant(new int[] {1})),
                    tf.constant(new int[] {-1, channels})), tf.constant(0));
        }

        @Override
        public Operand<TFloat32> addCentre(Operand<TFloat32> edge, Operand<TFloat32> node, int channels) {
            Operand<TFloat32> e3 = tf.reshape(edge, blockShape(channels));
            Operand<TFloat32> sum = tf.math.add(e3, tf.expandDims(node, tf.constant(1)));
            return tf.reshape(sum, tf.constant(new int[] {-1, channels}));
        }

        @Override
        public Operand<TFloat32> sumToCentre(Operand<TFloat32> edge, int channels) {
            return tf.sum(tf.reshape(edge, blockShape(channels)), tf.constant(1));
        }
    }
}
