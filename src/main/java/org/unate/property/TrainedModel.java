package org.unate.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tensorflow.TensorFlow;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.model.EpochRecord;
import org.unate.model.NodeFeaturizer;
import org.unate.model.TrainingHistory;

/**
 * A trained property model: predictions in target units, the training history, save and load.
 * <p>{@link #save(Path)} writes a folder:
 * <pre>
 *   config.json          the TrainConfig
 *   model.json           featurizer spec, target mean/std, edge layout of the training path, best epoch, stop reason,
 *                        parameter count, TensorFlow version
 *   history.csv          epoch, wall_s, lr, train_loss, train_mae, val_mae, best_val_mae
 *   element-table.json   the featurizer's table as given (absent for atomic-number and one-hot)
 *   element-table-trained.json  the table after training, for trainable tables
 *   checkpoint/ckpt.*    every variable (TensorFlow checkpoint)
 *   saved_model/         SavedModel, signature "serving_default": inputs atomic_numbers, node_graph, source,
 *                        destination, nodes_per_graph (int32), distance (float32, angstrom) [, vector];
 *                        output prediction (target units)
 * </pre>
 * {@link #load(Path)} rebuilds the graph from config.json and model.json (the table from element-table.json, so the
 * original table file is not needed) and restores the checkpoint. Close the model to free TensorFlow's memory.
 */
