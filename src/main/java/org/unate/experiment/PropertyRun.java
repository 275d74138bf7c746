package org.unate.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Site;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.crystal.io.ReadOptions;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.EmbeddingTables;
import org.unate.eval.Predictions;
import org.unate.eval.RegressionScores;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphCache;
import org.unate.graph.GraphConfig;
import org.unate.graph.GraphSet;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.property.PropertyTrainer;
import org.unate.model.ResumeLog;
import org.unate.model.ResumeSpec;
import org.unate.property.TrainConfig;
import org.unate.property.TrainedModel;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingState;

/**
 * One property-prediction run, end to end: read the dataset, split it (or read a split file), take the label
 * fraction of the training split, build (or load cached) graphs, train, evaluate on the test split with Tribuo's
 * metrics, and write everything to the output folder:
 * <pre>
 * OUT/result.json            the result record (docs/results-format.md)
 * OUT/split.json             the split used (ids of train, val, test)
 * OUT/history.csv            per-epoch curve: epoch, wall_s, lr, train_loss, train_mae, val_mae, best_val_mae
 * OUT/test-predictions.csv   id, truth, prediction on the test split
 * OUT/model/                 the trained model (TrainedModel.save) and graph.json
 * OUT/state/                 the resumable training state (org.unate.model.TrainingState; docs/model.md)
 * </pre>
 * The notebooks and the {@code train} command both call {@link #run}, so their records are the same.
 * <p>A run is resumable: training saves its whole state in OUT/state after every epoch, and a new {@link #run} into
 * the same OUT (after a crash or {@code kill -9}) continues from the last finished epoch, giving the same history
 * (wall times aside), model and metrics as an uninterrupted run. The state is fingerprinted with the training config,
 * the training and validation data, the property, label fraction, split hash, graph config, record limit and dataset
 * checksum; a run with other settings into the same OUT is refused, naming what differs. After a finished run the
 * state keeps only the history and the best weights, so running again re-evaluates without training.
 * <p>Checks come before changes: the featurizer spec (and its table file), the lock of OUT/state, the property (a
 * numeric label of the dataset, {@link CrystalDataset#labelFields}) and, while the records are read, every element of
 * a labelled crystal against the featurizer's table; OUT is created, a {@code fresh} state deleted and split.json
 * written only after that, split.json once training holds the lock and has matched the saved state. A refused run
 * leaves OUT as it was.
 */
