package org.unate.pretrain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.unate.graph.GraphConfig;
import org.unate.model.ModelConfig;

/**
 * Everything a pretraining run depends on; saved next to its checkpoints and tables as {@code config.json}.
 * <p>Defaults ({@link #defaults(String, int)}) and why:
 * <ul>
 * <li>Corruption: 10 % of atoms masked and 10 % of directed edges dropped per view, no coordinate jitter (the
 * authors' rates).</li>
 * <li>Species loss on the masked atoms only: on every atom it can be met by copying the visible species.</li>
 * <li>Loss weights so that each term starts near 1 with random weights: species cross-entropy starts near
 * ln(118) = 4.8, so 0.2; the adjacency NLL over 6 classes near ln 6 = 1.8, so 0.5; NT-Xent over a batch of 2 x 64
 * views near ln(127) = 4.8, so 0.2; Barlow Twins near the projection width P (each diagonal term near 1), so 1 / P.
 * The first epoch's terms are in the loss history; docs/pretraining.md lists them.</li>
 * <li>NT-Xent at the authors' temperature 0.07; Barlow Twins at lambda 0.0051 (Zbontar et al.).</li>
 * <li>Adam, learning rate 1e-3 with a cosine to 1e-5 over the epochs, batch 64 crystals (128 views per step).</li>
 * </ul>
 * {@link #withPresetUnate()} is the authors' published loss: weights 225 / 4 / 3 and the species loss on all atoms.
 *
 * @param model                the encoder: backbone, width H = the table dimension, layers; the featurizer is
 *                             always {@code atomic-number} (a learned embedding of Z, row 0 the mask token)
 * @param graph                the graph the encoder reads (default: the backbone's, {@link ModelConfig#defaultGraph})
 * @param maskRate             fraction of atoms whose species is replaced by the mask token in each view
 * @param edgeDropRate         fraction of directed edges removed in each view
 * @param jitter               standard deviation of a Gaussian added to every edge vector component, angstrom (0 = off)
 * @param speciesOnAllAtoms    species cross-entropy over every atom (the authors) instead of the masked ones
 * @param adjacencyMaxClass    edge multiplicity is clamped to this (classes 0..max)
 * @param adjacencyClass0Weight weight of class 0 ("not joined") in the adjacency NLL (the authors: 0.1)
 * @param adjacencyExactAtoms  cells with at most this many atoms score every ordered atom pair; larger cells score
 *                             every joined pair plus {@code adjacencyNegatives} times as many sampled unjoined pairs,
 *                             reweighted so the expected loss is that of all pairs
 * @param adjacencyNegatives   sampled unjoined pairs per joined pair in large cells
 * @param contrastive          {@code ntxent}, {@code barlow} or {@code none}
 * @param temperature          NT-Xent temperature
 * @param barlowLambda         Barlow Twins weight of the off-diagonal terms
 * @param projectionDim        width P of the projection head
 * @param speciesWeight        weight a of the species term
 * @param adjacencyWeight      weight b of the adjacency term
 * @param contrastiveWeight    weight c of the contrastive term (NaN: the default of the kind, see above)
 * @param epochs               epochs
 * @param batchSize            crystals per step (two views each)
 * @param learningRate         initial Adam learning rate
 * @param minLearningRate      final learning rate of the cosine
 * @param validationFraction   fraction of the pretraining crystals held out to score the loss after every epoch (the
 *                             best epoch's weights are kept); their structures still enter the exported tables
 * @param seed                 weights, views, held-out crystals, batch order
 * @param intraOpThreads       TensorFlow threads inside one kernel
 * @param interOpThreads       TensorFlow kernels run at once
 * @param inferenceBatchSize   crystals per batch for validation and export
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PretrainConfig(ModelConfig model, GraphConfig graph, double maskRate, double edgeDropRate,
                             double jitter, boolean speciesOnAllAtoms, int adjacencyMaxClass,
                             double adjacencyClass0Weight, int adjacencyExactAtoms, int adjacencyNegatives,
                             String contrastive, double temperature, double barlowLambda, int projectionDim,
                             double speciesWeight, double adjacencyWeight, double contrastiveWeight, int epochs,
                             int batchSize, double learningRate, double minLearningRate, double validationFraction,
                             long seed, int intraOpThreads, int interOpThreads, int inferenceBatchSize) {
    public static final String NTXENT = "ntxent";
    public static final String BARLOW = "barlow";
    public static final String NONE = "none";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public PretrainConfig {
        if (model == null) {
            model = ModelConfig.cgcnn().withWidths(128, 3, 128);
        }
        model = model.withFeaturizer("atomic-number");
        if (graph == null) {
            graph = model.defaultGraph();
        }
        rate("mask rate", maskRate);
        rate("edge drop rate", edgeDropRate);
        if (!(jitter >= 0) || !Double.isFinite(jitter)) {
            throw new IllegalArgumentException("jitter must be a finite number >= 0 angstrom, got " + jitter);
        }
        if (adjacencyMaxClass < 1 || adjacencyExactAtoms < 1 || adjacencyNegatives < 1) {
            throw new IllegalArgumentException("adjacencyMaxClass, adjacencyExactAtoms and adjacencyNegatives must be"
                    + " positive");
        }
        if (!(adjacencyClass0Weight > 0)) {
            throw new IllegalArgumentException("adjacencyClass0Weight must be > 0, got " + adjacencyClass0Weight);
        }
        contrastive = contrastive == null ? NTXENT : contrastive.trim().toLowerCase(Locale.ROOT);
        if (!contrastive.equals(NTXENT) && !contrastive.equals(BARLOW) && !contrastive.equals(NONE)) {
            throw new IllegalArgumentException("unknown contrastive loss '" + contrastive
                    + "': expected ntxent, barlow or none");
        }
        if (!(temperature > 0) || !(barlowLambda >= 0) || projectionDim < 1) {
            throw new IllegalArgumentException("need temperature > 0, barlowLambda >= 0, projectionDim >= 1");
        }
        if (Double.isNaN(contrastiveWeight)) {
            contrastiveWeight = contrastive.equals(BARLOW) ? 1.0 / projectionDim : 0.2;
        }
        if (!(speciesWeight >= 0) || !(adjacencyWeight >= 0) || !(contrastiveWeight >= 0)
                || speciesWeight + adjacencyWeight + (contrastive.equals(NONE) ? 0 : contrastiveWeight) <= 0) {
            throw new IllegalArgumentException("loss weights must be >= 0 and not all 0");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("--batch must be >= 2 (the contrastive loss needs other crystals),"
                    + " got " + batchSize);
        }
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need 0 <= minLearningRate <= learningRate, learningRate > 0");
        }
        if (!(validationFraction >= 0 && validationFraction < 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 0.5), got " + validationFraction);
        }
        if (intraOpThreads < 1 || interOpThreads < 1 || inferenceBatchSize < 1) {
            throw new IllegalArgumentException("thread counts and inferenceBatchSize must be >= 1");
        }
    }

    private static void rate(String what, double r) {
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + r);
        }
    }

    /**
     * The defaults (class comment) for {@code backbone} ({@code cgcnn} or {@code cartnet-lite}) at width {@code dim}:
     * the backbone's own layer count and graph.
     */
    public static PretrainConfig defaults(String backbone, int dim) {
        ModelConfig base = backbone(backbone);
        ModelConfig m = base.withWidths(dim, base.layers(), base.headWidth());
        return new PretrainConfig(m, m.defaultGraph(), 0.10, 0.10, 0.0, false, 5, 0.1, 24, 1, NTXENT, 0.07, 0.0051,
                dim, 0.2, 0.5, Double.NaN, 50, 64, 1e-3, 1e-5, 0.02, 0L, 2, 1, 256);
    }

    /** The model config of a backbone name ({@code cgcnn}, {@code cartnet} or {@code cartnet-lite}). */
    static ModelConfig backbone(String name) {
        String b = name == null ? ModelConfig.CGCNN : name.trim().toLowerCase(Locale.ROOT);
        return switch (b) {
            case "cgcnn" -> ModelConfig.cgcnn();
            case "cartnet", "cartnet-lite" -> ModelConfig.cartnetLite();
            default -> throw new IllegalArgumentException("unknown backbone '" + name
                    + "': expected cgcnn or cartnet");
        };
    }

    /** The authors' published loss (UNATE's public code): weights 225 / 4 / 3, species loss on every atom. */
    public PretrainConfig withPresetUnate() {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, true, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, 0.07, barlowLambda,
                projectionDim, 225, 4, 3, epochs, batchSize, learningRate, minLearningRate, validationFraction, seed,
                intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withContrastive(String kind) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, kind, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, Double.NaN, epochs, batchSize, learningRate,
                minLearningRate, validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withCorruption(double mask, double drop, double jitterAngstrom) {
        return new PretrainConfig(model, graph, mask, drop, jitterAngstrom, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate,
                minLearningRate, validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withSpeciesOnAllAtoms(boolean all) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, all, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate,
                minLearningRate, validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withWeights(double species, double adjacency, double contrastiveW) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, species, adjacency, contrastiveW, epochs, batchSize, learningRate, minLearningRate,
                validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withAdjacencySampling(int exactAtoms, int negatives) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, exactAtoms, negatives, contrastive, temperature, barlowLambda, projectionDim,
                speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate, minLearningRate,
                validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withTraining(int nEpochs, int batch, double lr, double minLr) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, nEpochs, batch, lr, minLr,
                validationFraction, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withValidationFraction(double f) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate,
                minLearningRate, f, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withSeed(long s) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate,
                minLearningRate, validationFraction, s, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public PretrainConfig withThreads(int intra, int inter) {
        return new PretrainConfig(model, graph, maskRate, edgeDropRate, jitter, speciesOnAllAtoms, adjacencyMaxClass,
                adjacencyClass0Weight, adjacencyExactAtoms, adjacencyNegatives, contrastive, temperature, barlowLambda,
                projectionDim, speciesWeight, adjacencyWeight, contrastiveWeight, epochs, batchSize, learningRate,
                minLearningRate, validationFraction, seed, intra, inter, inferenceBatchSize);
    }

    /** Table dimension d = the encoder width. */
    public int dim() {
        return model.hidden();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PretrainConfig fromJson(String json) {
        try {
            return JSON.readValue(json, PretrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad pretraining config: " + e.getMessage(), e);
        }
    }

    public void save(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
