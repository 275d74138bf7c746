package org.unate.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.unate.data.AtomicFiles;
import org.unate.data.DataCatalog;
import org.unate.data.ProjectPaths;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.MissingElements;
import org.unate.graph.GraphConfig;
import org.unate.model.EpochRecord;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.model.ResumeLog;
import org.unate.model.StatusLine;
import org.unate.model.TrainingHistory;
import org.unate.model.TrainingListener;
import org.unate.pretrain.PretrainConfig;
import org.unate.pretrain.Pretrainer;
import org.unate.property.TrainConfig;

/**
 * Runs a sweep ({@link SweepConfig}) at one scale into a folder, one {@link PropertyRun} (or
 * {@link CompositionProbe} run) per (condition, fraction, seed):
 * <pre>
 * OUT/sweep.json                       the config and scale of the latest start
 * OUT/split.json                       the split every run uses (the config's, less dropped crystals, subsampled)
 * OUT/records/COND__fF__sS.json        one result record per finished run (written atomically, last)
 * OUT/records/COND__fF__sS.history.csv its per-epoch history
 * OUT/records/COND__fF__sS.test-predictions.csv its test predictions (id, target, prediction)
 * OUT/runs/COND/fF/sS/                 the run's own folder: state (resumable), model, predictions, run.log
 * OUT/unate-stand-in/                  the small pretraining run standing in for UNATE's tables (ci, quick)
 * OUT/sweep.log                        progress of every start
 * OUT/runs/.../claim.lock             held while a start trains that run (RunClaim)
 * </pre>
 * <b>Pairing.</b> Every run reads the same split; seed {@code s} fixes the initialisation, the nested label subset
 * and the batch order (and, for the random and shuffled controls, the draw of their table) identically for every
 * condition, so runs of one seed and fraction differ only in the node table.
 * <p><b>Once per sweep.</b> The data is read and the graphs built (or read from the graph cache) once, then shared
 * by every run ({@link PropertyRun#read}).
 * <p><b>Resumable.</b> A run whose record exists is never redone; a record exists only once its run is complete (it
 * is written last, atomically). An interrupted run (even by {@code kill -9}) resumes from its own state in
 * {@code runs/.../state}. Each record carries a key of everything its run depends on ({@code sweep_run_key}: data,
 * split, features spec and table checksum, fraction, seed, training and graph configs, missing-element policy); a
 * start whose key differs from an existing record's is refused before anything runs, naming the records.
 * <p><b>Checks first.</b> The split and data files, the UNATE tables a condition needs (unless the scale pretrains
 * a stand-in), every condition's spec, and the elements of the split's crystals against every condition's table
 * (with the missing-element policy: error, mean, zero, or drop, which leaves the crystals missing from <i>any</i>
 * condition's table out of every condition) are checked before any run starts.
 */
public final class Sweep {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sweep() {
    }

    /**
     * How a sweep runs.
     *
     * @param root             the project root (relative paths of the config are resolved against it)
     * @param log              progress and summaries
     * @param runListener      an extra listener per run (null for none); gets every training event
     * @param progressSeconds  at most one progress line per run every this many seconds (epoch ends)
     * @param dryRun           plan and check, list the runs, run nothing
     * @param unateTables      a folder to read UNATE's tables from (null: the config's); see {@link #withUnateTables}
     * @param workers          runs side by side in this JVM; 0: the config's {@code training.workers}
     */
    public record Options(Path root, PrintStream log, Function<Run, TrainingListener> runListener,
                          double progressSeconds, boolean dryRun, Path unateTables, int workers) {
        public Options {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be 1 or more (0: the config's), got " + workers);
            }
        }

        public static Options defaults(PrintStream log) {
            return new Options(ProjectPaths.root(), log, null, 30, false, null, 0);
        }

        /**
         * Runs {@code n} runs side by side in this JVM instead of the config's {@code training.workers}. Workers are
         * not part of what a run depends on; to run them in separate processes, start the sweep once per process
         * into the same folder with {@code withWorkers(1)}: the starts split the runs (see the class comment).
         */
        public Options withWorkers(int n) {
            return new Options(root, log, runListener, progressSeconds, dryRun, unateTables, n);
        }

        public Options withLog(PrintStream l) {
            return new Options(root, l, runListener, progressSeconds, dryRun, unateTables, workers);
        }

        public Options withRoot(Path r) {
            return new Options(r, log, runListener, progressSeconds, dryRun, unateTables, workers);
        }

        public Options withRunListener(Function<Run, TrainingListener> l) {
            return new Options(root, log, l, progressSeconds, dryRun, unateTables, workers);
        }

        public Options withProgressSeconds(double s) {
            return new Options(root, log, runListener, s, dryRun, unateTables, workers);
        }

        public Options dry() {
            return new Options(root, log, runListener, progressSeconds, true, unateTables, workers);
        }

        /**
         * Reads UNATE's two tables from {@code dir} ({@code embeddings.json}, the context table, and
         * {@code embeddings-input.json}, the input table, as {@code unate pretrain} writes them) instead of the
         * config's paths and instead of a stand-in: several sweeps can share one pretraining run
         * ({@code make reproduce}).
         */
        public Options withUnateTables(Path dir) {
            return new Options(root, log, runListener, progressSeconds, dryRun, dir, workers);
        }
    }

