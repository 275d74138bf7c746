package org.unate.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.unate.crystal.CrystalRecord;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.CompositionFeatures;
import org.unate.embedding.MissingElements;
import org.unate.eval.Bootstrap;
import org.unate.eval.Predictions;
import org.unate.eval.RegressionScores;
import org.unate.model.NodeFeaturizer;

/**
 * A fast, GNN-free probe of an embedding table: each crystal becomes its {@link CompositionFeatures} (atom-fraction
 * weighted statistics of its elements' vectors), a Tribuo tree ensemble is trained on the training split (optionally
 * a nested label fraction of it) and scored on the test split with {@link RegressionScores}. A table whose vectors
 * carry chemistry should beat a random table of the same size.
 * <p>Two learners ({@link Config#learner()}):
 * <ul>
 * <li>{@code xgboost} (default): Tribuo's XGBoost trainer (native, multi-threaded), {@link Config#trees()} boosted
 * trees of depth at most {@link Config#maxDepth()}, learning rate 0.1, leaves of at least
 * {@link Config#minChildWeight()} crystals, 80 % of the crystals and {@link Config#featureFraction()} of the
 * features per tree, L2 weight 1, histogram tree method (XGBoost's own defaults otherwise). Its cost barely depends on how dense the table is.</li>
 * <li>{@code forest}: a random forest of CART trees, each on a bootstrap sample, each split choosing among a random
 * {@link Config#featureFraction()} of the features, MSE impurity, predictions averaged. Tribuo's CART cost grows with
 * the number of nonzero feature values: dense tables (random ones, pretrained ones) take many minutes.</li>
 * </ul>
 * All randomness comes from the run's seed.
 */
public final class CompositionProbe {
    /** The backbone name written to result records. */
    public static final String BACKBONE = "composition-probe";

    /**
     * Tribuo's ensemble trainer logs one INFO line per tree; the probe keeps a reference to its logger so that the
     * level set here (WARNING) holds, keeping notebooks and the command line readable.
     */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private CompositionProbe() {
    }

    /**
     * Probe settings.
     *
     * @param stats            composition statistics to use as features
     * @param trees            number of trees in the forest
     * @param maxDepth         maximum tree depth
     * @param minChildWeight   minimum number of examples in a leaf
     * @param featureFraction  fraction of features considered at each split, in (0, 1)
     * @param trainFraction    training fraction of a split this probe makes itself
     * @param valFraction      validation fraction of a split this probe makes itself
     * @param bootstrapResamples resamples of the test-MAE bootstrap interval (0 = none)
     * @param learner          {@code xgboost} or {@code forest} (see the class comment)
     */
    public record Config(Set<CompositionFeatures.Stat> stats, int trees, int maxDepth, float minChildWeight,
                         float featureFraction, double trainFraction, double valFraction, int bootstrapResamples,
                         String learner) {
        public static final String XGBOOST = "xgboost";
        public static final String FOREST = "forest";

        public Config {
            learner = learner == null ? XGBOOST : learner.trim().toLowerCase(java.util.Locale.ROOT);
            if (!learner.equals(XGBOOST) && !learner.equals(FOREST)) {
                throw new IllegalArgumentException("unknown probe learner '" + learner + "': expected xgboost or forest");
            }
            stats = Set.copyOf(stats);
            if (trees < 1 || maxDepth < 1 || !(minChildWeight > 0)) {
                throw new IllegalArgumentException("need trees >= 1, maxDepth >= 1, minChildWeight > 0");
            }
            if (!(featureFraction > 0 && featureFraction < 1)) {
                throw new IllegalArgumentException("a random forest needs featureFraction in (0, 1), got " + featureFraction);
            }
        }

        /**
         * XGBoost: the composition-weighted mean only, 300 boosted trees of depth at most 6, leaves of at least 5
         * crystals, half of the features per tree, 80/10/10, 1000 bootstrap resamples. XGBoost's usual settings,
         * not tuned on any split.
         */
        public static Config defaults() {
            return new Config(EnumSet.of(CompositionFeatures.Stat.MEAN), 300, 6, 5f, 0.5f, 0.8, 0.1, 1000, XGBOOST);
        }

        /**
         * The random forest of earlier versions: 50 CART trees of depth at most 12, leaves of at least 5 crystals, a
         * third of the features per split.
         */
        public static Config forest() {
            return new Config(EnumSet.of(CompositionFeatures.Stat.MEAN), 50, 12, 5f, 0.33f, 0.8, 0.1, 1000, FOREST);
        }

        public Config withStats(Set<CompositionFeatures.Stat> s) {
            return new Config(s, trees, maxDepth, minChildWeight, featureFraction, trainFraction, valFraction,
                    bootstrapResamples, learner);
        }

        public Config withTrees(int t) {
            return new Config(stats, t, maxDepth, minChildWeight, featureFraction, trainFraction, valFraction,
                    bootstrapResamples, learner);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stats", EnumSet.copyOf(stats).stream().map(Enum::name).toList());
            m.put("trees", trees);
            m.put("max_depth", maxDepth);
            m.put("min_child_weight", Double.parseDouble(Float.toString(minChildWeight)));
            m.put("feature_fraction", Double.parseDouble(Float.toString(featureFraction)));
            m.put("train_fraction", trainFraction);
            m.put("val_fraction", valFraction);
            m.put("bootstrap_resamples", bootstrapResamples);
            m.put("learner", learner);
            return m;
        }
    }

