package org.unate.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.embedding.AtomEmbeddings;
import org.unate.data.ProjectPaths;
import org.unate.data.AtomicFiles;
import org.unate.experiment.CodeVersion;
import org.unate.experiment.Split;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphCache;
import org.unate.graph.GraphSet;
import org.unate.model.ResumeLog;
import org.unate.model.ResumeSpec;
import org.unate.model.TrainingHistory;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingLoop;
import org.unate.model.TrainingState;
import org.unate.nn.Seeds;

/**
 * One pretraining run end to end: read structures (labels are never read), leave out the test crystals of the
 * given split files, build graphs, hold out a few crystals to score the loss, train on the project's
 * {@link TrainingLoop} (resumable after {@code kill -9}), and export the element tables.
 * <p>Output folder:
 * <pre>
 *   config.json            the PretrainConfig
 *   state/                 the resumable training state (TrainingState): weights, Adam moments, moving statistics,
 *                          history; one snapshot per epoch
 *   history.csv            per epoch: wall_s, lr, train_loss, (train_mae: NaN), val_mae (= validation loss),
 *                          best_val_mae, then the species, adjacency and contrastive terms of the training loss
 *   embeddings.json        the context table (see {@link ElementTables#context})
 *   embeddings-input.json  the learned input table (see {@link ElementTables#input})
 *   result.json            counts, wall time, epochs, parameters, crystals per second, code version
 * </pre>
 */
