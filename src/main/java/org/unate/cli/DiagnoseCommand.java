package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.unate.crystal.io.DatasetOptions;
import org.unate.data.ProjectPaths;
import org.unate.diagnose.BatchNormGap;
import org.unate.diagnose.BatchNormLayers;
import org.unate.diagnose.DatasetGraphs;
import org.unate.diagnose.OutOfRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unate diagnose}: questions asked of trained property models (org.unate.diagnose); results on stdout. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnostics of trained property models over a split of a dataset; results on stdout, "
                + "reading and caching on stderr."},
        subcommands = {DiagnoseCommand.OutOfRangeCommand.class, DiagnoseCommand.BatchNormGapCommand.class,
                DiagnoseCommand.BatchNormLayersCommand.class})
final class DiagnoseCommand {
    /** The dataset, split, graph cache and threads every diagnostic reads. */
    static final class Inputs {
        @Mixin
        DataSource source;

        @Mixin
        ReadOptionsMixin read;

        @Option(names = "--split", required = true, paramLabel = "FILE",
                description = "Split file with train/val/test id lists (e.g. OUT/split.json of `train`).")
        Path split;

        @Option(names = "--no-graph-cache", description = "Build graphs without reading or writing data/cache.")
        boolean noCache;

        @Option(names = "--threads", defaultValue = "2", paramLabel = "T",
                description = "Threads for building graphs (default: ${DEFAULT-VALUE}).")
        int threads;

        /** The dataset read with {@code options} and the structure options; checks the paths and numbers first. */
        DatasetGraphs open(DatasetOptions options) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            if (!Files.exists(source.path())) {
                throw new IllegalArgumentException("--data " + source.path() + ": no such file or folder");
            }
            if (!Files.isRegularFile(split)) {
                throw new IllegalArgumentException("--split " + split + ": no such file");
            }
            Path cache = noCache ? null : ProjectPaths.dataDir().resolve("cache");
            return new DatasetGraphs(source.path(), options.withStructure(read.readOptions()), cache, threads,
                    System.err);
        }

        DatasetGraphs open() {
            return open(source.options());
        }
    }

    @Command(name = "out-of-range", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Counts predictions far outside the range of the training labels, over every crystal of "
                    + "the split (train, val, test), for model folders or predictions files (id,truth,prediction)."})
    static final class OutOfRangeCommand implements Callable<Integer> {
        @Mixin
        Inputs in;

        @Option(names = "--property", required = true, paramLabel = "NAME", description = "The label the models predict.")
        String property;

        @Option(names = "--margin", defaultValue = "0.1", paramLabel = "F",
                description = "Beyond the training range by more than F of its width counts (default: ${DEFAULT-VALUE}).")
        double margin;

        @Option(names = "--show", defaultValue = "12", paramLabel = "N",
                description = "List the N farthest predictions per source (default: ${DEFAULT-VALUE}).")
        int show;

        @Parameters(arity = "1..*", paramLabel = "MODEL_DIR|PREDICTIONS.csv", description = "Model folders (OUT/model) or predictions files.")
        List<Path> sources;

        @Override
        public Integer call() {
            OutOfRange.run(in.open(in.source.options().withLabels(List.of(property))), property, in.split, sources,
                    new OutOfRange.Config(margin, show), System.out);
            return 0;
        }
    }

    @Command(name = "batchnorm-gap", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Inference predictions (moving batch-norm statistics) against training-mode predictions "
                    + "(batch statistics) with each crystal in random batches of training crystals of the split."})
    static final class BatchNormGapCommand implements Callable<Integer> {
        @Mixin
        Inputs in;

        @Option(names = "--ids", required = true, split = ",", paramLabel = "ID[,ID...]", description = "The crystals to look at.")
        List<String> ids;

        @Option(names = "--batches", defaultValue = "20", paramLabel = "N",
                description = "Training-mode batches per crystal (default: ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--batch", defaultValue = "64", paramLabel = "B",
                description = "Crystals per batch, the one looked at included (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the batches (default: ${DEFAULT-VALUE}).")
        long seed;

        @Parameters(arity = "1..*", paramLabel = "MODEL_DIR", description = "Model folders (OUT/model).")
        List<Path> models;

        @Override
        public Integer call() {
            BatchNormGap.run(in.open(), in.split, ids, models, new BatchNormGap.Config(batches, batch, seed), System.out);
            return 0;
        }
    }

    @Command(name = "batchnorm-layers", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Re-evaluates a CGCNN model (atomic-number features) in plain Java and reports, per batch "
                    + "norm, its inputs against its moving statistics over training crystals and for chosen crystals."})
    static final class BatchNormLayersCommand implements Callable<Integer> {
        @Mixin
        Inputs in;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model folder (OUT/model).")
        Path model;

        @Option(names = "--sample", defaultValue = "2000", paramLabel = "N",
                description = "Training crystals to measure the batch norms' inputs on (default: ${DEFAULT-VALUE}).")
        int sample;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Seed of the shuffle that picks them (default: ${DEFAULT-VALUE}).")
        long seed;

        @Parameters(arity = "0..*", paramLabel = "ID", description = "Crystals to report layer by layer.")
        List<String> ids = List.of();

        @Override
        public Integer call() {
            BatchNormLayers.run(in.open(), in.split, model, ids, new BatchNormLayers.Config(sample, seed), System.out);
            return 0;
        }
    }
}
