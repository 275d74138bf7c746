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
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.crystal.io.ReadOptions;
import org.unate.data.DataCatalog;
import org.unate.data.ProjectPaths;
import org.unate.embedding.EmbeddingTables;
import org.unate.embedding.MissingElements;
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
import org.unate.model.TrainingHistory;
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
 * numeric label of the dataset, {@link CrystalDataset#labelFields}) and every element of the split's crystals against
 * the featurizer's table (before any graph is built); OUT is created, a {@code fresh} state deleted and split.json
 * written only after that, split.json once training holds the lock and has matched the saved state. A refused run
 * leaves OUT as it was.
 * <p>Crystals with an element the table lacks are refused by default, naming the table, each element and how many
 * crystals hold it; {@link Spec#missing()} may instead fill the elements with the table's mean row or zeros, or drop
 * the crystals from train, validation and test (the split written and hashed is then the reduced one). The record's
 * {@code missing_element} says what was done and to how many crystals of each part.
 * <p>Many runs on the same data (a sweep) read it once with {@link #read} and pass the {@link Data} to
 * {@link #run(Spec, Data, Path, TrainingListener, PrintStream, boolean)}; graphs are then built once too.
 */
public final class PropertyRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The dataset {@link Spec#of(String, String)} reads: JARVIS-DFT-3D 2021, by its name in data/datasets.json. */
    public static final String JARVIS = "jarvis-dft3d-2021";
    /** The file under OUT that {@link #run(Spec, Path, TrainingListener)} appends a run's log to. */
    public static final String LOG_FILE = "run.log";
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
                       Path graphCacheDir, TrainConfig train, GraphConfig graph, ReadOptions read,
                       MissingElements.Policy missing) {
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
            if (missing == null) {
                missing = MissingElements.Policy.ERROR;
            }
        }

        /** A spec that refuses crystals with an element the featurizer's table lacks. */
        public Spec(Path data, String datasetName, String property, Path splitFile, double fraction, long limit,
                    Path graphCacheDir, TrainConfig train, GraphConfig graph, ReadOptions read) {
            this(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, graph, read, null);
        }

        /** A spec with the default reader options. */
        public Spec(Path data, String datasetName, String property, Path splitFile, double fraction, long limit,
                    Path graphCacheDir, TrainConfig train, GraphConfig graph) {
            this(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, graph, null, null);
        }

        /**
         * A run predicting {@code property} of JARVIS-DFT-3D 2021 ({@value #JARVIS}, where {@code make data} put it)
         * from the node features {@code features} (a featurizer spec: {@code atomic-number}, {@code table:cgcnn-92},
         * {@code random:frozen:0:cgcnn-92}, ...): every record, a seeded 80/10/10 split, all training labels, the
         * graph cache under {@code data/cache}, {@link TrainConfig#defaults()} with those features, the backbone's
         * graph. Change any of it with the withers: {@code Spec.of("mbj_bandgap", "table:cgcnn-92").withEpochs(60)}.
         *
         * @throws IllegalStateException if the dataset is not resolved yet (naming the folder and {@code make data})
         */
        public static Spec of(String property, String features) {
            return of(DataCatalog.discover().path(JARVIS), JARVIS, property, features);
        }

        /** {@link #of(String, String)} on another dataset file or folder, named {@code datasetName} in the record. */
        public static Spec of(Path data, String datasetName, String property, String features) {
            return new Spec(java.util.Objects.requireNonNull(data, "dataset path"), datasetName, property, null, 1.0,
                    0, ProjectPaths.dataDir().resolve("cache"), TrainConfig.defaults().withFeaturizer(features), null,
                    null, null);
        }

        /** The same run with other node features (a featurizer spec); the graph stays. */
        public Spec withFeatures(String features) {
            return withTrain(train.withFeaturizer(features));
        }

        /** The same run with another epoch cap. */
        public Spec withEpochs(int epochs) {
            return withTrain(train.withEpochs(epochs));
        }

        /** The same run with another seed (split, label subset, initial weights, random tables, batch order). */
        public Spec withSeed(long seed) {
            return withTrain(train.withSeed(seed));
        }

        /** The same run on the first {@code n} records only (0 = every record; a limit turns the graph cache off). */
        public Spec withLimit(long n) {
            return new Spec(data, datasetName, property, splitFile, fraction, n, graphCacheDir, train, graph, read,
                    missing);
        }

        /** The same run on the split of a split file (null: a seeded 80/10/10 split). */
        public Spec withSplitFile(Path file) {
            return new Spec(data, datasetName, property, file, fraction, limit, graphCacheDir, train, graph, read,
                    missing);
        }

        /** The same run with graphs cached in {@code dir} (null: no cache). */
        public Spec withGraphCache(Path dir) {
            return new Spec(data, datasetName, property, splitFile, fraction, limit, dir, train, graph, read, missing);
        }

        /** The same run on another graph (null: the backbone's default). */
        public Spec withGraph(GraphConfig g) {
            return new Spec(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, g, read,
                    missing);
        }

        /** The same run with other reader options (occupancy policy). */
        public Spec withRead(ReadOptions r) {
            return new Spec(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, graph, r,
                    missing);
        }

        /** The seed of the run (its training config's). */
        public long seed() {
            return train.seed();
        }

        /** The node features of the run (its featurizer spec). */
        public String features() {
            return train.model().featurizer();
        }

        /**
         * One line: "mbj_bandgap of jarvis-dft3d-2021 (first 2,000 records), features atomic-number, cgcnn backbone,
         * 4 epochs, seed 0, all training labels".
         */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(property).append(" of ").append(datasetName)
                    .append(limit > 0 ? String.format(Locale.ROOT, " (first %,d records)", limit) : " (every record)")
                    .append(", features ").append(features()).append(", ").append(train.model().backbone())
                    .append(" backbone, ").append(train.epochs()).append(" epochs, seed ").append(seed()).append(", ")
                    .append(fraction == 1.0 ? "all training labels"
                            : String.format(Locale.ROOT, "%.3g of the training labels", fraction));
            if (splitFile != null) {
                b.append(", split ").append(splitFile);
            }
            if (missing != MissingElements.Policy.ERROR) {
                b.append(", missing elements: ").append(missing);
            }
            return b.toString();
        }

        /** The same run at another label fraction. */
        public Spec withFraction(double f) {
            return new Spec(data, datasetName, property, splitFile, f, limit, graphCacheDir, train, graph, read, missing);
        }

        /** The same run with another training configuration (seed, featurizer, epochs...). */
        public Spec withTrain(TrainConfig t) {
            return new Spec(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, t, graph, read,
                    missing);
        }

        /** The same run with another missing-element policy. */
        public Spec withMissing(MissingElements.Policy p) {
            return new Spec(data, datasetName, property, splitFile, fraction, limit, graphCacheDir, train, graph, read, p);
        }

        /** The graph each backbone is defined on: CGCNN 12 nearest within 8 A; CartNet-lite all within its cutoff. */
        public static GraphConfig defaultGraph(ModelConfig model) {
            return model.backbone().equals(ModelConfig.CGCNN) ? GraphConfig.cgcnn() : GraphConfig.radius(model.cutoff());
        }

        /** What {@link Data} depends on: the same data, property, split file, limit, graph and reader settings. */
        boolean sameData(Spec o) {
            return data.equals(o.data) && property.equals(o.property) && java.util.Objects.equals(splitFile, o.splitFile)
                    && limit == o.limit && graph.equals(o.graph) && read.equals(o.read)
                    && java.util.Objects.equals(graphCacheDir, o.graphCacheDir);
        }
    }

    /** The outcome: the record written and the trained model (close it when done). */
    public record Outcome(ResultRecord record, TrainedModel model, Predictions test, Path outDir) {
        /** The training history: one row per epoch, the best epoch and why training stopped. */
        public TrainingHistory history() {
            return model.history();
        }

        /** The records of {@code outcomes}, in their order. */
        public static List<ResultRecord> records(Collection<Outcome> outcomes) {
            List<ResultRecord> out = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                out.add(o.record());
            }
            return out;
        }

        /**
         * One line: "Outcome[atomic-number -> mbj_bandgap: test MAE 0.4123 on 180 crystals, 4 epochs
         * (epoch cap), build/runs/02-ci/atomic-number]".
         */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Outcome[%s -> %s: test MAE %.4f on %,d crystals, %d epochs (%s), %s]",
                    record.features(), record.property(), record.metrics().mae(), test.size(), record.epochs(),
                    model.history().stopReason(), outDir);
        }
    }

    /**
     * Runs {@code spec} into {@code out}, resuming from a saved state there when there is one (a finished run is
     * loaded, not trained again: the listener hears {@link TrainingListener#onLoaded}); the run's log (data read,
     * split, graphs, resume, metrics) is appended to {@code OUT/}{@value #LOG_FILE} when the run succeeds. For
     * notebooks: {@code PropertyRun.run(spec, out, StatusLine.of(label, text -> updateDisplay(id, text)))}.
     */
    public static Outcome run(Spec spec, Path out, TrainingListener listener) throws IOException {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        Outcome o;
        try (PrintStream log = new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8)) {
            o = run(spec, out, listener, log, false);
        }
        Files.write(out.resolve(LOG_FILE), buffer.toByteArray(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return o;
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
        return run(spec, null, out, listener, log, fresh);
    }

    /**
     * Runs {@code spec} on data already read (and possibly already made into graphs) by {@link #read}, so that many
     * runs on the same data (a sweep) read it and build its graphs once. The run is the one {@link #run(Spec, Path,
     * TrainingListener, PrintStream, boolean)} makes (same record, same fingerprint, so either can resume the other's
     * state).
     *
     * @param data the data of {@code spec} ({@link Data#matches}), or null to read it here
     * @throws IllegalArgumentException if {@code data} was read for another dataset, property, split file, limit,
     *                                  graph or reader settings
     */
    public static Outcome run(Spec spec, Data data, Path out, TrainingListener listener, PrintStream log, boolean fresh)
            throws IOException {
        long t0 = System.nanoTime();
        String codeVersion = CodeVersion.current(); // the code that runs, not what the tree holds when it ends
        TrainConfig tc = spec.train();
        Path stateDir = out.resolve(STATE_DIR);
        // 0. checks that need no data, then the label, then the elements; OUT is not touched before every check has
        //    passed and training holds the lock on OUT/state
        NodeFeaturizer featurizer = NodeFeaturizer.parse(tc.model().featurizer());
        TrainingState.requireUnlocked(stateDir);
        if (data == null) {
            data = read(spec, log);
        } else if (!data.matches(spec)) {
            throw new IllegalArgumentException("the data given was read for " + data.spec.property() + " of "
                    + data.spec.data() + " (split " + data.spec.splitFile() + ", limit " + data.spec.limit()
                    + "), not for this run's " + spec.property() + " of " + spec.data());
        }

        // 1. split; crystals with an element the table lacks: refused, filled or dropped (split.json is written once
        //    training has taken OUT/state: see ResumeLog)
        Split split = data.split(tc.seed());
        MissingElements.Report missing = data.missing(featurizer, split);
        Map<String, Object> missingInfo = null;
        if (!missing.complete()) {
            switch (spec.missing()) {
                case ERROR -> throw new IllegalArgumentException(spec.data() + ": element "
                        + firstMissing(data, missing) + " has no vector in the embedding table "
                        + tableSource(featurizer.spec()) + " (featurizer " + featurizer.spec() + "); "
                        + missing.message("crystals of the split for " + spec.property()));
                case DROP -> {
                    missingInfo = missingInfo(spec.missing(), missing, split);
                    Set<String> drop = new HashSet<>(missing.affected());
                    split = split.without(drop);
                    log.printf(Locale.ROOT, "left out %d crystals with an element the table lacks: %s%n",
                            drop.size(), missing.elementCounts());
                }
                default -> {
                    featurizer = featurizer.withTable(MissingElements.fill(featurizer.table().orElseThrow(), missing,
                            spec.missing()));
                    log.printf(Locale.ROOT, "gave %s the %s row: %s%n", String.join(", ", missing.byElement().keySet()),
                            spec.missing(), missing.elementCounts());
                }
            }
        }
        List<String> trainIds = LabelFractions.subset(split.train(), spec.fraction(), tc.seed());
        if (!missing.complete() && spec.missing() != MissingElements.Policy.DROP) {
            missingInfo = missingInfo(spec.missing(), missing,
                    new Split(trainIds, split.val(), split.test(), Map.of()));
        }

        // 2. graphs (read or built once per Data)
        Map<String, CrystalGraph> byId = data.graphs(log, tc.intraOpThreads());
        Part train = part("train", trainIds, byId, data.labels, log);
        Part val = part("val", split.val(), byId, data.labels, log);
        Part test = part("test", split.test(), byId, data.labels, log);
        log.printf(Locale.ROOT, "%s: %d train (fraction %.3g of %d), %d val, %d test crystals; split %s%n",
                spec.property(), train.ids.size(), spec.fraction(), split.train().size(), val.ids.size(),
                test.ids.size(), split.hash());

        // 3. train, resuming from OUT/state when it holds a snapshot of this run
        ResumeSpec resume = ResumeSpec.in(stateDir)
                .with("property", spec.property())
                .with("fraction", Double.toString(spec.fraction()))
                .with("split", split.hash())
                .with("graph", JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(spec.graph()))
                .with("data.limit", Long.toString(spec.limit()))
                .with("data.sha256", data.sha256);
        TrainingState.requireUnlocked(stateDir);
        Files.createDirectories(out);
        if (fresh && Files.exists(stateDir)) {
            resume.deleteState();
            log.println("deleted the saved training state in " + stateDir + " (fresh start)");
        }
        Split used = split;
        ResumeLog resumeLog = new ResumeLog(listener, log, stateDir, () -> used.write(out.resolve("split.json")));
        long tTrain = System.nanoTime();
        TrainedModel model = PropertyTrainer.train(train.graphs, train.y, val.graphs, val.y, tc, featurizer, resumeLog,
                resume);
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

        // 4. evaluate and write
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
        Map<String, Object> dataConfig = new LinkedHashMap<>();
        dataConfig.put("file", spec.data().toString());
        dataConfig.put("limit", spec.limit());
        dataConfig.put("split_file", spec.splitFile() == null ? "" : spec.splitFile().toString());
        dataConfig.put("occupancy", spec.read().occupancy().name().toLowerCase(Locale.ROOT));
        if (spec.missing() != MissingElements.Policy.ERROR) {
            dataConfig.put("missing_element", spec.missing().toString());
        }
        config.put("data", dataConfig);
        ResultRecord.Builder b = ResultRecord.builder()
                .dataset(spec.datasetName()).property(spec.property()).backbone(tc.model().backbone())
                .features(tc.model().featurizer()).fraction(spec.fraction()).seed(tc.seed())
                .splitHash(split.hash()).metrics(ResultRecord.Metrics.of(scores, valMae, Map.of())).epochs(epochs)
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
                .extra("train_ids_sha256", idsDigest(train.ids))
                .extra("resumed_at_epoch", resumeLog.resumedAt());
        if (missingInfo != null) {
            b.extra("missing_element", missingInfo);
        }
        ResultRecord rec = b.build();
        rec.write(out.resolve("result.json"));
        log.printf(Locale.ROOT, "test MAE %.4f  RMSE %.4f  R2 %.4f  (val MAE %.4f) after %d epochs, %.0f s -> %s%n",
                scores.mae(), scores.rmse(), scores.r2(), valMae, epochs, rec.wallS(), out.resolve("result.json"));
        return new Outcome(rec, model, testPred, out);
    }

    /**
     * The data of one property, read once for any number of runs ({@link #run(Spec, Data, Path, TrainingListener,
     * PrintStream, boolean)}): labels, the atoms of every labelled crystal, the split file (or what a seeded split is
     * made from), and the graphs, built (or loaded from the cache) on first use and then kept. Thread-safe.
     */
    public static final class Data {
        private final Spec spec;
        private final Map<String, Double> labels;
        private final List<String> labelledIds; // file order
        private final Map<String, int[]> atoms;  // labelled crystals
        private final Split splitFile;           // null: a seeded split per run
        private final String sha256;
        private List<CrystalRecord> records;     // kept until the graphs are built
        private Map<String, CrystalGraph> graphs;

        private Data(Spec spec, List<CrystalRecord> records, Map<String, Double> labels, List<String> labelledIds,
                     Map<String, int[]> atoms, Split splitFile, String sha256) {
            this.spec = spec;
            this.records = records;
            this.labels = labels;
            this.labelledIds = labelledIds;
            this.atoms = atoms;
            this.splitFile = splitFile;
            this.sha256 = sha256;
        }

        /**
         * The same records with another split file (a reduced or subsampled split, say), whose ids must all be
         * labelled records; graphs are built for the new view on its first use.
         *
         * @throws IllegalStateException if this view has already built its graphs (and so let go of the records)
         */
        public synchronized Data withSplitFile(Path file) {
            if (records == null) {
                throw new IllegalStateException("the graphs of this data are built: take the split view before");
            }
            Split split = Split.read(file).requireKnown(labels.keySet(), file.toString());
            Spec s = new Spec(spec.data(), spec.datasetName(), spec.property(), file, spec.fraction(), spec.limit(),
                    spec.graphCacheDir(), spec.train(), spec.graph(), spec.read(), spec.missing());
            return new Data(s, records, labels, labelledIds, atoms, split, sha256);
        }

        /** One line: "Data[mbj_bandgap of jarvis-dft3d-2021: 18,172 labelled records, graphs built]". */
        @Override
        public synchronized String toString() {
            return String.format(Locale.ROOT, "Data[%s of %s: %,d labelled records%s, graphs %s]", spec.property(),
                    spec.datasetName(), labels.size(), splitFile == null ? "" : ", split " + spec.splitFile(),
                    graphs == null ? "not built yet" : "built");
        }

        /** The spec this data was read for (its fraction and training config are those of the first run). */
        public Spec spec() {
            return spec;
        }

        /** The records as read (every record of the file, labelled or not), until the graphs are built; else null. */
        public synchronized List<CrystalRecord> records() {
            return records == null ? null : Collections.unmodifiableList(records);
        }

        /** Whether this data serves {@code s}: same file, property, split file, limit, graph, reader and cache. */
        public boolean matches(Spec s) {
            return spec.sameData(s);
        }

        /** The property's value by record id, for the labelled records. */
        public Map<String, Double> labels() {
            return Collections.unmodifiableMap(labels);
        }

        /** The split a run with {@code seed} uses: the split file, or a seeded 80/10/10 split of the labelled records. */
        public Split split(long seed) {
            return splitFile != null ? splitFile
                    : Split.ofLabelledIds(labelledIds, spec.property(), 0.8, 0.1, seed);
        }

        /** The SHA-256 of the dataset file ({@code folder} for a folder dataset). */
        public String sha256() {
            return sha256;
        }

        /** The crystals of {@code split} for the missing-element scan: id and atomic numbers, in file order. */
        public List<MissingElements.Crystal> crystals(Split split) {
            Set<String> in = split.ids();
            List<MissingElements.Crystal> out = new ArrayList<>(split.size());
            for (String id : labelledIds) {
                if (in.contains(id)) {
                    out.add(new MissingElements.Crystal(id, atoms.get(id)));
                }
            }
            return out;
        }

        /** The crystals of {@code split} holding an element the featurizer's table lacks (none without a table). */
        public MissingElements.Report missing(NodeFeaturizer featurizer, Split split) {
            return featurizer.table().map(t -> MissingElements.scan(t, crystals(split)))
                    .orElse(new MissingElements.Report(featurizer.spec(), split.size(), Map.of(), List.of()));
        }

        /** The graphs by id: built (or read from the cache) on the first call, then kept. */
        public synchronized Map<String, CrystalGraph> graphs(PrintStream log, int threads) throws IOException {
            if (graphs != null) {
                return graphs;
            }
            GraphSet set;
            if (spec.graphCacheDir() != null && spec.limit() <= 0 && Files.isRegularFile(spec.data())) {
                List<CrystalRecord> all = records;
                GraphCache.Loaded loaded = GraphCache.loadOrBuild(spec.graphCacheDir(),
                        GraphCache.sourceKey(sha256, spec.read()), spec.graph(),
                        all::iterator, threads);
                log.printf(Locale.ROOT, "graphs %s %s%n", loaded.hit() ? "loaded from" : "built and cached in",
                        loaded.file());
                set = loaded.graphs();
            } else {
                // only the split's crystals (every labelled one without a split file) are trained or tested on
                Set<String> needed = splitFile != null ? splitFile.ids() : labels.keySet();
                set = org.unate.graph.GraphBuilder.of(spec.graph()).buildAll(
                        records.stream().filter(r -> needed.contains(r.id())).toList(), threads, null);
            }
            Map<String, CrystalGraph> byId = new HashMap<>();
            set.graphs().forEach(g -> {
                if (labels.containsKey(g.id())) {
                    byId.put(g.id(), g);
                }
            });
            graphs = byId;
            records = null; // only graphs and labels are needed from here on
            return graphs;
        }
    }

    /**
     * Reads the data of {@code spec} once: checks that the property is a numeric label of the dataset, reads every
     * record, keeps the labels and the atoms of the labelled ones, reads the split file (every id must be a labelled
     * record) and the dataset's SHA-256. Graphs are built on first use ({@link Data#graphs}).
     */
    public static Data read(Spec spec, PrintStream log) throws IOException {
        DatasetOptions opts = DatasetOptions.DEFAULT.parallel().withLabels(List.of(spec.property()))
                .withStructure(spec.read());
        if (spec.limit() > 0) {
            opts = opts.withLimit(spec.limit());
        }
        requireLabel(spec.data(), spec.property(), opts);
        List<CrystalRecord> records = new ArrayList<>();
        try (CrystalDataset d = CrystalDataset.open(spec.data(), opts)) {
            for (CrystalRecord r : d) {
                records.add(r);
            }
            log.println(d.report().summary().strip());
        }
        Map<String, Double> labels = new HashMap<>();
        List<String> labelled = new ArrayList<>();
        Map<String, int[]> atoms = new HashMap<>();
        for (CrystalRecord r : records) {
            if (r.label(spec.property()).isPresent()) {
                labels.put(r.id(), r.label(spec.property()).getAsDouble());
                labelled.add(r.id());
                atoms.put(r.id(), r.structure().atomicNumbers());
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(spec.data() + ": no record has a value for '" + spec.property() + "'");
        }
        Split split = spec.splitFile() == null ? null
                : Split.read(spec.splitFile()).requireKnown(labels.keySet(), spec.splitFile().toString());
        String sha = Files.isRegularFile(spec.data()) ? GraphCache.sha256(spec.data()) : "folder";
        return new Data(spec, records, labels, labelled, atoms, split, sha);
    }

    /**
     * The SHA-256 (first 16 hex digits) of ids in the order given, one per line: runs with equal digests trained on
     * the same crystals in the same order.
     */
    public static String idsDigest(List<String> ids) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String id : ids) {
                md.update((id + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "Cs of record '1000'": the first missing element of the first affected crystal. */
    private static String firstMissing(Data data, MissingElements.Report missing) {
        String id = missing.affected().get(0);
        for (int z : data.atoms.get(id)) {
            if (missing.elements().contains(z)) {
                return org.unate.crystal.Element.ofZ(z).symbol() + " of record '" + id + "'";
            }
        }
        return "of record '" + id + "'";
    }

    /** The record's account of a missing-element policy: policy, table, elements, crystals per part. */
    static Map<String, Object> missingInfo(MissingElements.Policy policy, MissingElements.Report report, Split parts) {
        Set<String> affected = new HashSet<>(report.affected());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("train", parts.train().stream().filter(affected::contains).count());
        counts.put("val", parts.val().stream().filter(affected::contains).count());
        counts.put("test", parts.test().stream().filter(affected::contains).count());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", policy.toString());
        m.put("table", report.table());
        m.put("elements", report.byElement());
        m.put(policy == MissingElements.Policy.DROP ? "dropped" : "filled_crystals", counts);
        return m;
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