    /**
     * One run of the sweep.
     *
     * @param index     1-based position in the plan
     * @param condition the condition's name
     * @param features  the featurizer spec of this run
     * @param fraction  label fraction
     * @param seed      seed
     * @param dir       the run's own folder
     * @param record    where its record goes
     */
    public record Run(int index, String condition, String features, double fraction, long seed, Path dir,
                      Path record) {
        /** e.g. {@code unate:frozen f=0.25 s=3}. */
        public String label() {
            return condition + " f=" + fraction + " s=" + seed;
        }
    }

    /**
     * What a start did.
     *
     * @param out      the sweep folder
     * @param runs     every run of the plan
     * @param skipped  runs whose record was already there
     * @param done     runs finished by this start
     * @param failed   runs that failed, with the error
     * @param records  the sweep's records, in plan order (those that exist)
     */
    public record Result(Path out, List<Run> runs, List<Run> skipped, List<Run> done, Map<Run, String> failed,
                         List<ResultRecord> records) {
    }

    /** The folder of the records under a sweep folder. */
    public static Path recordsDir(Path out) {
        return out.resolve("records");
    }

    /**
     * Runs {@code config} at {@code scale} into {@code out}: see the class comment.
     *
     * @throws IllegalArgumentException for a bad config, missing files or tables, or crystals a table lacks (with
     *                                  the policy {@code error}), before any run starts
     * @throws IllegalStateException    if another sweep is running into {@code out}, or existing records were made
     *                                  with other settings
     */
    public static Result run(SweepConfig config, String scale, Path out, Options opt) throws IOException {
        SweepConfig.Scale settings = config.scale(scale);
        PrintStream log = opt.log();
        Path root = opt.root();
        List<SweepConfig.Condition> conditions = conditionsOf(config, settings).stream()
                .map(c -> c.withRoot(opt.root())).toList();
        MissingElements.Policy policy = MissingElements.Policy.parse(settings.missingElement());
        boolean probe = config.backbone().equals(SweepConfig.PROBE);

        // 0. checks that need no data
        Path splitFile = root.resolve(config.split());
        if (!Files.isRegularFile(splitFile)) {
            throw new IllegalArgumentException("sweep " + config.name() + ": split file " + splitFile + " not found");
        }
        Path dataFile = config.data() != null ? root.resolve(config.data())
                : DataCatalog.load(root.resolve("data")).path(config.dataset());
        boolean needsUnate = conditions.stream().anyMatch(SweepConfig.Condition::needsUnate);
        boolean needsInput = conditions.stream().anyMatch(SweepConfig.Condition::needsUnateInput);
        if (opt.unateTables() != null) {
            requireTable(config, "unate", opt.unateTables().resolve("embeddings.json").toString(), root, conditions,
                    needsUnate);
            requireTable(config, "unate_input", opt.unateTables().resolve("embeddings-input.json").toString(), root,
                    conditions, needsInput);
        } else if (settings.unateStandIn() == null) {
            requireTable(config, "unate", config.unate(), root, conditions, needsUnate);
            requireTable(config, "unate_input", config.unateInput(), root, conditions, needsInput);
        }
        if (probe) {
            for (SweepConfig.Condition c : conditions) {
                if (c.features().equals("atomic-number") || c.features().equals("one-hot")) {
                    throw new IllegalArgumentException("sweep " + config.name() + ": the composition probe needs a"
                            + " table, condition " + c.name() + " has none");
                }
            }
        }
        Files.createDirectories(out);
        try (PrintStream both = tee(log, out.resolve("sweep.log"))) {
            return runChecked(config, scale, settings, conditions, policy, probe, splitFile, dataFile, out,
                    opt.withLog(both), both);
        }
    }

