package org.unate.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Locale;
import org.unate.graph.GraphConfig;
import org.unate.nn.Init;

/**
 * The architecture: backbone, widths, distance bases, node featurizer.
 *
 * @param backbone          {@code "cgcnn"} or {@code "cartnet-lite"}
 * @param hidden            node width H
 * @param layers            number of convolutions
 * @param headWidth         width of the hidden layer of the head
 * @param gaussianMin       CGCNN: first Gaussian centre, angstrom
 * @param gaussianMax       CGCNN: last Gaussian centre, angstrom
 * @param gaussianStep      CGCNN: spacing of the centres, angstrom
 * @param gaussianWidth     CGCNN: sigma of {@code exp(-(d - mu)^2 / sigma^2)}, angstrom
 * @param cutoff            CartNet-lite: radius of the message envelope, angstrom (edges beyond it carry nothing)
 * @param rbfCount          CartNet-lite: number of exponential-normal radial functions
 * @param featurizer        node featurizer spec (see {@link NodeFeaturizer#parse})
 * @param batchNormMomentum weight of the batch statistics in the moving averages (PyTorch's 0.1)
 * @param edgeFastPath      use the reshape layout when every node of every batch has exactly k sorted edges
 *                          (detected per batch; results are the same up to float rounding)
 * @param init              initial values of the backbone's and the head's linear maps: {@code torch} (PyTorch's
 *                          nn.Linear default, as in the PyTorch reference; the default of {@link #cgcnn()}) or
 *                          {@code glorot} (Glorot-uniform weights, zero biases; the default of {@link #cartnetLite()},
 *                          and what a configuration saved without this field, or null here, means); featurizer
 *                          projections stay Glorot
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(String backbone, int hidden, int layers, int headWidth,
                          double gaussianMin, double gaussianMax, double gaussianStep, double gaussianWidth,
                          double cutoff, int rbfCount, String featurizer, double batchNormMomentum,
                          boolean edgeFastPath, String init) {
    public static final String CGCNN = "cgcnn";
    public static final String CARTNET_LITE = "cartnet-lite";

    public ModelConfig {
        backbone = backbone == null ? CGCNN : backbone.trim().toLowerCase(Locale.ROOT);
        if (!backbone.equals(CGCNN) && !backbone.equals(CARTNET_LITE)) {
            throw new IllegalArgumentException("unknown backbone '" + backbone + "': expected cgcnn or cartnet-lite");
        }
        if (hidden < 1 || layers < 1 || headWidth < 1) {
            throw new IllegalArgumentException("hidden, layers and headWidth must be positive, got "
                    + hidden + ", " + layers + ", " + headWidth);
        }
        if (!(gaussianStep > 0) || !(gaussianWidth > 0) || gaussianMax < gaussianMin) {
            throw new IllegalArgumentException("Gaussian basis needs step > 0, width > 0, max >= min");
        }
        if (!(cutoff > 0) || rbfCount < 1) {
            throw new IllegalArgumentException("cutoff must be > 0 and rbfCount >= 1");
        }
        if (featurizer == null || featurizer.isBlank()) {
            featurizer = "atomic-number";
        }
        init = init == null || init.isBlank() ? "glorot" : init.trim().toLowerCase(Locale.ROOT);
        Init.ofName(init);
        if (!(batchNormMomentum > 0 && batchNormMomentum <= 1)) {
            throw new IllegalArgumentException("batchNormMomentum must be in (0, 1], got " + batchNormMomentum);
        }
    }

    /**
     * CGCNN defaults: H 64, 3 convolutions, head 128, Gaussians 0..8 A step 0.2 width 0.2, atomic-number features,
     * PyTorch's initialisation (better validation MAE than Glorot's on the MBJ gap for each of three seeds;
     * docs/results.md).
     */
    public static ModelConfig cgcnn() {
        return new ModelConfig(CGCNN, 64, 3, 128, 0.0, 8.0, 0.2, 0.2, 5.0, 32, "atomic-number", 0.1, true, "torch");
    }

    /** CartNet-lite defaults: H 64, 3 layers, head 128, cutoff 5 A, 32 radial functions, Glorot initialisation. */
    public static ModelConfig cartnetLite() {
        return new ModelConfig(CARTNET_LITE, 64, 3, 128, 0.0, 8.0, 0.2, 0.2, 5.0, 32, "atomic-number", 0.1, true,
                "glorot");
    }

    /**
     * The graph this backbone is meant for: CGCNN's 12 nearest neighbours within 8 angstrom, or, for CartNet-lite,
     * every neighbour within its cutoff (a radius graph).
     */
    public GraphConfig defaultGraph() {
        return backbone.equals(CGCNN) ? GraphConfig.cgcnn() : GraphConfig.radius(cutoff);
    }

    /** Gaussian centres mu_k = min + k step, k = 0.. while mu_k <= max (+ step / 2): 41 for the defaults. */
    public float[] gaussianCentres() {
        int n = (int) Math.floor((gaussianMax - gaussianMin) / gaussianStep + 0.5) + 1;
        float[] c = new float[n];
        for (int k = 0; k < n; k++) {
            c[k] = (float) (gaussianMin + k * gaussianStep);
        }
        return c;
    }

    /** The same settings on another backbone (the initialisation included; see {@link #init}). */
    public ModelConfig withBackbone(String b) {
        return new ModelConfig(b, hidden, layers, headWidth, gaussianMin, gaussianMax, gaussianStep, gaussianWidth,
                cutoff, rbfCount, featurizer, batchNormMomentum, edgeFastPath, init);
    }

    public ModelConfig withFeaturizer(String spec) {
        return new ModelConfig(backbone, hidden, layers, headWidth, gaussianMin, gaussianMax, gaussianStep,
                gaussianWidth, cutoff, rbfCount, spec, batchNormMomentum, edgeFastPath, init);
    }

    public ModelConfig withWidths(int newHidden, int newLayers, int newHeadWidth) {
        return new ModelConfig(backbone, newHidden, newLayers, newHeadWidth, gaussianMin, gaussianMax, gaussianStep,
                gaussianWidth, cutoff, rbfCount, featurizer, batchNormMomentum, edgeFastPath, init);
    }

    public ModelConfig withInit(String kind) {
        return new ModelConfig(backbone, hidden, layers, headWidth, gaussianMin, gaussianMax, gaussianStep,
                gaussianWidth, cutoff, rbfCount, featurizer, batchNormMomentum, edgeFastPath, kind);
    }

    /** The initialiser kind of {@link #init}. */
    public Init.Kind initKind() {
        return Init.ofName(init);
    }

    public ModelConfig withEdgeFastPath(boolean on) {
        return new ModelConfig(backbone, hidden, layers, headWidth, gaussianMin, gaussianMax, gaussianStep,
                gaussianWidth, cutoff, rbfCount, featurizer, batchNormMomentum, on, init);
    }
}