public final class TrainedModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FORMAT = "unate-property-model/1";

    private final PropertyModel model;
    private final TrainingHistory history;

    TrainedModel(PropertyModel model, TrainingHistory history) {
        this.model = model;
        this.history = history;
    }

    /**
     * Predictions in target units, in input order, inference mode (moving batch-norm statistics), in batches of
     * {@code inferenceBatchSize}. A crystal's prediction does not depend on the others in its batch.
     *
     * @throws IllegalArgumentException for a crystal without atoms or with an element the featurizer lacks
     */
    public double[] predict(List<CrystalGraph> graphs) {
        requirePredictable(graphs);
        return PropertyTrainer.predict(model, graphs, model.config().inferenceBatchSize());
    }

    /** Throws {@link IllegalArgumentException} for a crystal without atoms or with an element the featurizer lacks. */
    private void requirePredictable(List<CrystalGraph> graphs) {
        for (int k = 0; k < graphs.size(); k++) {
            PropertyTrainer.checkGraph(graphs.get(k), k, "prediction");
        }
        model.featurizer().requireElements(graphs, "prediction");
    }

    /**
     * Predictions in target units from the training-mode forward pass over {@code batch} as one batch: batch norm uses
     * the statistics of these crystals instead of the moving ones, and the model is not changed. Set against
     * {@link #predict} on a training-sized batch that holds a crystal of interest, it shows whether the difference
     * between training and inference normalisation explains a prediction.
     */
    public double[] predictWithBatchStatistics(List<CrystalGraph> batch) {
        requirePredictable(batch);
        return model.predictWithBatchStatistics(GraphBatch.pack(batch));
    }

    public TrainingHistory history() {
        return history;
    }

    public TrainConfig config() {
        return model.config();
    }

    /** One line: "TrainedModel[cgcnn, features atomic-number, 112,577 parameters; TrainingHistory[...]]". */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "TrainedModel[%s, features %s, %,d parameters; %s]",
                config().model().backbone(), featurizerSpec(), parameterCount(), history);
    }

    public TargetScaler scaler() {
        return model.scaler();
    }

    public String featurizerSpec() {
        return model.featurizer().spec();
    }

    /**
     * The current value of every variable of the model, by graph op name ({@code features.embedding},
     * {@code conv0.W_node}, {@code conv0.bn_filter.moving_mean}, {@code head.out.b}, ...), row-major: the trainable
     * variables, then the batch-norm moving statistics. For diagnostics that re-evaluate the network outside
     * TensorFlow.
     */
    public Map<String, float[]> variables() {
        return model.variableValues();
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return model.parameterCount();
    }

    /**
     * The featurizer's element table as it stands now (after fine-tuning for a trainable table), restricted to the
     * elements of the original table; empty for featurizers without a table.
     */
    public Optional<AtomEmbeddings> currentTable() {
        Optional<AtomEmbeddings> orig = model.featurizer().table();
        Optional<float[]> values = model.tableValues();
        if (orig.isEmpty() || values.isEmpty()) {
            return Optional.empty();
        }
        int dim = orig.get().dim();
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (orig.get().has(z)) {
                float[] row = new float[dim];
                System.arraycopy(values.get(), z * dim, row, 0, dim);
                v.put(z, row);
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>(orig.get().meta());
        meta.put("name", orig.get().name() + (model.featurizer().trainableTable() ? "-trained" : ""));
        meta.put("featurizer", model.featurizer().spec());
        return Optional.of(AtomEmbeddings.of(v, meta));
    }

    /** Writes the folder described in the class comment (created if needed; existing files replaced). */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            model.config().save(dir.resolve("config.json"));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", FORMAT);
            meta.put("featurizer", model.featurizer().spec());
            meta.put("target_mean", model.scaler().mean());
            meta.put("target_std", model.scaler().std());
            meta.put("regular_training_layout", model.regularTraining());
            meta.put("best_epoch", history.bestEpoch());
            meta.put("best_val_mae", Double.isNaN(history.bestValMae()) ? null : history.bestValMae());
            meta.put("stop_reason", history.stopReason());
            meta.put("parameters", model.parameterCount());
            meta.put("tensorflow", TensorFlow.version());
            JSON.writeValue(dir.resolve("model.json").toFile(), meta);
            history.writeCsv(dir.resolve("history.csv"));
            if (model.featurizer().table().isPresent()) {
                model.featurizer().table().get().save(dir.resolve("element-table.json"));
                if (model.featurizer().trainableTable()) {
                    currentTable().orElseThrow().save(dir.resolve("element-table-trained.json"));
                }
            }
            model.saveCheckpoint(dir.resolve("checkpoint"));
            Path sm = dir.resolve("saved_model");
            if (Files.exists(sm)) {
                try (var s = Files.walk(sm)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            model.exportSavedModel(sm);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Loads a folder written by {@link #save(Path)}. */
    public static TrainedModel load(Path dir) {
        Path metaFile = dir.resolve("model.json");
        if (!Files.isRegularFile(metaFile)) {
            throw new IllegalArgumentException("not a saved property model: " + metaFile + " is missing");
        }
        TrainConfig config = TrainConfig.load(dir.resolve("config.json"));
        JsonNode meta;
        try {
            meta = JSON.readTree(metaFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile, e);
        }
        if (!FORMAT.equals(meta.path("format").asText())) {
            throw new IllegalArgumentException(metaFile + ": expected format " + FORMAT + ", got " + meta.path("format"));
        }
        String spec = meta.path("featurizer").asText();
        Path tableFile = dir.resolve("element-table.json");
        NodeFeaturizer featurizer = Files.isRegularFile(tableFile)
                ? NodeFeaturizer.withSavedTable(spec, AtomEmbeddings.load(tableFile))
                : NodeFeaturizer.parse(spec);
        TargetScaler scaler = new TargetScaler(meta.path("target_mean").asDouble(), meta.path("target_std").asDouble());
        PropertyModel model = new PropertyModel(config, featurizer, scaler,
                meta.path("regular_training_layout").asBoolean());
        try {
            model.restoreCheckpoint(dir.resolve("checkpoint"));
            List<EpochRecord> rows = Files.isRegularFile(dir.resolve("history.csv"))
                    ? TrainingHistory.readCsv(dir.resolve("history.csv")) : List.of();
            return new TrainedModel(model, new TrainingHistory(rows, meta.path("best_epoch").asInt(),
                    meta.path("stop_reason").asText()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The underlying graph model (package use: tests, benchmark). */
    PropertyModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