public final class PropertyRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The folder under OUT that holds the resumable training state. */
    public static final String STATE_DIR = "state";

    private PropertyRun() {
    }

    /**
     * What to run.
     *
     * @param data             dataset file or folder
     * @param datasetName      name written into the record (e.g. {@code jarvis-dft3d-2021})
     * @param property         the label to predict
     * @param splitFile        a split file to use (peers' format), or null for a seeded 80/10/10 split
     * @param fraction         label fraction of the training split, (0, 1]; nested across fractions for one seed
     * @param limit            read only the first N records (0 = all); disables the graph cache
     * @param graphCacheDir    where graphs are cached, or null for no cache
     * @param train            the training configuration (its seed is the run's seed)
     * @param graph            the graph configuration
     * @param read             how structures are read (occupancy policy); null = {@link ReadOptions#DEFAULT}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(Path data, String datasetName, String property, Path splitFile, double fraction, long limit,
                       Path graphCacheDir, TrainConfig train, GraphConfig graph, ReadOptions read) {
        public Spec {
            if (property == null || property.isBlank()) {
                throw new IllegalArgumentException("a property to predict is required");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("label fraction must be in (0, 1], got " + fraction);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("record limit must be 0 (all records) or more, got " + limit);
            }
            if (graph == null) {
                graph = defaultGraph(train.model());
            }
            if (read == null) {
                read = ReadOptions.DEFAULT;
            }
        }

        /** A spec with the default reader options. */
        public Spec(Path data, String datasetName, String property, Path splitFile, double fraction, long limit,
                    Path graphCacheDir, TrainConfig train, GraphConfig graph) {
            this(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, graph, null);
        }

        /** The graph each backbone is defined on: CGCNN 12 nearest within 8 A; CartNet-lite all within its cutoff. */
        public static GraphConfig defaultGraph(ModelConfig model) {
            return model.backbone().equals(ModelConfig.CGCNN) ? GraphConfig.cgcnn() : GraphConfig.radius(model.cutoff());
        }
    }

    /** The outcome: the record written and the trained model (close it when done). */
    public record Outcome(ResultRecord record, TrainedModel model, Predictions test, Path outDir) {
    }

    /** Runs {@code spec}, writing into {@code out}, reporting to {@code log} and {@code listener}; resumes from a
     *  saved state in OUT/state when there is one (see the class comment). */
    public static Outcome run(Spec spec, Path out, TrainingListener listener, PrintStream log) throws IOException {
        return run(spec, out, listener, log, false);
    }

    /**
     * Runs {@code spec}, writing into {@code out}, reporting to {@code log} and {@code listener}.
     *
     * @param fresh delete any saved training state in OUT/state first, instead of resuming from it
     * @throws IllegalStateException if OUT/state belongs to a run with other settings (and {@code fresh} is false)
     */
    public static Outcome run(Spec spec, Path out, TrainingListener listener, PrintStream log, boolean fresh)
            throws IOException {
        long t0 = System.nanoTime();
        String codeVersion = CodeVersion.current(); // the code that runs, not what the tree holds when it ends
        TrainConfig tc = spec.train();
        Path stateDir = out.resolve(STATE_DIR);
        // 0. checks that need no data, then the label, then (while reading) the elements; OUT is not touched before
        //    every check has passed and training holds the lock on OUT/state
        NodeFeaturizer featurizer = NodeFeaturizer.parse(tc.model().featurizer());
        TrainingState.requireUnlocked(stateDir);
        DatasetOptions opts = DatasetOptions.DEFAULT.parallel().withLabels(List.of(spec.property()))
                .withStructure(spec.read());
        if (spec.limit() > 0) {
            opts = opts.withLimit(spec.limit());
        }
        requireLabel(spec.data(), spec.property(), opts);

        // 1. records with the label; their elements must all be in the featurizer's table
        List<CrystalRecord> records = new ArrayList<>();
        try (CrystalDataset d = CrystalDataset.open(spec.data(), opts)) {
            for (CrystalRecord r : d) {
                if (r.label(spec.property()).isPresent()) {
                    requireElements(featurizer, r, spec.data());
                }
                records.add(r);
            }
            log.println(d.report().summary().strip());
        }
        Map<String, Double> labels = new HashMap<>();
        for (CrystalRecord r : records) {
            r.label(spec.property()).ifPresent(v -> labels.put(r.id(), v));
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(spec.data() + ": no record has a value for '" + spec.property() + "'");
        }

        // 2. split and label fraction (split.json is written once training has taken OUT/state: see ResumeLog)
        Split split = spec.splitFile() != null
                ? Split.read(spec.splitFile()).requireKnown(labels.keySet(), spec.splitFile().toString())
                : Split.ofLabelled(records, spec.property(), 0.8, 0.1, tc.seed());
        List<String> trainIds = LabelFractions.subset(split.train(), spec.fraction(), tc.seed());

        // 3. graphs, from the cache when the whole dataset is used
        GraphSet graphs;
        if (spec.graphCacheDir() != null && spec.limit() <= 0 && Files.isRegularFile(spec.data())) {
            GraphCache.Loaded loaded = GraphCache.loadOrBuild(spec.graphCacheDir(), GraphCache.sha256(spec.data()),
                    spec.graph(), records::iterator, tc.intraOpThreads());
            log.printf(Locale.ROOT, "graphs %s %s%n", loaded.hit() ? "loaded from" : "built and cached in", loaded.file());
            graphs = loaded.graphs();
        } else {
            graphs = org.unate.graph.GraphBuilder.of(spec.graph()).buildAll(records, tc.intraOpThreads(), null);
        }
        Map<String, CrystalGraph> byId = new HashMap<>();
        graphs.graphs().forEach(g -> byId.put(g.id(), g));
        records = null; // only graphs and labels are needed from here on

        Part train = part("train", trainIds, byId, labels, log);
        Part val = part("val", split.val(), byId, labels, log);
        Part test = part("test", split.test(), byId, labels, log);
        log.printf(Locale.ROOT, "%s: %d train (fraction %.3g of %d), %d val, %d test crystals; split %s%n",
                spec.property(), train.ids.size(), spec.fraction(), split.train().size(), val.ids.size(),
                test.ids.size(), split.hash());

        // 4. train, resuming from OUT/state when it holds a snapshot of this run
        ResumeSpec resume = ResumeSpec.in(stateDir)
                .with("property", spec.property())
                .with("fraction", Double.toString(spec.fraction()))
                .with("split", split.hash())
                .with("graph", JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec.graph()))
                .with("data.limit", Long.toString(spec.limit()))
                .with("data.sha256", Files.isRegularFile(spec.data()) ? GraphCache.sha256(spec.data()) : "folder");
        TrainingState.requireUnlocked(stateDir);
        Files.createDirectories(out);
        if (fresh && Files.exists(stateDir)) {
            resume.deleteState();
            log.println("deleted the saved training state in " + stateDir + " (fresh start)");
        }
        ResumeLog resumeLog = new ResumeLog(listener, log, stateDir, () -> split.write(out.resolve("split.json")));
        long tTrain = System.nanoTime();
        TrainedModel model = PropertyTrainer.train(train.graphs, train.y, val.graphs, val.y, tc, resumeLog, resume);
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

        // 5. evaluate and write
        Predictions testPred = Predictions.of(test.ids, test.y, model.predict(test.graphs));
        RegressionScores scores = RegressionScores.of(testPred);
        double valMae = val.ids.isEmpty() ? Double.NaN
                : RegressionScores.of(Predictions.of(val.ids, val.y, model.predict(val.graphs))).mae();
        testPred.writeCsv(out.resolve("test-predictions.csv"));
        model.history().writeCsv(out.resolve("history.csv"));
        Path modelDir = out.resolve("model");
        model.save(modelDir);
        JSON.writeValue(modelDir.resolve("graph.json").toFile(), spec.graph());

        int epochs = model.history().epochs().size();
        double lastWall = epochs == 0 ? trainSeconds : model.history().epochs().get(epochs - 1).wallSeconds();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("train", JSON.readTree(tc.toJson()));
        config.put("graph", spec.graph());
        config.put("data", Map.of("file", spec.data().toString(), "limit", spec.limit(),
                "split_file", spec.splitFile() == null ? "" : spec.splitFile().toString(),
                "occupancy", spec.read().occupancy().name().toLowerCase(Locale.ROOT)));
        ResultRecord rec = ResultRecord.builder()
                .dataset(spec.datasetName()).property(spec.property()).backbone(tc.model().backbone())
                .features(tc.model().featurizer()).fraction(spec.fraction()).seed(tc.seed())
                .splitHash(split.hash()).metrics(scores.toMetrics(valMae)).epochs(epochs)
                .wallS((System.nanoTime() - t0) / 1e9)
                .trainCrystalsPerS(lastWall > 0 ? (double) train.ids.size() * epochs / lastWall : Double.NaN)
                .config(config).codeVersion(codeVersion)
                .counts(train.ids.size(), val.ids.size(), test.ids.size())
                .history("history.csv")
                .extra("best_epoch", model.history().bestEpoch())
                .extra("stop_reason", model.history().stopReason())
                .extra("train_s", trainSeconds)
                .extra("parameters", model.parameterCount())
                .extra("dropped_without_graph", train.dropped + val.dropped + test.dropped)
                .extra("resumed_at_epoch", resumeLog.resumedAt())
                .build();
        rec.write(out.resolve("result.json"));
        log.printf(Locale.ROOT, "test MAE %.4f  RMSE %.4f  R2 %.4f  (val MAE %.4f) after %d epochs, %.0f s -> %s%n",
                scores.mae(), scores.rmse(), scores.r2(), valMae, epochs, rec.wallS(), out.resolve("result.json"));
        return new Outcome(rec, model, testPred, out);
    }

    /** The labels a dataset has (from its first records), to refuse an unknown or non-numeric one in milliseconds. */
    static final int LABEL_SAMPLE = 1000;

    /**
     * Refuses a property that is not a label of the dataset: the record id, a text field, or a field the first
     * {@value #LABEL_SAMPLE} records do not have; the message lists the labels they have. Reads no structure.
     *
     * @throws IllegalArgumentException naming the dataset, the property and the labels the dataset has
     */
    public static void requireLabel(Path data, String property, DatasetOptions opts) {
        Set<String> fields = CrystalDataset.labelFields(data, opts, LABEL_SAMPLE);
        if (fields.contains(property)) {
            return;
        }
        String id = CrystalDataset.idField(data, opts);
        String have = fields.isEmpty() ? "none" : String.join(", ", fields);
        if (property.equals(id)) {
            throw new IllegalArgumentException(data + ": '" + property + "' is the record id, not a label to predict;"
                    + " the numeric labels are: " + have);
        }
        throw new IllegalArgumentException(data + ": '" + property + "' is not a numeric label of the dataset (not in"
                + " its first " + LABEL_SAMPLE + " records); the numeric labels are: " + have);
    }

    /** Refuses a crystal with an element the featurizer's table has no vector for, naming the table's file. */
    private static void requireElements(NodeFeaturizer featurizer, CrystalRecord r, Path data) {
        Optional<AtomEmbeddings> table = featurizer.table();
        if (table.isEmpty()) {
            return;
        }
        for (Site site : r.structure().sites()) {
            if (!table.get().has(site.element().z())) {
                throw new IllegalArgumentException(data + ": element " + site.element().symbol() + " of record '"
                        + r.id() + "' has no vector in the embedding table " + tableSource(featurizer.spec())
                        + " (featurizer " + featurizer.spec() + "); use a table with every element of the data, or"
                        + " leave out the crystals with " + site.element().symbol());
            }
        }
    }

    /** The file (or {@code cgcnn-92}) a table-based featurizer spec reads its table from. */
    private static String tableSource(String spec) {
        String[] p = spec.split(":", -1);
        String head = p[0].toLowerCase(Locale.ROOT);
        String ref = head.equals("table") ? spec.substring(spec.indexOf(':') + 1)
                : head.equals("unate") && p.length >= 3 ? spec.substring(p[0].length() + p[1].length() + 2) : spec;
        return ref.equals(EmbeddingTables.CGCNN_92) ? "cgcnn-92 (" + EmbeddingTables.cgcnnTable() + ")" : ref;
    }

    private record Part(List<String> ids, List<CrystalGraph> graphs, double[] y, int dropped) {
    }

    /** The crystals of one split part that have a graph; the rest are counted and named in the log. */
    private static Part part(String name, List<String> ids, Map<String, CrystalGraph> byId, Map<String, Double> labels,
                             PrintStream log) {
        List<String> kept = new ArrayList<>(ids.size());
        List<CrystalGraph> graphs = new ArrayList<>(ids.size());
        List<String> dropped = new ArrayList<>();
        for (String id : ids) {
            CrystalGraph g = byId.get(id);
            if (g == null) {
                dropped.add(id);
            } else {
                kept.add(id);
                graphs.add(g);
            }
        }
        if (!dropped.isEmpty()) {
            log.printf(Locale.ROOT, "%s: %d crystals have no graph (a site without neighbours) and are left out: %s%n",
                    name, dropped.size(), dropped.subList(0, Math.min(10, dropped.size())));
        }
        double[] y = new double[kept.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(kept.get(i));
        }
        return new Part(kept, graphs, y, dropped.size());
    }

    /** Reads a run's graph config saved next to its model, or the backbone's default. */
    public static GraphConfig graphConfigOf(Path modelDir, ModelConfig model) {
        Path f = modelDir.resolve("graph.json");
        if (Files.isRegularFile(f)) {
            try {
                return JSON.readValue(f.toFile(), GraphConfig.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return Spec.defaultGraph(model);
    }
}
