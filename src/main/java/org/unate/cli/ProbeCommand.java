package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.EmbeddingTables;
import org.unate.eval.CompositionProbe;
import org.unate.experiment.Split;
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
            description = "table:cgcnn-92, table:PATH, or random:frozen[:SEED[:WIDTH|REF]] (a seeded N(0,1) table).")
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        CompositionProbe.Config config = switch (learner.trim().toLowerCase(Locale.ROOT)) {
            case "xgboost" -> CompositionProbe.Config.defaults();
            case "forest" -> CompositionProbe.Config.forest();
            default -> throw new IllegalArgumentException("--learner must be xgboost or forest, got '" + learner + "'");
        };
        AtomEmbeddings table = table(features);
        var records = source.readAll(java.util.List.of(property), org.unate.crystal.io.ReadOptions.DEFAULT);
        String dataset = source.data == null ? "jarvis-dft3d-2021" : source.data.getFileName().toString();
        CompositionProbe.Result r = CompositionProbe.run(records, property, table, features, dataset,
                split == null ? null : Split.read(split), fraction, seed, config);
        Files.createDirectories(out);
        r.record().write(out.resolve("result.json"));
        r.test().writeCsv(out.resolve("test-predictions.csv"));
        System.err.printf(Locale.ROOT, "%s %s: test MAE %.4f  RMSE %.4f  R2 %.4f (%d unlabelled, %d without a vector)%n",
                property, features, r.record().metrics().mae(), r.record().metrics().rmse(), r.record().metrics().r2(),
                r.unlabelled(), r.unfeaturizable());
        return 0;
    }

    /** The table a probe spec names. */
    static AtomEmbeddings table(String spec) {
        String[] p = spec.split(":", -1);
        if (p[0].equals("table") && p.length >= 2) {
            return EmbeddingTables.load(spec.substring("table:".length()));
        }
        if (p[0].equals("random") && p.length >= 2 && p[1].equals("frozen")) {
            long seed = p.length >= 3 && !p[2].isEmpty() ? Long.parseLong(p[2]) : 0L;
            String ref = p.length >= 4 ? spec.substring(spec.indexOf(':', spec.indexOf(':', 7) + 1) + 1) : "92";
            int width = ref.matches("\\d+") ? Integer.parseInt(ref) : EmbeddingTables.load(ref).dim();
            return AtomEmbeddings.random(width, Element.MAX_Z, seed);
        }
        throw new IllegalArgumentException("probe features must be table:cgcnn-92, table:PATH or "
                + "random:frozen[:SEED[:WIDTH|REF]], got '" + spec + "'");
    }
}
