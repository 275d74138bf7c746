package org.unate.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.unate.nn.Params;

/**
 * A message-passing network: initial node vectors {@code [nNodes, H]} -> final node vectors {@code [nNodes, H]}.
 * Variables are created by the constructor; {@link #apply} builds operations and may be called once per graph path
 * (training, inference, each edge layout) over the same variables.
 */
public interface Backbone {
    /**
     * @param in       the batch placeholders (distances, vectors, indices)
     * @param layout   how edges meet their centres
     * @param nodes    {@code [nNodes, H]}
     * @param training batch-norm mode (see {@link org.unate.nn.BatchNorm})
     * @return {@code [nNodes, H]}
     */
    Operand<TFloat32> apply(GraphInputs in, EdgeLayout layout, Operand<TFloat32> nodes, boolean training);

    /** Whether the backbone reads the edge vectors (else only distances are fed). */
    boolean usesVectors();

    /**
     * The backbone named by {@code config.backbone()}: the one place that maps a name to an implementation (a new
     * backbone is added here and in {@link ModelConfig}).
     */
    static Backbone create(ModelConfig config, Params params) {
        return switch (config.backbone()) {
            case ModelConfig.CGCNN -> new CgcnnBackbone(config, params);
            case ModelConfig.CARTNET_LITE -> new CartNetLiteBackbone(config, params);
            default -> throw new IllegalArgumentException("unknown backbone " + config.backbone());
        };
    }
}
