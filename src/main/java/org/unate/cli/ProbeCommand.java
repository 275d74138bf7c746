package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.MissingElements;
import org.unate.experiment.CompositionProbe;
import org.unate.experiment.Split;
import org.unate.model.NodeFeaturizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unate probe}: the GNN-free probe of an embedding table (composition-weighted vectors -> boosted trees). */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Scores an element embedding without a GNN: each crystal becomes the composition-weighted mean "
                + "of its elements' vectors, Tribuo's XGBoost trainer (or a random forest) predicts the property, and the test split is "
                + "scored with Tribuo's metrics. Writes OUT/result.json and OUT/test-predictions.csv."})
final class ProbeCommand implements Callable<Integer> {
    @Mixin
    DataSource source;

    @Option(names = "--property", required = true, paramLabel = "NAME", description = "Label to predict.")
    String property;

    @Option(names = "--features", required = true, paramLabel = "SPEC",
            description = "table:cgcnn-92, table:NAME (a catalogue table), table:PATH, random:frozen[:SEED[:WIDTH|REF|norm:REF]] "
                    + "(a seeded N(0,1) table) or shuffled[:SEED]:REF (a table's rows permuted across its elements).")
    String features;

    @Option(names = "--split", paramLabel = "FILE", description = "Split file; default: seeded 80/10/10 of the labelled records.")
    Path split;

    @Option(names = "--fraction", defaultValue = "1.0", description = "Label fraction of the training split (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of split, label subset and learner (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--learner", defaultValue = "xgboost", paramLabel = "xgboost|forest",
            description = "Gradient-boosted trees (fast for any table) or the random forest of CART trees (slow on "
                    + "dense tables); default: ${DEFAULT-VALUE}.")
    String learner;

    @Option(names = "--missing-element", defaultValue = "error", paramLabel = "error|mean|zero|drop",
            description = "Crystals with an element the table lacks: refuse (naming table, elements and crystals), give "
                    + "the element the table's mean row or zeros, or leave the crystals out (default: ${DEFAULT-VALUE}).")
    String missingElement;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        CompositionProbe.Config config = switch (learner.trim().toLowerCase(Locale.ROOT)) {
            case "xgboost" -> CompositionProbe.Config.defaults();
            case "forest" -> CompositionProbe.Config.forest();
            default -> throw new IllegalArgumentException("--learner must be xgboost or forest, got '" + learner + "'");
        };
        MissingElements.Policy missing = MissingElements.Policy.parse(missingElement);
        AtomEmbeddings table = table(features);
        var records = source.readAll(java.util.List.of(property), org.unate.crystal.io.ReadOptions.DEFAULT);
        String dataset = source.data == null ? "jarvis-dft3d-2021" : source.data.getFileName().toString();
        CompositionProbe.Result r = CompositionProbe.run(records, property, table, features, dataset,
                split == null ? null : Split.read(split), fraction, seed, config, missing);
        Files.createDirectories(out);
        r.record().write(out.resolve("result.json"));
        r.test().writeCsv(out.resolve("test-predictions.csv"));
        System.err.printf(Locale.ROOT, "%s %s: test MAE %.4f  RMSE %.4f  R2 %.4f (%d unlabelled, %d left out without a vector)%n",
                property, features, r.record().metrics().mae(), r.record().metrics().rmse(), r.record().metrics().r2(),
                r.unlabelled(), r.unfeaturizable());
        return 0;
    }

    /** The table a probe spec names: any featurizer spec with a table (table:, random:, shuffled:, unate:). */
    static AtomEmbeddings table(String spec) {
        return NodeFeaturizer.parse(spec).table().orElseThrow(() -> new IllegalArgumentException(
                "probe features need a table (table:NAME|PATH, random:frozen[:SEED[:REF]], shuffled[:SEED]:REF, "
                        + "unate:frozen:PATH), got '" + spec + "'"));
    }
}
