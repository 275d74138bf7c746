package org.unate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.crystal.io.DatasetOptions;
import org.unate.data.DataCatalog;
import org.unate.data.ProjectPaths;
import org.unate.model.ProgressBarListener;
import org.unate.pretrain.PretrainConfig;
import org.unate.pretrain.Pretrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code unate pretrain}: UNATE pretraining on unlabelled structures; writes the element tables. Resumes from
 * OUT/state after an interruption; {@code --fresh} discards that state.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pretrains a graph encoder on unlabelled crystals (masked species, edge multiplicities, "
                + "two-view contrastive loss) and writes OUT/embeddings.json (context table), "
                + "OUT/embeddings-input.json (input table), OUT/history.csv, OUT/config.json, OUT/result.json."})
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE",
            description = "Dataset (default: the jarvis-dft3d-2021 file resolved by `make data`). Labels are never read.")
    Path data;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Read only the first N records (0 = all; default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--backbone", defaultValue = "cgcnn", paramLabel = "cgcnn|cartnet",
            description = "Encoder backbone (default: ${DEFAULT-VALUE}); each reads its own graph (CGCNN: 12 nearest "
                    + "within 8 A; CartNet-lite: all within 5 A).")
    String backbone;

    @Option(names = "--dim", defaultValue = "128", paramLabel = "D",
            description = "Table dimension = encoder width (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--epochs", defaultValue = "50", paramLabel = "E", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B",
            description = "Crystals per step, two views each (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "LR",
            description = "Initial Adam learning rate, cosine to 1e-5 (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--contrastive", defaultValue = "ntxent", paramLabel = "ntxent|barlow|none",
            description = "Contrastive loss (default: ${DEFAULT-VALUE}).")
    String contrastive;

    @Option(names = "--preset", paramLabel = "unate",
            description = "unate: the authors' loss (weights 225 / 4 / 3, species loss on every atom).")
    String preset;

    @Option(names = "--mask-rate", defaultValue = "0.1", paramLabel = "R",
            description = "Fraction of atoms masked per view (default: ${DEFAULT-VALUE}).")
    double maskRate;

    @Option(names = "--edge-drop-rate", defaultValue = "0.1", paramLabel = "R",
            description = "Fraction of directed edges dropped per view (default: ${DEFAULT-VALUE}).")
    double dropRate;

    @Option(names = "--jitter", defaultValue = "0", paramLabel = "A",
            description = "Gaussian noise on edge vectors, angstrom (0 = off; default: ${DEFAULT-VALUE}).")
    double jitter;

    @Option(names = "--species-on-all-atoms",
            description = "Species loss on every atom (the authors), not only on the masked ones.")
    boolean speciesOnAll;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "TensorFlow intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--exclude-test", paramLabel = "SPLIT", arity = "1..*",
            description = "Split files whose test ids are left out of pretraining (default: the project's fixed "
                    + "splits, ../shared/peers/splits/{mbj_bandgap,formation_energy_peratom}-seed123.json).")
    List<Path> excludeTest;

    @Option(names = "--transductive", description = "Pretrain on every structure, test crystals included (the paper).")
    boolean transductive;

    @Mixin
    ReadOptionsMixin read = new ReadOptionsMixin();

    @Option(names = "--no-graph-cache", description = "Build graphs without reading or writing data/cache.")
    boolean noCache;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder; the training state is saved in DIR/state after every epoch and the same "
                    + "command resumes from it.")
    Path out;

    @Option(names = "--fresh", description = "Delete any saved training state in OUT/state and start from epoch 1.")
    boolean fresh;

    @Override
    public Integer call() throws Exception {
        Pretrainer.Spec spec = spec();
        Pretrainer.run(spec, out, new ProgressBarListener(), System.err);
        return 0;
    }

    /** The run the options describe; every option is checked here, before any data is read. */
    Pretrainer.Spec spec() {
        if (dim < 1) {
            throw new IllegalArgumentException("--dim must be >= 1, got " + dim);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0 (0 = all), got " + limit);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        PretrainConfig cfg = PretrainConfig.defaults(backbone, dim).withContrastive(contrastive)
                .withCorruption(maskRate, dropRate, jitter).withSpeciesOnAllAtoms(speciesOnAll)
                .withTraining(epochs, batch, lr, Math.min(lr, 1e-5)).withSeed(seed).withThreads(threads, 1);
        if (preset != null) {
            if (!preset.toLowerCase(Locale.ROOT).equals("unate")) {
                throw new IllegalArgumentException("--preset must be unate, got '" + preset + "'");
            }
            cfg = cfg.withPresetUnate();
        }
        List<Path> splits = new ArrayList<>();
        if (!transductive) {
            if (excludeTest != null) {
                splits.addAll(excludeTest);
            } else {
                splits.addAll(Pretrainer.defaultExcludedSplits());
            }
            for (Path p : splits) {
                if (!p.toFile().isFile()) {
                    throw new IllegalArgumentException("--exclude-test: split file " + p + " does not exist");
                }
            }
        }
        Path file = data != null ? data : DataCatalog.discover().path("jarvis-dft3d-2021");
        String name = data != null ? file.getFileName().toString() : "jarvis-dft3d-2021";
        Path cache = noCache ? null : ProjectPaths.dataDir().resolve("cache");
        return new Pretrainer.Spec(file, name, limit, cfg, splits, transductive, cache, fresh,
                DatasetOptions.DEFAULT.parallel().withStructure(read.readOptions()));
    }
}