    /**
     * What one probe run produced.
     *
     * @param record           the result record (not yet written)
     * @param split            the split used
     * @param val              validation predictions
     * @param test             test predictions
     * @param unlabelled       records left out because they have no value for the property
     * @param unfeaturizable   crystals of the split left out ({@link MissingElements.Policy#DROP}) because the table
     *                         lacks one of their elements
     * @param firstUnfeaturizable id and missing elements of the first crystal of the split the table lacks an element
     *                         of (whatever the policy), or null
     */
    public record Result(ResultRecord record, Split split, Predictions val, Predictions test, int unlabelled,
                         int unfeaturizable, String firstUnfeaturizable) {
        /** One line: "Result[table:cgcnn-92 -> mbj_bandgap: test MAE 0.5712 on 182 crystals (4 unlabelled left out)]". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Result[%s -> %s: test MAE %.4f on %,d crystals (%,d unlabelled%s left out)]",
                    record.features(), record.property(), record.metrics().mae(), test.size(), unlabelled,
                    unfeaturizable > 0 ? String.format(Locale.ROOT, ", %,d without a vector", unfeaturizable) : "");
        }
    }

    /**
     * A probe to run on {@code records} for {@code property}, with defaults for everything else: no table yet (give
     * one with {@link Plan#features}), dataset name {@value PropertyRun#JARVIS}, a seeded 80/10/10 split with seed 0,
     * every training label, {@link Config#defaults()}, crystals with an element the table lacks refused:
     * <pre>
     * var probe = CompositionProbe.on(records, "mbj_bandgap");
     * var cgcnn = probe.features("table:cgcnn-92").run();
     * </pre>
     */
    public static Plan on(List<CrystalRecord> records, String property) {
        return new Plan(List.copyOf(records), property, PropertyRun.JARVIS, null, null, null, 1.0, 0,
                Config.defaults(), MissingElements.Policy.ERROR);
    }

    /**
     * A probe on the data of a property run: reads its dataset (the same records: its limit and reader options) and
     * takes its property, dataset name, split file (or the same seeded split), label fraction, seed and
     * missing-element policy, so the probe's record pairs with the run's ({@code split_hash}).
     *
     * @throws IOException if the dataset cannot be read
     */
    public static Plan on(PropertyRun.Spec spec) throws IOException {
        org.unate.crystal.io.DatasetOptions opts = org.unate.crystal.io.DatasetOptions.DEFAULT.parallel()
                .withLabels(List.of(spec.property())).withStructure(spec.read());
        if (spec.limit() > 0) {
            opts = opts.withLimit(spec.limit());
        }
        PropertyRun.requireLabel(spec.data(), spec.property(), opts);
        List<CrystalRecord> records = new ArrayList<>();
        try (org.unate.crystal.io.CrystalDataset d = org.unate.crystal.io.CrystalDataset.open(spec.data(), opts)) {
            d.forEach(records::add);
        }
        Split split = spec.splitFile() == null ? null : Split.read(spec.splitFile());
        return new Plan(List.copyOf(records), spec.property(), spec.datasetName(), split, null, null,
                spec.fraction(), spec.seed(), Config.defaults(), spec.missing());
    }

    /**
     * An immutable description of one probe, made by {@link #on} and changed by withers that return a new plan;
     * {@link #run()} runs it. Plans made from one another share the records read.
     */
    public static final class Plan {
        private final List<CrystalRecord> records;
        private final String property;
        private final String dataset;
        private final Split split;
        private final String features;
        private final AtomEmbeddings table;
        private final double fraction;
        private final long seed;
        private final Config config;
        private final MissingElements.Policy missing;

        private Plan(List<CrystalRecord> records, String property, String dataset, Split split, String features,
                     AtomEmbeddings table, double fraction, long seed, Config config,
                     MissingElements.Policy missing) {
            if (property == null || property.isBlank()) {
                throw new IllegalArgumentException("a property to predict is required");
            }
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("label fraction must be in (0, 1], got " + fraction);
            }
            this.records = records;
            this.property = property;
            this.dataset = Objects.requireNonNull(dataset, "dataset name");
            this.split = split;
            this.features = features;
            this.table = table;
            this.fraction = fraction;
            this.seed = seed;
            this.config = Objects.requireNonNull(config, "probe config");
            this.missing = Objects.requireNonNull(missing, "missing-element policy");
        }

        /**
         * The probe of the table a featurizer spec names ({@code table:cgcnn-92}, {@code table:NAME|PATH},
         * {@code random:frozen:SEED:REF}, {@code shuffled:SEED:REF}, {@code unate:frozen:PATH}); the spec is the
         * record's {@code features}. The table is built when the plan runs.
         *
         * @throws IllegalArgumentException if the spec is malformed or names no table ({@code atomic-number})
         */
        public Plan features(String spec) {
            NodeFeaturizer f = NodeFeaturizer.parse(spec);
            if (f.table().isEmpty()) {
                throw new IllegalArgumentException("the probe needs a table: table:NAME|PATH, random:frozen[:SEED[:REF]],"
                        + " shuffled[:SEED]:REF or unate:frozen:PATH, got '" + spec + "'");
            }
            return new Plan(records, property, dataset, split, spec, f.table().get(), fraction, seed, config,
                    missing);
        }

        /** The probe of a table in hand, recorded as features {@code features}. */
        public Plan table(AtomEmbeddings t, String features) {
            return new Plan(records, property, dataset, split, Objects.requireNonNull(features, "features"),
                    Objects.requireNonNull(t, "table"), fraction, seed, config, missing);
        }

        /** The same probe on a given split (null: a seeded split of the labelled records). */
        public Plan split(Split s) {
            return new Plan(records, property, dataset, s, features, table, fraction, seed, config, missing);
        }

        /** The same probe on a nested label fraction of the training split, in (0, 1]. */
        public Plan fraction(double f) {
            return new Plan(records, property, dataset, split, features, table, f, seed, config, missing);
        }

        /** The same probe with another seed (split if made here, label subset, learner). */
        public Plan seed(long s) {
            return new Plan(records, property, dataset, split, features, table, fraction, s, config, missing);
        }

        /** The same probe with other learner settings ({@link Config#defaults()}, {@link Config#forest()}). */
        public Plan config(Config c) {
            return new Plan(records, property, dataset, split, features, table, fraction, seed, c, missing);
        }

        /** The same probe with another missing-element policy. */
        public Plan missing(MissingElements.Policy p) {
            return new Plan(records, property, dataset, split, features, table, fraction, seed, config, p);
        }

        /** The same probe with another dataset name in the record. */
        public Plan dataset(String name) {
            return new Plan(records, property, name, split, features, table, fraction, seed, config,
                    missing);
        }

        /** The records the probe reads (every one, labelled or not). */
        public List<CrystalRecord> records() {
            return records;
        }

        /**
         * Runs the probe ({@link CompositionProbe#run(List, String, AtomEmbeddings, String, String, Split, double,
         * long, Config, MissingElements.Policy)}).
         *
         * @throws IllegalStateException if no table was given ({@link #features} or {@link #table})
         */
        public Result run() {
            if (table == null) {
                throw new IllegalStateException("no table to probe: give one with .features(\"table:cgcnn-92\") or"
                        + " .table(AtomEmbeddings, features)");
            }
            return CompositionProbe.run(records, property, table, features, dataset, split, fraction, seed, config,
                    missing);
        }

        /** One line: "probe of table:cgcnn-92 for mbj_bandgap on 2,000 records of jarvis-dft3d-2021, seed 0, xgboost". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "probe of %s for %s on %,d records of %s, seed %d, %s%s%s",
                    features == null ? "(no table yet)" : features, property, records.size(), dataset, seed,
                    config.learner(), fraction == 1.0 ? "" : String.format(Locale.ROOT, ", label fraction %.3g", fraction),
                    split == null ? "" : ", split " + split.hash());
        }
    }

    /** {@link #run(List, String, AtomEmbeddings, String, String, Split, double, long, Config, MissingElements.Policy)}
     *  refusing crystals with an element the table lacks. */
    public static Result run(List<CrystalRecord> records, String property, AtomEmbeddings table, String features,
                             String dataset, Split split, double fraction, long seed, Config config) {
        return run(records, property, table, features, dataset, split, fraction, seed, config,
                MissingElements.Policy.ERROR);
    }

    /**
     * Runs the probe.
     *
     * @param records  the dataset, in file order
     * @param property label to predict (records without it are excluded and counted)
     * @param table    the embedding table to probe
     * @param features the features spec for the record, e.g. {@code table:cgcnn-92} or {@code random:frozen}
     * @param dataset  dataset name for the record
     * @param split    the split to use, or null to make {@link Split#ofLabelled} with the config's fractions and
     *                 {@code seed}; a given split must only name labelled records
     * @param fraction label fraction of the training split, in (0, 1] (nested subsets, see {@link LabelFractions})
     * @param seed     seed of the split (if made here), the label subset and the forest
     * @param missing  what to do with crystals of the split holding an element the table lacks: refuse them (naming
     *                 the table, the elements and how many crystals hold them), fill the elements with the table's
     *                 mean row or zeros, or drop the crystals from the split (the record's split hash is then that
     *                 of the reduced split); the record's {@code missing_element} says what was done
     */
    public static Result run(List<CrystalRecord> records, String property, AtomEmbeddings table, String features,
                             String dataset, Split split, double fraction, long seed, Config config,
                             MissingElements.Policy missing) {
        Objects.requireNonNull(property, "property");
        long t0 = System.nanoTime();
        Map<String, CrystalRecord> labelled = new LinkedHashMap<>();
        int unlabelled = 0;
        for (CrystalRecord r : records) {
            if (r.label(property).isPresent()) {
                labelled.put(r.id(), r);
            } else {
                unlabelled++;
            }
        }
        if (labelled.isEmpty()) {
            throw new IllegalArgumentException("no record has a value for '" + property + "' (" + records.size() + " records)");
        }
        Split s = split != null ? split.requireKnown(labelled.keySet(), "split for " + property)
                : Split.ofLabelled(records, property, config.trainFraction(), config.valFraction(), seed);

        // crystals of the split with an element the table lacks
        Set<String> inSplit = s.ids();
        List<MissingElements.Crystal> crystals = new ArrayList<>(s.size());
        for (CrystalRecord r : labelled.values()) {
            if (inSplit.contains(r.id())) {
                crystals.add(new MissingElements.Crystal(r.id(), r.structure().atomicNumbers()));
            }
        }
        MissingElements.Report report = MissingElements.scan(table, crystals);
        AtomEmbeddings used = table;
        Map<String, Object> missingInfo = null;
        String firstBad = null;
        if (!report.complete()) {
            firstBad = report.affected().get(0) + ": no vector for " + String.join(", ", report.byElement().keySet());
            switch (missing) {
                case ERROR -> throw new IllegalArgumentException(report.message("crystals of the split for " + property));
                case DROP -> {
                    missingInfo = PropertyRun.missingInfo(missing, report, s);
                    s = s.without(new java.util.HashSet<>(report.affected()));
                }
                default -> used = MissingElements.fill(table, report, missing);
            }
        }
        int unfeaturizable = missing == MissingElements.Policy.DROP ? report.affected().size() : 0;

        List<String> trainIds = LabelFractions.subset(s.train(), fraction, seed);
        List<String> valIds = s.val();
        List<String> testIds = s.test();
        if (missingInfo == null && !report.complete()) {
            missingInfo = PropertyRun.missingInfo(missing, report, new Split(trainIds, valIds, testIds, Map.of()));
        }
        CompositionFeatures featurizer = CompositionFeatures.of(used, config.stats());
        String[] names = featurizer.names();
        Map<String, double[]> x = new LinkedHashMap<>();
        for (List<String> part : List.of(trainIds, valIds, testIds)) {
            for (String id : part) {
                x.put(id, featurizer.of(labelled.get(id).structure()));
            }
        }
        if (trainIds.isEmpty() || testIds.isEmpty()) {
            throw new IllegalArgumentException("probe of " + property + " needs training and test crystals, got "
                    + trainIds.size() + " and " + testIds.size());
        }

        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> train = new MutableDataset<>(
                new SimpleDataSourceProvenance("composition features, " + property, factory), factory);
        for (String id : trainIds) {
            train.add(example(labelled.get(id), property, names, x.get(id)));
        }
        long tTrain = System.nanoTime();
        Model<Regressor> model = trainer(config, seed).train(train);
        double trainSeconds = (System.nanoTime() - tTrain) / 1e9;

        Predictions test = predict(model, labelled, property, names, x, testIds);
        RegressionScores scores = RegressionScores.of(test);
        double valMae = Double.NaN;
        Predictions val = null;
        if (!valIds.isEmpty()) {
            val = predict(model, labelled, property, names, x, valIds);
            valMae = RegressionScores.of(val).mae();
        }
        Map<String, Double> more = new LinkedHashMap<>();
        if (config.bootstrapResamples() > 0) {
            Bootstrap b = Bootstrap.mae(test, config.bootstrapResamples(), 0.95, seed);
            more.put("mae_ci_low", b.low());
            more.put("mae_ci_high", b.high());
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        ObjectNode cfg = JSON.createObjectNode();
        cfg.set("probe", JSON.valueToTree(config.toMap()));
        cfg.set("table", JSON.valueToTree(table.meta()));
        cfg.put("table_dim", table.dim());
        cfg.put("table_elements", table.size());
        cfg.set("split", JSON.valueToTree(s.extra()));
        ResultRecord.Builder rb = ResultRecord.builder()
                .dataset(dataset).property(property).backbone(BACKBONE).features(features)
                .fraction(fraction).seed(seed).splitHash(s.hash())
                .metrics(ResultRecord.Metrics.of(scores, valMae, more))
                .epochs(0).wallS(wall).trainCrystalsPerS(trainIds.size() / trainSeconds)
                .counts(trainIds.size(), valIds.size(), testIds.size())
                .config(cfg)
                .extra("excluded_unlabelled", unlabelled)
                .extra("excluded_unfeaturizable", unfeaturizable);
        if (missingInfo != null) {
            rb.extra("missing_element", missingInfo);
        }
        ResultRecord rec = rb.build();
        return new Result(rec, s, val, test, unlabelled, unfeaturizable, firstBad);
    }

    /** The learner of {@code config}, seeded. */
    static Trainer<Regressor> trainer(Config config, long seed) {
        if (config.learner().equals(Config.FOREST)) {
            CARTRegressionTrainer tree = new CARTRegressionTrainer(config.maxDepth(), config.minChildWeight(), 0.0f,
                    config.featureFraction(), false, new MeanSquaredError(), seed);
            return new RandomForestTrainer<>(tree, new AveragingCombiner(), config.trees(), seed);
        }
        return new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                XGBoostRegressionTrainer.RegressionType.LINEAR, config.trees(), 0.1, 0.0, config.maxDepth(),
                config.minChildWeight(), 0.8, config.featureFraction(), 1.0, 0.0,
                Math.max(1, Runtime.getRuntime().availableProcessors()), XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    }

    private static Example<Regressor> example(CrystalRecord r, String property, String[] names, double[] x) {
        return new ArrayExample<>(new Regressor(Predictions.TARGET, r.label(property).getAsDouble()), names, x);
    }

    private static Predictions predict(Model<Regressor> model, Map<String, CrystalRecord> labelled, String property,
                                       String[] names, Map<String, double[]> x, List<String> ids) {
        List<Example<Regressor>> examples = new ArrayList<>(ids.size());
        for (String id : ids) {
            examples.add(example(labelled.get(id), property, names, x.get(id)));
        }
        List<Prediction<Regressor>> preds = model.predict(examples);
        return Predictions.fromTribuo(ids, preds);
    }
}
