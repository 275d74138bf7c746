package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.data.DataCatalog;
import org.unate.data.ProjectPaths;
import org.unate.embedding.MissingElements;
import org.unate.experiment.PropertyRun;
import org.unate.model.ModelConfig;
import org.unate.model.ProgressBarListener;
import org.unate.model.NodeFeaturizer;
import org.unate.property.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unate train}: trains a property model and writes the model and its result record. Resumes from OUT/state
 * after an interruption (printing "resumed at epoch N of M", or "loaded a finished run (N epochs ...)" when it had
 * finished); {@code --fresh} discards that state.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a property-prediction model and writes OUT/result.json, OUT/split.json, "
                + "OUT/history.csv, OUT/test-predictions.csv and OUT/model/."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Dataset (default: the jarvis-dft3d-2021 file resolved by `make data`).")
    Path data;

    @Option(names = "--property", required = true, paramLabel = "NAME",
            description = "Label to predict, e.g. formation_energy_peratom, mbj_bandgap.")
    String property;

    @Option(names = "--backbone", defaultValue = "cgcnn", paramLabel = "cgcnn|cartnet",
            description = "Model backbone (default: ${DEFAULT-VALUE}).")
    String backbone;

    @Option(names = "--features", defaultValue = "atomic-number", paramLabel = "SPEC",
            description = "Node featurizer: atomic-number, one-hot, table:PATH|NAME|cgcnn-92, "
                    + "random:frozen|trainable[:SEED[:WIDTH|REF|norm:REF]], shuffled[:SEED]:REF, "
                    + "unate:frozen|finetune:PATH (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--split", paramLabel = "FILE",
            description = "Split file with train/val/test id lists; default: a seeded 80/10/10 split of the labelled records.")
    Path split;

    @Option(names = "--fraction", defaultValue = "1.0", paramLabel = "F",
            description = "Fraction of the training split to use (nested for one seed; default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epochs", defaultValue = "1000", paramLabel = "E",
            description = "Epoch cap; with no time budget also the length of the cosine schedule (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--time-budget-min", defaultValue = "0", paramLabel = "M",
            description = "Wall-clock budget in minutes for training plus validation (0 = none; default: ${DEFAULT-VALUE}).")
    double budgetMinutes;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "P",
            description = "Stop after P epochs without a better validation MAE (0 = never; default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--init", paramLabel = "torch|glorot",
            description = "Initial values of the linear maps of backbone and head: PyTorch's nn.Linear default, or "
                    + "Glorot-uniform weights and zero biases (default: torch for cgcnn, glorot for cartnet).")
    String init;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Read only the first N records (0 = all; negative is an error; default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--missing-element", defaultValue = "error", paramLabel = "error|mean|zero|drop",
            description = "Crystals with an element the featurizer's table lacks: refuse (naming table, elements and "
                    + "crystals), give the element the table's mean row or zeros, or leave the crystals out of train, "
                    + "val and test (default: ${DEFAULT-VALUE}).")
    String missingElement;

    @Option(names = "--no-graph-cache", description = "Build graphs without reading or writing data/cache.")
    boolean noCache;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder. Training state is saved in DIR/state after every epoch; running again into "
                    + "the same folder with the same settings resumes from the last finished epoch.")
    Path out;

    @Option(names = "--fresh", description = "Delete any saved training state in OUT/state and start from epoch 1.")
    boolean fresh;

    @Mixin
    ReadOptionsMixin read = new ReadOptionsMixin();

    @Override
    public Integer call() throws Exception {
        TrainConfig tc = trainConfig();
        MissingElements.Policy missing = MissingElements.Policy.parse(missingElement);
        NodeFeaturizer.parse(features); // an unknown spec or a missing table file fails here, before any data is read
        Path file = data != null ? data : DataCatalog.discover().path("jarvis-dft3d-2021");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--data " + file + ": no such file or folder");
        }
        if (split != null && !Files.isRegularFile(split)) {
            throw new IllegalArgumentException("--split " + split + ": no such file");
        }
        String name = data != null ? file.getFileName().toString() : "jarvis-dft3d-2021";
        Path cache = noCache ? null : ProjectPaths.dataDir().resolve("cache");
        PropertyRun.Spec spec = new PropertyRun.Spec(file, name, property, split, fraction, limit, cache, tc, null,
                read.readOptions(), missing);
        try (var outcome = new Closing(PropertyRun.run(spec, out, new ProgressBarListener(), System.err, fresh))) {
            return 0;
        }
    }

    /** The training configuration the options describe (the backbone's defaults where an option is not given). */
    TrainConfig trainConfig() {
        requireAtLeast("--epochs", epochs, 1);
        requireAtLeast("--batch", batch, 1);
        requireAtLeast("--threads", threads, 1);
        requireAtLeast("--patience", patience, 0);
        requireAtLeast("--limit", limit, 0);
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--fraction must be in (0, 1], got " + fraction);
        }
        if (!(budgetMinutes >= 0 && Double.isFinite(budgetMinutes))) {
            throw new IllegalArgumentException("--time-budget-min must be 0 (none) or more, got " + budgetMinutes);
        }
        ModelConfig model = switch (backbone.toLowerCase(Locale.ROOT)) {
            case "cgcnn" -> ModelConfig.cgcnn();
            case "cartnet", "cartnet-lite" -> ModelConfig.cartnetLite();
            default -> throw new IllegalArgumentException("--backbone must be cgcnn or cartnet, got '" + backbone + "'");
        };
        if (init != null) {
            model = model.withInit(init);
        }
        return TrainConfig.defaults().withModel(model.withFeaturizer(features)).withEpochs(epochs)
                .withTimeBudgetSeconds(budgetMinutes * 60).withPatience(patience).withSeed(seed).withBatchSize(batch)
                .withThreads(threads, 1);
    }

    private static void requireAtLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + (option.equals("--limit")
                    ? " (0 = all records)" : option.equals("--patience") ? " (0 = never stop early)" : "")
                    + ", got " + value);
        }
    }

    /** Closes the trained model's TensorFlow session at the end of the command. */
    private record Closing(PropertyRun.Outcome outcome) implements AutoCloseable {
        @Override
        public void close() {
            outcome.model().close();
        }
    }
}
