package org.unate.property;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.unate.model.ModelConfig;
import org.unate.nn.Losses;

/**
 * Everything a training run depends on; saved next to every model as {@code config.json}.
 * Defaults ({@link #defaults()}) follow the PyTorch reference (cgcnn_fit.py): L1 loss on standardised targets,
 * batch 64, Adam lr 1e-3 with cosine decay to 1e-5 over the epoch budget (or over the time budget when one is set),
 * best-validation weights kept.
 *
 * @param model              architecture and featurizer
 * @param loss               {@code "l1"} or {@code "mse"}, on standardised targets
 * @param epochs             epoch cap; also the length of the cosine schedule when no time budget is set
 * @param batchSize          crystals per step; an epoch is split into ceil(n / batchSize) batches of near-equal size
 * @param learningRate       initial Adam learning rate
 * @param minLearningRate    final learning rate of the cosine schedule
 * @param timeBudgetSeconds  wall-clock budget for training plus validation (0 = none): the run stops before an
 *                           epoch that would end past it, and the cosine runs over it
 * @param patience           stop after this many epochs without a better validation MAE (0 = never)
 * @param seed               initial weights, random tables and shuffling
 * @param intraOpThreads     TensorFlow threads inside one kernel
 * @param interOpThreads     TensorFlow kernels run at once
 * @param inferenceBatchSize crystals per batch for validation and prediction
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainConfig(ModelConfig model, String loss, int epochs, int batchSize, double learningRate,
                          double minLearningRate, double timeBudgetSeconds, int patience, long seed,
                          int intraOpThreads, int interOpThreads, int inferenceBatchSize) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TrainConfig {
        if (model == null) {
            model = ModelConfig.cgcnn();
        }
        loss = loss == null ? "l1" : Losses.Kind.parse(loss).name().toLowerCase(java.util.Locale.ROOT);
        if (epochs < 1 || batchSize < 1 || inferenceBatchSize < 1) {
            throw new IllegalArgumentException("epochs, batchSize and inferenceBatchSize must be positive");
        }
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need 0 <= minLearningRate <= learningRate, learningRate > 0");
        }
        if (timeBudgetSeconds < 0 || patience < 0) {
            throw new IllegalArgumentException("timeBudgetSeconds and patience must be >= 0");
        }
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be >= 1");
        }
    }

    /** CGCNN, atomic-number features, L1, 100 epochs, batch 64, lr 1e-3 -> 1e-5, no budget, no patience, seed 0,
     *  2 intra-op threads and 1 inter-op thread, inference batch 256. */
    public static TrainConfig defaults() {
        return new TrainConfig(ModelConfig.cgcnn(), "l1", 100, 64, 1e-3, 1e-5, 0, 0, 0L, 2, 1, 256);
    }

    public Losses.Kind lossKind() {
        return Losses.Kind.parse(loss);
    }

    public TrainConfig withModel(ModelConfig m) {
        return new TrainConfig(m, loss, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withFeaturizer(String spec) {
        return withModel(model.withFeaturizer(spec));
    }

    public TrainConfig withEpochs(int n) {
        return new TrainConfig(model, loss, n, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withBatchSize(int n) {
        return new TrainConfig(model, loss, epochs, n, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withLoss(String l) {
        return new TrainConfig(model, l, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withLearningRate(double max, double min) {
        return new TrainConfig(model, loss, epochs, batchSize, max, min, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withTimeBudgetSeconds(double s) {
        return new TrainConfig(model, loss, epochs, batchSize, learningRate, minLearningRate, s,
                patience, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(model, loss, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                p, seed, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(model, loss, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, s, intraOpThreads, interOpThreads, inferenceBatchSize);
    }

    public TrainConfig withThreads(int intra, int inter) {
        return new TrainConfig(model, loss, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intra, inter, inferenceBatchSize);
    }

    public TrainConfig withInferenceBatchSize(int n) {
        return new TrainConfig(model, loss, epochs, batchSize, learningRate, minLearningRate, timeBudgetSeconds,
                patience, seed, intraOpThreads, interOpThreads, n);
    }

    /** JSON text of this config. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TrainConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a TrainConfig: " + e.getMessage(), e);
        }
    }

    public void save(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static TrainConfig load(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