public final class Pretrainer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String STATE_DIR = "state";

    private Pretrainer() {
    }

    /**
     * What to pretrain on.
     *
     * @param data          dataset file or folder
     * @param datasetName   a name for the tables' meta ("jarvis-dft3d-2021")
     * @param limit         read only the first N records (0 = all)
     * @param config        the pretraining config
     * @param excludeSplits split files whose test ids are left out (inductive); empty with {@code transductive}
     * @param transductive  use every structure (the paper's setting)
     * @param graphCacheDir where graphs of whole dataset files are cached (null: build every time)
     * @param fresh         delete a saved training state first instead of resuming it
     * @param readOptions   how structures are read (occupancy policy ...); null for the defaults
     */
    public record Spec(Path data, String datasetName, long limit, PretrainConfig config, List<Path> excludeSplits,
                       boolean transductive, Path graphCacheDir, boolean fresh, DatasetOptions readOptions) {
        public Spec {
            excludeSplits = List.copyOf(excludeSplits == null ? List.of() : excludeSplits);
            if (transductive && !excludeSplits.isEmpty()) {
                throw new IllegalArgumentException("--transductive uses every structure: it cannot be combined with"
                        + " --exclude-test");
            }
            if (limit < 0) {
                throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
            }
        }

        /**
         * Pretraining on {@code data} with {@code config}: every record, inductive (the test crystals of
         * {@link #defaultExcludedSplits()} left out), graphs cached under the project's {@code data/cache}.
         */
        public static Spec of(Path data, PretrainConfig config) {
            return new Spec(data, data.getFileName().toString(), 0, config, defaultExcludedSplits(), false,
                    ProjectPaths.dataDir().resolve("cache"), false, null);
        }

        /** This spec reading only the first {@code n} records. */
        public Spec withLimit(long n) {
            return new Spec(data, datasetName, n, config, excludeSplits, transductive, graphCacheDir, fresh,
                    readOptions);
        }

        /** This spec under another dataset name (written to the tables' meta). */
        public Spec named(String name) {
            return new Spec(data, name, limit, config, excludeSplits, transductive, graphCacheDir, fresh, readOptions);
        }

        /** This spec using every structure, test crystals included (the paper's setting). */
        public Spec usingEveryStructure() {
            return new Spec(data, datasetName, limit, config, List.of(), true, graphCacheDir, fresh, readOptions);
        }

        /** This spec starting over, deleting a saved training state. */
        public Spec startingOver() {
            return new Spec(data, datasetName, limit, config, excludeSplits, transductive, graphCacheDir, true,
                    readOptions);
        }
    }

    /** The split files whose test ids pretraining leaves out by default (the project's fixed splits). */
    public static final List<String> DEFAULT_SPLITS = List.of("peers/splits/mbj_bandgap-seed123.json",
            "peers/splits/formation_energy_peratom-seed123.json");

    /**
     * The default split files, found under the shared folder ({@link ProjectPaths#sharedFile}).
     *
     * @throws IllegalArgumentException saying what to do when they are not there
     */
    public static List<Path> defaultExcludedSplits() {
        List<Path> out = new ArrayList<>();
        for (String rel : DEFAULT_SPLITS) {
            out.add(ProjectPaths.sharedFile(rel).orElseThrow(() -> new IllegalArgumentException(
                    "the default split file " + rel + " is not under the shared folder (../shared or UNATE_SHARED):"
                            + " name the split files whose test crystals pretraining must not see with"
                            + " --exclude-test FILE..., or pass --transductive to use every structure")));
        }
        return out;
    }

    /** The tables, the history and the folder. */
    public record Outcome(AtomEmbeddings context, AtomEmbeddings input, TrainingHistory history, Path outDir,
                          Map<String, Object> result) {
        /** One line: "Outcome[context AtomEmbeddings(...), input AtomEmbeddings(...); TrainingHistory[...]; OUT]". */
        @Override
        public String toString() {
            return "Outcome[context " + context + ", input " + input + "; " + history + "; " + outDir + "]";
        }
    }

    /**
     * Runs {@code spec} into {@code out}; resumes from {@code out/state} when it holds a snapshot of this run.
     *
     * @throws IllegalArgumentException for an empty dataset (after exclusion) or a bad split file, naming it
     * @throws IllegalStateException    if {@code out/state} belongs to a run with other settings
     */
    public static Outcome run(Spec spec, Path out, TrainingListener listener, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        String codeVersion = CodeVersion.current();
        PretrainConfig cfg = spec.config();
        // every check that needs no data comes before anything is written
        Set<String> exclude = new TreeSet<>();
        for (Path f : spec.excludeSplits()) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("split file " + f + " does not exist (--exclude-test)");
            }
            exclude.addAll(Split.read(f).test());
        }

        List<CrystalRecord> records = new ArrayList<>();
        DatasetOptions opts = (spec.readOptions() == null ? DatasetOptions.DEFAULT.parallel() : spec.readOptions())
                .withLabels(List.of());
        if (spec.limit() > 0) {
            opts = opts.withLimit(spec.limit());
        }
        try (CrystalDataset d = CrystalDataset.open(spec.data(), opts)) {
            d.forEach(records::add);
            log.println(d.report().summary().strip());
        }
        int read = records.size();
        List<String> excluded = new ArrayList<>();
        List<CrystalRecord> kept = new ArrayList<>(records.size());
        for (CrystalRecord r : records) {
            if (exclude.contains(r.id())) {
                excluded.add(r.id());
            } else {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(spec.data() + ": no structure to pretrain on (" + read + " read, "
                    + excluded.size() + " excluded as test crystals)");
        }
        log.printf(Locale.ROOT, "pretraining set: %d structures (%d read, %d test crystals of %s left out)%n",
                kept.size(), read, excluded.size(), spec.transductive() ? "no split (transductive)"
                        : spec.excludeSplits().toString());

        GraphSet graphs;
        boolean whole = spec.limit() <= 0 && Files.isRegularFile(spec.data());
        String dataSha = Files.isRegularFile(spec.data()) ? GraphCache.sha256(spec.data()) : "folder";
        if (spec.graphCacheDir() != null && whole) {
            GraphCache.Loaded loaded = GraphCache.loadOrBuild(spec.graphCacheDir(),
                    GraphCache.sourceKey(dataSha, opts.structure()), cfg.graph(),
                    records::iterator, cfg.intraOpThreads());
            log.printf(Locale.ROOT, "graphs %s %s%n", loaded.hit() ? "loaded from" : "built and cached in", loaded.file());
            Set<String> keep = new java.util.HashSet<>();
            kept.forEach(r -> keep.add(r.id()));
            List<CrystalGraph> g = new ArrayList<>(kept.size());
            for (CrystalGraph x : loaded.graphs().graphs()) {
                if (keep.contains(x.id())) {
                    g.add(x);
                }
            }
            graphs = new GraphSet(g, loaded.graphs().report());
        } else {
            graphs = GraphBuilder.of(cfg.graph()).buildAll(kept, cfg.intraOpThreads(), null);
        }
        records = null;
        kept = null;
        List<CrystalGraph> all = graphs.graphs();
        if (all.isEmpty()) {
            throw new IllegalArgumentException(spec.data() + ": no structure has a graph under " + cfg.graph());
        }
        int[] order = TrainingLoop.epochOrder(all.size(), Seeds.derive(cfg.seed(), "pretrain/holdout"), 0);
        int nVal = (int) Math.floor(cfg.validationFraction() * all.size());
        if (all.size() - nVal < 2) {
            nVal = 0;
        }
        List<CrystalGraph> val = new ArrayList<>(nVal);
        List<CrystalGraph> train = new ArrayList<>(all.size() - nVal);
        for (int k = 0; k < order.length; k++) {
            (k < nVal ? val : train).add(all.get(order[k]));
        }
        log.printf(Locale.ROOT, "%d crystals to train on, %d held out to score the loss; %d without a graph%n",
                train.size(), val.size(), graphs.report() == null ? 0 : graphs.report().skipped().size());

        Files.createDirectories(out);
        Path stateDir = out.resolve(STATE_DIR);
        if (spec.fresh()) {
            ResumeSpec.in(stateDir).deleteState();
        }
        cfg.save(out.resolve("config.json"));
        String excludedHash = sha256(String.join("\n", new TreeSet<>(excluded)));
        Map<String, String> fingerprint = new TreeMap<>();
        TrainingState.addConfig("config", cfg.toJson(), fingerprint);
        fingerprint.put("data.train.crystals", Integer.toString(train.size()));
        fingerprint.put("data.train.sha256", TrainingState.dataDigest(train, new double[train.size()]));
        fingerprint.put("data.val.crystals", Integer.toString(val.size()));
        fingerprint.put("data.val.sha256", TrainingState.dataDigest(val, new double[val.size()]));
        ResumeSpec resume = ResumeSpec.in(stateDir).with("data.sha256", dataSha)
                .with("data.limit", Long.toString(spec.limit())).with("excluded.sha256", excludedHash);

        long tTrain = System.nanoTime();
        ResumeLog resumeLog = new ResumeLog(listener, log, stateDir);
        TrainingLoop.Result<Task> r = TrainingLoop.run(() -> new Task(new PretrainModel(cfg), train, val),
                new TrainingLoop.Settings(cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.minLearningRate(),
                        0, 0, cfg.seed()), resumeLog, resume, fingerprint);
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;
        try (Task task = r.task()) {
            TrainingHistory history = r.history();
            Path contextFile = out.resolve("embeddings.json"), inputFile = out.resolve("embeddings-input.json");
            Path resultFile = out.resolve("result.json");
            if (resumeLog.loadedFinished() && Files.isRegularFile(contextFile) && Files.isRegularFile(inputFile)
                    && Files.isRegularFile(resultFile)) {
                // the tables of a finished run stay byte for byte as they were: records made with them name their
                // SHA-256, so a rewrite (a newer code version in meta) would orphan every one of them
                log.printf(Locale.ROOT, "the finished run's tables are kept as they were: %s, %s%n", contextFile,
                        inputFile);
                @SuppressWarnings("unchecked")
                Map<String, Object> result = JSON.readValue(resultFile.toFile(), Map.class);
                return new Outcome(AtomEmbeddings.load(contextFile), AtomEmbeddings.load(inputFile), history, out,
                        result);
            }
            history.writeCsv(out.resolve("history.csv"));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("source", "UNATE pretraining (" + cfg.model().backbone() + " encoder, " + cfg.contrastive()
                    + "), this project");
            meta.put("dim", cfg.dim());
            meta.put("structures", all.size());
            meta.put("epochs", history.epochs().size());
            meta.put("seed", cfg.seed());
            meta.put("dataset", spec.datasetName());
            meta.put("data_sha256", dataSha);
            meta.put("config", JSON.readTree(cfg.toJson()));
            meta.put("transductive", spec.transductive());
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("count", excluded.size());
            ex.put("sha256", excludedHash);
            ex.put("split_files", spec.excludeSplits().stream().map(p -> p.getFileName().toString()).toList());
            meta.put("excluded_test_ids", ex);
            meta.put("code_version", codeVersion);
            AtomEmbeddings context = ElementTables.context(task.model, all, cfg.inferenceBatchSize(), meta);
            AtomEmbeddings input = ElementTables.input(task.model, all, meta);
            context.save(out.resolve("embeddings.json"));
            input.save(out.resolve("embeddings-input.json"));

            int epochs = history.epochs().size();
            double lastWall = epochs == 0 ? 0 : history.epochs().get(epochs - 1).wallSeconds();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("format", "unate-pretrain-result/1");
            result.put("backbone", cfg.model().backbone());
            result.put("dim", cfg.dim());
            result.put("contrastive", cfg.contrastive());
            result.put("dataset", spec.datasetName());
            result.put("data_sha256", dataSha);
            result.put("structures_read", read);
            result.put("structures_excluded", excluded.size());
            result.put("structures", all.size());
            result.put("train_crystals", train.size());
            result.put("val_crystals", val.size());
            result.put("epochs", epochs);
            result.put("best_epoch", history.bestEpoch());
            result.put("stop_reason", history.stopReason());
            result.put("best_val_loss", history.bestValMae());
            result.put("train_s", lastWall);
            result.put("train_crystals_per_s", lastWall > 0 ? (double) train.size() * epochs / lastWall : Double.NaN);
            result.put("wall_s_this_call", (System.nanoTime() - t0) / 1e9);
            result.put("train_s_this_call", trainSeconds);
            result.put("parameters", task.model.parameterCount());
            result.put("unseen_elements", context.meta().get("unseen_elements"));
            result.put("seed", cfg.seed());
            result.put("resumed_at_epoch", resumeLog.resumedAt());
            result.put("code_version", codeVersion);
            AtomicFiles.write(out.resolve("result.json"), JSON.writeValueAsBytes(result));
            log.printf(Locale.ROOT, "pretrained %d epochs (%.0f s of training); tables -> %s, %s%n", epochs, lastWall,
                    out.resolve("embeddings.json"), out.resolve("embeddings-input.json"));
            return new Outcome(context, input, history, out, result);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pretraining model and its crystals as a task of the training loop. */
    static final class Task implements TrainingLoop.Task {
        final PretrainModel model;
        private final List<CrystalGraph> train;
        private final List<CrystalGraph> val;

        Task(PretrainModel model, List<CrystalGraph> train, List<CrystalGraph> val) {
            this.model = model;
            this.train = train;
            this.val = val;
        }

        @Override
        public int trainSize() {
            return train.size();
        }

        @Override
        public int validationSize() {
            return val.size();
        }

        @Override
        public List<String> termNames() {
            return PretrainModel.TERMS;
        }

        @Override
        public TrainingLoop.Step step(int[] members, int epoch, float learningRate) {
            List<CrystalGraph> batch = new ArrayList<>(members.length);
            for (int m : members) {
                batch.add(train.get(m));
            }
            double[] l = model.trainStep(Views.of(batch, members, epoch, model.config()), learningRate);
            return new TrainingLoop.Step(l[0], null, new double[] {l[1], l[2], l[3]});
        }

        /** Mean inference-mode loss over the held-out crystals, in batches of the training size, fixed views. */
        @Override
        public double validate() {
            return validationLoss()[0];
        }

        /** Validation loss and its terms (total, species, adjacency, contrastive), crystal-weighted. */
        double[] validationLoss() {
            int bs = model.config().batchSize();
            double[] sum = new double[4];
            int n = 0;
            for (int s = 0; s < val.size(); s += bs) {
                int e = Math.min(val.size(), s + bs);
                if (e - s < 2) {
                    break; // a lone crystal has no negatives for the contrastive term
                }
                int[] idx = new int[e - s];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = s + k;
                }
                double[] l = model.evaluate(Views.of(val.subList(s, e), idx, 0, model.config()));
                for (int k = 0; k < 4; k++) {
                    sum[k] += l[k] * idx.length;
                }
                n += idx.length;
            }
            for (int k = 0; k < 4; k++) {
                sum[k] /= Math.max(n, 1);
            }
            return sum;
        }

        @Override
        public void saveCheckpoint(Path dir) {
            model.saveCheckpoint(dir);
        }

        @Override
        public void restoreCheckpoint(Path dir) {
            model.restoreCheckpoint(dir);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