    private static Result runChecked(SweepConfig config, String scale, SweepConfig.Scale settings,
                                    List<SweepConfig.Condition> conditions, MissingElements.Policy policy,
                                    boolean probe, Path splitFile, Path dataFile, Path out, Options opt,
                                    PrintStream log) throws IOException {
        Path root = opt.root();
        log.printf(Locale.ROOT, "sweep %s at scale %s into %s (%s)%n", config.name(), scale, out,
                CodeVersion.current());
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("scale", scale);
        started.put("config", JSON.readTree(config.toJson()));
        AtomicFiles.write(out.resolve("sweep.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(started));

        // 1. the UNATE tables: the configured files, or a small stand-in pretrained here
        String unate = config.unate() == null ? null : root.resolve(config.unate()).toString();
        String unateInput = config.unateInput() == null ? null : root.resolve(config.unateInput()).toString();
        boolean standIn = opt.unateTables() == null && settings.unateStandIn() != null
                && conditions.stream().anyMatch(c -> c.needsUnate() || c.needsUnateInput());
        if (opt.unateTables() != null) {
            Path dir = root.resolve(opt.unateTables());
            unate = dir.resolve("embeddings.json").toString();
            unateInput = dir.resolve("embeddings-input.json").toString();
            log.printf(Locale.ROOT, "UNATE tables from %s (instead of the config's)%n", dir);
        } else if (standIn) {
            Path dir = standIn(config, settings.unateStandIn(), dataFile, splitFile, out, log);
            unate = dir.resolve("embeddings.json").toString();
            unateInput = dir.resolve("embeddings-input.json").toString();
        }
        Map<String, Object> unateInfo = new LinkedHashMap<>();
        if (unate != null && Files.isRegularFile(Path.of(unate))) {
            unateInfo.put("path", root.relativize(Path.of(unate).toAbsolutePath()).toString());
            unateInfo.put("sha256", sha256(Path.of(unate)));
            unateInfo.put("dim", AtomEmbeddings.load(Path.of(unate)).dim());
            unateInfo.put("stand_in", standIn);
        }

        // 2. every condition's table parses (a catalogue table must be resolved, a file must exist)
        long firstSeed = settings.seeds().get(0);
        Map<String, NodeFeaturizer> featurizers = new LinkedHashMap<>();
        Map<String, Map<String, Object>> nodeTables = new LinkedHashMap<>();
        for (SweepConfig.Condition c : conditions) {
            String spec = c.spec(unate, unateInput, firstSeed);
            try {
                NodeFeaturizer f = NodeFeaturizer.parse(spec);
                featurizers.put(c.name(), f);
                nodeTables.put(c.name(), nodeTable(f));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sweep " + config.name() + ", condition " + c.name() + ": "
                        + e.getMessage(), e);
            }
        }

        // 3. the data, once; the split's crystals against every condition's table
        TrainConfig base = trainConfig(config, settings);
        GraphConfig graph = PropertyRun.Spec.defaultGraph(base.model());
        Path cache = Boolean.TRUE.equals(settings.graphCache()) ? root.resolve("data").resolve("cache") : null;
        PropertyRun.Spec dataSpec = new PropertyRun.Spec(dataFile, config.dataset(), config.property(), splitFile, 1.0,
                0, cache, base, graph, null, policy);
        PropertyRun.Data data = PropertyRun.read(dataSpec, log);
        // the check is on the crystals the runs use: the (subsampled) split; drop removes the crystals some table
        // lacks from the whole split before subsampling, so the subsample keeps its size
        Split full = data.split(0);
        Split used = settings.subsample() != null ? subsample(full, settings.subsample()) : full;
        Map<String, List<String>> byMessage = new LinkedHashMap<>();
        Set<String> drop = new LinkedHashSet<>();
        Map<String, Object> dropInfo = new LinkedHashMap<>();
        for (Map.Entry<String, NodeFeaturizer> e : featurizers.entrySet()) {
            MissingElements.Report r = data.missing(e.getValue(), policy == MissingElements.Policy.DROP ? full : used);
            if (r.complete()) {
                continue;
            }
            switch (policy) {
                case ERROR -> byMessage.computeIfAbsent(r.message("crystals of the split"), k -> new ArrayList<>())
                        .add(e.getKey());
                case DROP -> {
                    drop.addAll(r.affected());
                    dropInfo.put(e.getKey(), Map.of("table", r.table(), "elements", r.byElement()));
                }
                default -> log.printf(Locale.ROOT, "condition %s: %s get the table's %s row (%s)%n", e.getKey(),
                        String.join(", ", r.byElement().keySet()), policy, r.elementCounts());
            }
        }
        if (!byMessage.isEmpty()) {
            List<String> parts = new ArrayList<>();
            byMessage.forEach((m, names) -> parts.add((names.size() == 1 ? "condition " : "conditions ")
                    + String.join(", ", names) + ": " + m));
            throw new IllegalArgumentException("sweep " + config.name() + ": " + String.join("; ", parts));
        }
        Split split = used;
        Map<String, Object> sweepMissing = null;
        if (!drop.isEmpty()) {
            sweepMissing = new LinkedHashMap<>();
            sweepMissing.put("policy", "drop");
            sweepMissing.put("scope", "every condition of the sweep");
            sweepMissing.put("tables", dropInfo);
            sweepMissing.put("dropped", Map.of("train", full.train().stream().filter(drop::contains).count(),
                    "val", full.val().stream().filter(drop::contains).count(),
                    "test", full.test().stream().filter(drop::contains).count()));
            log.printf(Locale.ROOT, "left out of every condition: %d crystals with an element some table lacks%n",
                    drop.size());
            split = full.without(drop);
            if (settings.subsample() != null) {
                split = subsample(split, settings.subsample());
            }
        }
        Map<String, Object> splitExtra = new LinkedHashMap<>(split.extra());
        splitExtra.put("sweep", config.name());
        splitExtra.put("scale", scale);
        splitExtra.put("from", root.relativize(splitFile.toAbsolutePath()).toString());
        split = split.withExtra(splitExtra);
        Path sweepSplit = out.resolve("split.json");
        split.write(sweepSplit);
        PropertyRun.Data runData = data.withSplitFile(sweepSplit);
        log.printf(Locale.ROOT, "split %s: %d train, %d val, %d test crystals%n", split.hash(), split.train().size(),
                split.val().size(), split.test().size());

        // 4. the plan, and the records already there
        List<Run> runs = plan(config, settings, conditions, unate, unateInput, out);
        Map<Run, String> keys = new LinkedHashMap<>();
        for (Run r : runs) {
            keys.put(r, runKey(config, r, base, graph, policy, split, data.sha256(), unate, unateInput));
        }
        List<Run> skipped = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Run r : runs) {
            if (Files.isRegularFile(r.record())) {
                ResultRecord existing = ResultRecord.read(r.record());
                Object k = existing.extra().get("sweep_run_key");
                if (keys.get(r).equals(k)) {
                    skipped.add(r);
                } else {
                    mismatched.add(out.relativize(r.record()).toString());
                }
            }
        }
        if (!mismatched.isEmpty()) {
            throw new IllegalStateException("sweep " + config.name() + ": " + mismatched.size() + " record(s) in "
                    + recordsDir(out) + " were made with other settings (data, split, table, epoch rule, ...): "
                    + String.join(", ", mismatched.subList(0, Math.min(5, mismatched.size())))
                    + (mismatched.size() > 5 ? ", ..." : "") + "; run into another --out, or delete them to redo them");
        }
        List<Run> todo = runs.stream().filter(r -> !skipped.contains(r)).toList();
        log.printf(Locale.ROOT, "%d runs: %d done before, %d to run (%d conditions x %s x seeds %s; %s)%n",
                runs.size(), skipped.size(), todo.size(), conditions.size(), settings.fractions(), settings.seeds(),
                epochRuleText(settings));
        if (opt.dryRun()) {
            for (Run r : runs) {
                log.printf(Locale.ROOT, "  [%d/%d] %-40s %s%n", r.index(), runs.size(), r.label(),
                        skipped.contains(r) ? "done" : r.features());
            }
            return new Result(out, runs, skipped, List.of(), Map.of(), existing(runs));
        }

        // 5. run
        if (!probe && !todo.isEmpty()) {
            runData.graphs(log, base.intraOpThreads());
        }
        int workers = opt.workers() > 0 ? opt.workers() : config.training().workers();
        Progress progress = new Progress(runs, skipped, workers, log).every(opt.progressSeconds());
        Map<String, Object> settingsInfo = config.describe(scale);
        List<Run> done = new ArrayList<>();
        Map<Run, String> failed = new LinkedHashMap<>();
        RunContext ctx = new RunContext(config, scale, base, policy, runData, split, unateInfo, nodeTables,
                settingsInfo, sweepMissing, keys, opt, progress, probe);
        if (workers == 1) {
            for (Run r : todo) {
                outcome(r, ctx, done, failed);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<?>> fs = new ArrayList<>();
                for (Run r : todo) {
                    fs.add(pool.submit(() -> outcome(r, ctx, done, failed)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("sweep interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        log.printf(Locale.ROOT, "sweep %s: %d runs done now, %d before, %d failed; records in %s%n", config.name(),
                done.size(), skipped.size(), failed.size(), recordsDir(out));
        failed.forEach((r, m) -> log.printf(Locale.ROOT, "  FAILED %s: %s%n", r.label(), m));
        return new Result(out, runs, skipped, List.copyOf(done), failed, existing(runs));
    }

    private static List<ResultRecord> existing(List<Run> runs) {
        List<ResultRecord> out = new ArrayList<>();
        for (Run r : runs) {
            if (Files.isRegularFile(r.record())) {
                out.add(ResultRecord.read(r.record()));
            }
        }
        return out;
    }

    /** What every run of one start shares. */
    private record RunContext(SweepConfig config, String scale, TrainConfig base, MissingElements.Policy policy,
                              PropertyRun.Data data, Split split, Map<String, Object> unateInfo,
                              Map<String, Map<String, Object>> nodeTables, Map<String, Object> settings, Map<String, Object> sweepMissing, Map<Run, String> keys,
                              Options opt, Progress progress, boolean probe) {
    }

    private static void outcome(Run r, RunContext ctx, List<Run> done, Map<Run, String> failed) {
        Optional<RunClaim> claim;
        try {
            claim = RunClaim.tryClaim(r.dir());
        } catch (IOException e) {
            synchronized (done) {
                failed.put(r, "cannot claim " + r.dir().resolve(RunClaim.FILE) + ": " + e.getMessage());
            }
            ctx.progress.failed(r, failed.get(r));
            return;
        }
        if (claim.isEmpty()) {
            ctx.progress.elsewhere(r, "another start of this sweep is running it; left to that start");
            return;
        }
        try (RunClaim held = claim.get()) {
            if (Files.isRegularFile(r.record())) {
                ctx.progress.elsewhere(r, "finished by another start of this sweep meanwhile");
                return;
            }
            train(r, ctx, done, failed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void train(Run r, RunContext ctx, List<Run> done, Map<Run, String> failed) {
        ctx.progress.started(r);
        long t0 = System.nanoTime();
        try {
            runOne(r, ctx);
            synchronized (done) {
                done.add(r);
            }
            ctx.progress.finished(r, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | Error e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            synchronized (done) {
                failed.put(r, m);
            }
            ctx.progress.failed(r, m);
            if (e instanceof Error err && !(e instanceof AssertionError)) {
                throw err;
            }
        }
    }

    /** One run: train (resuming its state) or probe, then its record with the sweep's keys, written last. */
    private static void runOne(Run r, RunContext ctx) throws IOException {
        Files.createDirectories(r.dir());
        try (PrintStream runLog = new PrintStream(Files.newOutputStream(r.dir().resolve("run.log"),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            ResultRecord rec;
            String history = null;
            String stem = r.record().getFileName().toString();
            stem = stem.substring(0, stem.length() - ".json".length());
            Files.createDirectories(r.record().getParent());
            if (ctx.probe) {
                rec = probe(r, ctx);
            } else {
                TrainConfig tc = ctx.base.withFeaturizer(r.features()).withSeed(r.seed());
                PropertyRun.Spec spec = ctx.data.spec().withTrain(tc).withFraction(r.fraction());
                TrainingListener extra = ctx.opt.runListener() == null ? null : ctx.opt.runListener().apply(r);
                TrainingListener listener = TrainingListener.both(ctx.progress.listener(r), extra);
                PropertyRun.Outcome o = PropertyRun.run(spec, ctx.data, r.dir(), listener, runLog, false);
                o.model().close();
                rec = o.record();
                history = stem + ".history.csv";
                Files.copy(r.dir().resolve("history.csv"), r.record().resolveSibling(history),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            // the test predictions beside the record, so that parity plots and per-crystal statistics can be
            // rebuilt from the committed records alone
            String predictions = stem + ".test-predictions.csv";
            Files.copy(r.dir().resolve("test-predictions.csv"), r.record().resolveSibling(predictions),
                    StandardCopyOption.REPLACE_EXISTING);
            rec = rec.withExtra("condition", r.condition())
                    .withExtra("sweep", ctx.config.name())
                    .withExtra("scale", ctx.scale)
                    .withExtra("sweep_settings", ctx.settings)
                    .withExtra("sweep_run_key", ctx.keys.get(r))
                    .withExtra("test_predictions", predictions)
                    .withExtra("node_table", ctx.nodeTables.get(r.condition()));
            if (!ctx.unateInfo.isEmpty() && usesUnate(ctx.config.condition(r.condition()))) {
                rec = rec.withExtra("unate_table", ctx.unateInfo);
            }
            if (ctx.sweepMissing != null) {
                rec = rec.withExtra("missing_element", ctx.sweepMissing);
            }
            if (history != null) {
                rec = rec.withHistory(history);
            }
            rec.write(r.record());
        }
    }

    /**
     * What a record says of its condition's node table ({@code node_table}, docs/results-format.md): the featurizer's
     * kind (the spec's first word), whether the table is trained, and for a table its width, element count and
     * {@code meta.source}; reports pair a table with the random control of its width by it.
     */
    static Map<String, Object> nodeTable(NodeFeaturizer f) {
        Map<String, Object> m = new LinkedHashMap<>();
        String spec = f.spec();
        int colon = spec.indexOf(':');
        String kind = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
        m.put("kind", kind);
        m.put("trainable", kind.equals("atomic-number") || f.trainableTable());
        f.table().ifPresent(t -> {
            m.put("width", t.dim());
            m.put("elements", t.size());
            Object source = t.meta().get("source");
            if (source != null) {
                m.put("source", source.toString());
            }
        });
        return m;
    }

    private static boolean usesUnate(SweepConfig.Condition c) {
        return c.needsUnate() || c.needsUnateInput();
    }

    private static ResultRecord probe(Run r, RunContext ctx) {
        NodeFeaturizer f = NodeFeaturizer.parse(r.features());
        CompositionProbe.Config pc = switch (ctx.config.training().probeLearner()) {
            case "forest" -> CompositionProbe.Config.forest();
            case "xgboost" -> CompositionProbe.Config.defaults();
            default -> throw new IllegalArgumentException("training.probe_learner must be xgboost or forest, got "
                    + ctx.config.training().probeLearner());
        };
        CompositionProbe.Result res = CompositionProbe.run(ctx.data.records(), ctx.config.property(),
                f.table().orElseThrow(), r.features(), ctx.config.dataset(), ctx.split, r.fraction(), r.seed(), pc,
                ctx.policy);
        res.test().writeCsv(r.dir().resolve("test-predictions.csv"));
        return res.record();
    }

    // ---- planning

    private static List<SweepConfig.Condition> conditionsOf(SweepConfig config, SweepConfig.Scale s) {
        if (s.conditions() == null) {
            return config.conditions();
        }
        List<SweepConfig.Condition> out = new ArrayList<>();
        for (String n : s.conditions()) {
            out.add(config.condition(n));
        }
        if (out.stream().noneMatch(c -> c.name().equals(config.baseline()))) {
            throw new IllegalArgumentException("sweep " + config.name() + ": the scale's conditions " + s.conditions()
                    + " leave out the baseline " + config.baseline());
        }
        return out;
    }

    /** The runs in order: seeds, then fractions, then conditions (so the first seeds pair up early). */
    static List<Run> plan(SweepConfig config, SweepConfig.Scale s, List<SweepConfig.Condition> conditions,
                          String unate, String unateInput, Path out) {
        List<Run> runs = new ArrayList<>();
        for (long seed : s.seeds()) {
            for (double f : s.fractions()) {
                for (SweepConfig.Condition c : conditions) {
                    if (c.fractions() != null && !c.fractions().contains(f)) {
                        continue;
                    }
                    String safe = c.name().replaceAll("[^A-Za-z0-9._-]", "_");
                    String file = safe + "__f" + f + "__s" + seed + ".json";
                    runs.add(new Run(runs.size() + 1, c.name(), c.spec(unate, unateInput, seed), f, seed,
                            out.resolve("runs").resolve(safe).resolve("f" + f).resolve("s" + seed),
                            recordsDir(out).resolve(file)));
                }
            }
        }
        return runs;
    }

    /** The training configuration every run of the sweep starts from (featurizer and seed set per run). */
    static TrainConfig trainConfig(SweepConfig config, SweepConfig.Scale s) {
        ModelConfig model = config.backbone().equals("cartnet-lite") ? ModelConfig.cartnetLite() : ModelConfig.cgcnn();
        SweepConfig.Training t = config.training();
        return TrainConfig.defaults().withModel(model).withEpochs(s.epochRule().maxEpochs())
                .withPatience(s.epochRule().patience() == null ? 0 : s.epochRule().patience())
                .withBatchSize(t.batchSize()).withLearningRate(t.learningRate(), t.minLearningRate())
                .withThreads(t.threads(), 1);
    }

    /** A fixed subsample of each list: {@link LabelFractions#subset} of the list's ids with the subsample's seed. */
    static Split subsample(Split split, SweepConfig.Subsample s) {
        return new Split(take(split.train(), s.train(), s.seed()), take(split.val(), s.val(), s.seed()),
                take(split.test(), s.test(), s.seed()), split.extra());
    }

    private static List<String> take(List<String> ids, int n, long seed) {
        if (n == 0 || n >= ids.size()) {
            return ids;
        }
        return LabelFractions.subset(ids, (double) n / ids.size(), seed).subList(0, n);
    }

    private static String epochRuleText(SweepConfig.Scale s) {
        return "at most " + s.epochRule().maxEpochs() + " epochs, patience "
                + (s.epochRule().patience() == null ? 0 : s.epochRule().patience());
    }

    /** The key of everything a run's result depends on (see the class comment). */
    static String runKey(SweepConfig config, Run r, TrainConfig base, GraphConfig graph, MissingElements.Policy policy,
                         Split split, String dataSha, String unate, String unateInput) throws IOException {
        Map<String, Object> k = new TreeMap<>();
        k.put("property", config.property());
        k.put("backbone", config.backbone());
        k.put("data_sha256", dataSha);
        k.put("split", split.hash());
        String features = r.features();
        Map<String, String> tables = new TreeMap<>();
        for (Map.Entry<String, String> t : tables(unate, unateInput).entrySet()) {
            if (features.contains(t.getValue())) {
                features = features.replace(t.getValue(), t.getKey());
                tables.put(t.getKey(), sha256(Path.of(t.getValue())));
            }
        }
        k.put("features", features);
        k.put("tables_sha256", tables);
        k.put("fraction", r.fraction());
        k.put("seed", r.seed());
        k.put("train", JSON.readTree(base.withFeaturizer("x").toJson()));
        k.put("graph", graph);
        k.put("missing_element", policy.toString());
        if (config.backbone().equals(SweepConfig.PROBE)) {
            k.put("probe_learner", config.training().probeLearner());
        }
        return sha256(JSON.writeValueAsBytes(k)).substring(0, 16);
    }

    /** The UNATE table files by placeholder name ({@code UNATE}, {@code UNATE_INPUT}), those that are set. */
    private static Map<String, String> tables(String unate, String unateInput) {
        Map<String, String> m = new LinkedHashMap<>();
        if (unateInput != null) {
            m.put("UNATE_INPUT", unateInput); // first: the input table's path may extend the context table's
        }
        if (unate != null) {
            m.put("UNATE", unate);
        }
        return m;
    }

    private static void requireTable(SweepConfig config, String key, String path, Path root,
                                     List<SweepConfig.Condition> conditions, boolean needed) {
        if (!needed) {
            return;
        }
        List<String> who = conditions.stream().filter(c -> key.equals("unate") ? c.needsUnate() : c.needsUnateInput())
                .map(SweepConfig.Condition::name).toList();
        if (path == null) {
            throw new IllegalArgumentException("sweep " + config.name() + ": conditions " + who + " need the \"" + key
                    + "\" table, and the config names none");
        }
        Path f = root.resolve(path);
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("sweep " + config.name() + ": the UNATE table " + f + " (\"" + key
                    + "\") does not exist, and conditions " + who + " need it. Pretrain it first (docs/pretraining.md:"
                    + " java -jar target/unate.jar pretrain --backbone cgcnn --dim 128 --out "
                    + f.getParent() + "), or run at --scale ci or quick, which pretrain a small stand-in table");
        }
    }

    /** The stand-in pretraining run (resumable; a finished one is only re-exported). */
    private static Path standIn(SweepConfig config, SweepConfig.StandIn s, Path dataFile, Path splitFile, Path out,
                                PrintStream log) throws IOException {
        Path dir = out.resolve("unate-stand-in");
        if (Files.isRegularFile(dir.resolve("embeddings.json")) && Files.isRegularFile(dir.resolve("result.json"))) {
            log.printf(Locale.ROOT, "UNATE stand-in tables (not UNATE's results): %s%n", dir);
            return dir;
        }
        log.printf(Locale.ROOT, "pretraining a small stand-in for the UNATE tables (%d structures, %d epochs, width %d;"
                + " not UNATE's results) into %s%n", s.limit(), s.epochs(), s.dim(), dir);
        PretrainConfig pc = PretrainConfig.defaults("cgcnn", s.dim()).withTraining(s.epochs(), 64, 1e-3, 1e-5)
                .withSeed(s.seed()).withThreads(config.training().threads(), 1);
        Pretrainer.Spec spec = new Pretrainer.Spec(dataFile, config.dataset(), s.limit(), pc, List.of(splitFile),
                false, null, false, null);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Pretrainer.run(spec, dir, TrainingListener.silent(), quiet).history();
        return dir;
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream writing to {@code log} and appending to {@code file}. */
    private static PrintStream tee(PrintStream log, Path file) throws IOException {
        OutputStream f = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) throws IOException {
                log.write(b);
                f.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                log.write(b, off, len);
                f.write(b, off, len);
            }

            @Override
            public synchronized void flush() throws IOException {
                log.flush();
                f.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
                f.close();
            }
        }, true, StandardCharsets.UTF_8);
    }

    // ---- progress

    /**
     * Progress lines per run and for the whole sweep, with an ETA. The ETA counts each remaining run as
     * {@code fraction + 0.1} units of work (training grows with the label fraction; validation, evaluation and
     * start-up do not), at the seconds per unit measured on the runs finished by this start, divided by the workers.
     */
    static final class Progress {
        private final int total;
        private final List<Run> runs;
        private final int workers;
        private final PrintStream log;
        private final Map<Run, Double> remaining = new LinkedHashMap<>();
        private int finished;
        private double units;
        private double seconds;
        private final long t0 = System.nanoTime();

        Progress(List<Run> runs, List<Run> skipped, int workers, PrintStream log) {
            this.total = runs.size();
            this.runs = List.copyOf(runs);
            this.workers = workers;
            this.log = log;
            this.finished = skipped.size();
            for (Run r : runs) {
                if (!skipped.contains(r)) {
                    remaining.put(r, r.fraction() + 0.1);
                }
            }
        }

        synchronized void started(Run r) {
            log.printf(Locale.ROOT, "[%d/%d] %s: starting (%s)%n", r.index(), total, r.label(), r.features());
        }

        synchronized void finished(Run r, double wall) {
            finished = (int) runs.stream().filter(x -> Files.isRegularFile(x.record())).count();
            units += remaining.remove(r);
            seconds += wall;
            log.printf(Locale.ROOT, "[%d/%d] %s: done in %s; sweep %d/%d done, %s elapsed, ETA %s%n", r.index(),
                    total, r.label(), duration(wall), finished, total, duration((System.nanoTime() - t0) / 1e9), eta());
        }

        /** A run this start leaves to another start of the sweep (which holds it, or has finished it). */
        synchronized void elsewhere(Run r, String why) {
            remaining.remove(r);
            log.printf(Locale.ROOT, "[%d/%d] %s: %s%n", r.index(), total, r.label(), why);
        }

        synchronized void failed(Run r, String message) {
            remaining.remove(r);
            log.printf(Locale.ROOT, "[%d/%d] %s: FAILED: %s%n", r.index(), total, r.label(), message);
        }

        synchronized String eta() {
            if (remaining.isEmpty()) {
                return "0 s";
            }
            if (units == 0) {
                return "unknown until a run finishes";
            }
            double left = remaining.values().stream().mapToDouble(Double::doubleValue).sum();
            // runs in progress in other starts of the sweep (other processes) share the remaining work
            long others = remaining.keySet().stream().filter(x -> RunClaim.heldElsewhere(x.dir())).count();
            return duration(left * seconds / units / (workers + others));
        }

        /** A listener printing the run's epochs, at most one line per {@code progressSeconds}. */
        TrainingListener listener(Run r) {
            return new TrainingListener() {
                private long last = System.nanoTime();
                private int cap;

                @Override
                public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double budget) {
                    cap = epochs;
                }

                @Override
                public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
                    cap = epochCap;
                    if (nextEpoch <= epochCap) {
                        synchronized (Progress.this) {
                            log.printf(Locale.ROOT, "[%d/%d] %s: %s%n", r.index(), total, r.label(),
                                    ResumeLog.resumedText(nextEpoch, epochCap));
                        }
                    }
                }

                @Override
                public void onLoaded(TrainingHistory history, double elapsedSeconds) {
                    synchronized (Progress.this) {
                        log.printf(Locale.ROOT, "[%d/%d] %s: %s%n", r.index(), total, r.label(),
                                ResumeLog.loadedText(history, "val MAE"));
                    }
                }

                @Override
                public void onEpoch(EpochRecord e, double etaSeconds) {
                    long now = System.nanoTime();
                    if ((now - last) / 1e9 >= progressSeconds) {
                        last = now;
                        synchronized (Progress.this) {
                            log.printf(Locale.ROOT, "[%d/%d] %s: epoch %d/%d, val MAE %.4f (best %.4f), run ETA %s;"
                                    + " sweep ETA %s%n", r.index(), total, r.label(), e.epoch(), cap, e.valMae(),
                                    e.bestValMae(), duration(etaSeconds), eta());
                        }
                    }
                }
            };
        }

        private double progressSeconds = 30;

        Progress every(double s) {
            progressSeconds = s;
            return this;
        }

        static String duration(double s) {
            return StatusLine.duration(s);
        }
    }

    /**
     * What {@code OUT/sweep.json} says of a sweep folder's latest start.
     *
     * @param scale  the scale it was started at ({@code ci}, {@code quick}, {@code paper})
     * @param config the config it ran
     */
    public record Started(String scale, SweepConfig config) {
    }

    /**
     * Reads {@code OUT/sweep.json}; empty when the folder has none.
     *
     * @throws IllegalArgumentException naming the file if it is not a {@code {"scale": ..., "config": {...}}} object
     *                                  with a valid config
     */
    public static Optional<Started> started(Path out) {
        Path file = out.resolve("sweep.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.path("scale").isTextual() || !root.path("config").isObject()) {
                throw new IllegalArgumentException("expected {\"scale\": \"ci|quick|paper\", \"config\": {...}}");
            }
            return Optional.of(new Started(root.get("scale").asText(),
                    SweepConfig.JSON.treeToValue(root.get("config"), SweepConfig.class)));
        } catch (IOException | IllegalArgumentException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException(file + ": " + (c.getMessage() == null ? c.toString()
                    : c.getMessage().lines().findFirst().orElse("")), e);
        }
    }

    /**
     * One run a sweep plans.
     *
     * @param condition the condition's name
     * @param fraction  the label fraction
     * @param seed      the seed
     */
    public record Planned(String condition, double fraction, long seed) {
    }

    /**
     * Every run {@code config} plans at {@code scale}, in the order a sweep runs them (seeds, then fractions, then
     * conditions); nothing is read or written. Reports use it to say how many of a cell's runs are done.
     *
     * @throws IllegalArgumentException for an unknown scale or one whose conditions leave out the baseline
     */
    public static List<Planned> planned(SweepConfig config, String scale) {
        SweepConfig.Scale s = config.scale(scale);
        return plan(config, s, conditionsOf(config, s), "${unate}", "${unate_input}", Path.of(".")).stream()
                .map(r -> new Planned(r.condition(), r.fraction(), r.seed())).toList();
    }

    /** Reads a sweep folder's records (a {@link ResultStore} over {@code OUT/records}). */
    public static ResultStore records(Path out) {
        Path dir = recordsDir(out);
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new IOException("no records folder in " + out));
        }
        return ResultStore.read(dir);
    }

    /**
     * Where a notebook's sweep records come from.
     *
     * @param out       the sweep folder
     * @param scale     the sweep scale of its records ({@code ci}, {@code quick} or {@code paper})
     * @param committed whether these are the committed records under {@code results/sweeps/}
     * @param records   the records
     */
    public record Source(Path out, String scale, boolean committed, ResultStore records) {
        /** The UNATE context table the records were made with, from their {@code unate_table.path}, if any. */
        public Optional<Path> unateTable() {
            for (ResultRecord r : records.records()) {
                if (r.extra().get("unate_table") instanceof Map<?, ?> m && m.get("path") != null) {
                    return Optional.of(ProjectPaths.root().resolve(m.get("path").toString()));
                }
            }
            return Optional.empty();
        }

        /** One line: how many records, of which scale, from where. */
        public String describe() {
            return records.size() + " records at scale " + scale + (committed ? " (committed, " : " (made now, ")
                    + out + ")";
        }
    }

    /**
     * The records a notebook shows for {@code config}: at notebook scale {@code ci}, the {@code ci} sweep run now into
     * {@code build/runs/NAME-ci}; otherwise the committed records under {@code results/sweeps/NAME} when there are
     * any, else the {@code quick} sweep into {@code build/sweeps/NAME-quick} (run now; resumable, so a second notebook
     * finds it done). Progress lines (one per finished run, with the ETA) go to {@code progress}.
     */
    public static Source forNotebook(SweepConfig config, String notebookScale, PrintStream progress) throws IOException {
        Path root = ProjectPaths.root();
        Path committed = root.resolve("results").resolve("sweeps").resolve(config.name());
        if (!notebookScale.equals("ci") && Files.isDirectory(recordsDir(committed))
                && records(committed).size() > 0) {
            ResultStore store = records(committed);
            return new Source(committed, store.scales().get(0), true, store);
        }
        String scale = notebookScale.equals("ci") ? "ci" : "quick";
        Path out = root.resolve("build").resolve(scale.equals("ci") ? "runs" : "sweeps").resolve(config.name() + "-" + scale);
        run(config, scale, out, Options.defaults(progressOnly(progress)));
        return new Source(out, scale, false, records(out));
    }

    /** A stream passing on only the lines of a sweep's log that end a run or the sweep (for notebooks). */
    public static PrintStream progressOnly(PrintStream to) {
        return new PrintStream(new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    String l = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (l.contains(": done in ") || l.contains("FAILED") || l.startsWith("sweep ")
                            || l.contains(" runs: ")) {
                        to.println(l);
                    }
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
