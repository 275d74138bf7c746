package org.unate.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.graph.GraphBatch;
import org.unate.graph.GraphConfig;
import org.unate.nn.Params;

/**
 * The encoder every task shares: node featurizer + message-passing backbone, over the placeholders of one packed
 * batch.
 * <pre>
 *   x = featurizer(Z)           [nNodes, H]
 *   v = backbone(x, edges)      [nNodes, H]
 * </pre>
 * Tasks put their heads on {@link #apply} (property regression: mean pooling + MLP; pretraining: species,
 * adjacency and projection heads). The variables are created by the constructor, under fixed names
 * ({@code features/...}, {@code conv{l}/...} or {@code layer{l}/...}), and seeded from the model's master seed by
 * name, so two encoders of the same config and seed start from the same weights whatever heads surround them.
 * {@link #apply} may be called once per graph path (training, inference, each edge layout) over the same variables.
 */
public final class Encoder {
    private final ModelConfig config;
    private final NodeFeaturizer featurizer;
    private final Params params;
    private final GraphInputs inputs;
    private final NodeFeaturizer.Layer features;
    private final Backbone backbone;
    private final EdgeLayout general;
    private final EdgeLayout regular;

    /** An encoder of {@code config} with the featurizer named by {@code config.featurizer()}. */
    public Encoder(ModelConfig config, Params params) {
        this(config, NodeFeaturizer.parse(config.featurizer()), params, false);
    }

    /**
     * @param featurizer the node featurizer (its spec should be {@code config.featurizer()}; a loaded model passes
     *                   one that carries its saved table)
     * @param naive      CGCNN only: the textbook evaluation of the convolution (benchmark)
     */
    public Encoder(ModelConfig config, NodeFeaturizer featurizer, Params params, boolean naive) {
        this.config = config;
        this.featurizer = featurizer;
        this.params = params;
        Ops tf = params.tf();
        this.inputs = new GraphInputs(tf);
        this.features = featurizer.build(params, config.hidden());
        this.backbone = naive && config.backbone().equals(ModelConfig.CGCNN)
                ? new CgcnnBackbone(config, params, true) : Backbone.create(config, params);
        this.general = new EdgeLayout.General(tf, inputs);
        this.regular = new EdgeLayout.Regular(tf, inputs);
    }

    /** Final node states {@code [nNodes, H]} of the fed atomic numbers. */
    public Operand<TFloat32> apply(EdgeLayout layout, boolean training) {
        return apply(inputs.atomicNumbers, layout, training);
    }

    /**
     * Final node states {@code [nNodes, H]} of the given atomic numbers {@code [nNodes]} (row 0 of a learned
     * embedding for a masked atom) over the fed edges.
     *
     * @param training batch-norm mode (see {@link org.unate.nn.BatchNorm})
     */
    public Operand<TFloat32> apply(Operand<TInt32> atomicNumbers, EdgeLayout layout, boolean training) {
        return backbone.apply(inputs, layout, features.apply(atomicNumbers), training);
    }

    /** Mean over the nodes of each graph: {@code [nNodes, H] -> [nGraphs, H]}. */
    public Operand<TFloat32> meanPool(Operand<TFloat32> nodes) {
        Ops tf = params.tf();
        return tf.math.mul(tf.math.unsortedSegmentSum(nodes, inputs.nodeGraph, inputs.numGraphs),
                tf.expandDims(inputs.inverseCounts, tf.constant(1)));
    }

    /** Tensors of one batch (close after the run); a task adds its own inputs with {@link GraphInputs.Feed#add}. */
    public GraphInputs.Feed feed(GraphBatch batch) {
        return inputs.feed(batch, backbone.usesVectors());
    }

    /** Any edge list (gather and segment sums). */
    public EdgeLayout generalLayout() {
        return general;
    }

    /** Batches where every node has exactly k edges grouped by centre ({@link EdgeLayout#regularK}). */
    public EdgeLayout regularLayout() {
        return regular;
    }

    public GraphInputs inputs() {
        return inputs;
    }

    /** The built featurizer (its table operand, if any, is the element table in the graph). */
    public NodeFeaturizer.Layer features() {
        return features;
    }

    public NodeFeaturizer featurizer() {
        return featurizer;
    }

    public ModelConfig config() {
        return config;
    }

    /** Node width H. */
    public int width() {
        return config.hidden();
    }

    public boolean usesVectors() {
        return backbone.usesVectors();
    }

    /** The graph the backbone is meant for ({@link ModelConfig#defaultGraph()}). */
    public GraphConfig defaultGraph() {
        return config.defaultGraph();
    }
}
