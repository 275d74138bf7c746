package org.unate.experiment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.unate.embedding.MissingElements;

/**
 * A sweep: one dataset, property, backbone and split; conditions (node tables) x label fractions x seeds, one run
 * each, under one epoch rule. Read from a JSON file (snake_case keys, committed under {@code experiments/}); the
 * format is in {@code docs/formats.md} and {@code docs/experiments.md}.
 * <p>The top-level {@code fractions}, {@code seeds} and {@code epoch_rule} are the sweep at {@code paper} scale;
 * {@code scales} holds overrides for {@code ci}, {@code quick} (and {@code paper}), each on top of the built-in
 * defaults of {@link Scale#builtIn}. {@link #resolve} turns the config and a scale into a {@link SweepPlan}.
 *
 * @param name           the sweep's name (records carry it as {@code sweep})
 * @param dataset        a dataset of {@code data/datasets.json} ({@code jarvis-dft3d-2021} by default)
 * @param data           a dataset file instead of a catalogue dataset (tests, other data); relative to the project root
 * @param property       the label to predict
 * @param backbone       {@code cgcnn}, {@code cartnet-lite} or {@code composition-probe} (the GNN-free probe)
 * @param split          the split file every run uses (train, val, test); relative to the project root
 * @param unate          UNATE's context table (the authors' choice), for the {@code unate:*}, {@code random:*} and
 *                       {@code shuffled} conditions; relative to the project root
 * @param unateInput     UNATE's input table, for {@code unate-input:*}
 * @param conditions     the conditions: short names or objects (see {@link Condition})
 * @param baseline       the condition the others are compared with ({@code atomic-number} by default)
 * @param controls       the conditions every other non-baseline condition is compared with as well (by default those
 *                       of {@code random:frozen}, {@code random:trainable} and {@code shuffled} present)
 * @param fractions      label fractions at paper scale
 * @param seeds          seeds at paper scale
 * @param epochRule      the one epoch rule of every run, at paper scale
 * @param missingElement {@code error} (default), {@code mean}, {@code zero} or {@code drop}, for every condition alike
 * @param training       training settings shared by every run
 * @param scales         overrides per scale name
 * @param notes          free text (why the settings are what they are); not read
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepConfig(String name, String dataset, String data, String property, String backbone, String split,
                          String unate, String unateInput, List<Condition> conditions, String baseline,
                          List<String> controls, List<Double> fractions, List<Long> seeds, EpochRule epochRule,
                          String missingElement, Training training, Map<String, Scale> scales, List<String> notes) {
    /** Backbone name of the GNN-free probe. */
    public static final String PROBE = CompositionProbe.BACKBONE;
    /** The fractions of {@code paper} scale when a config lists none. */
    public static final List<Double> PAPER_FRACTIONS = List.of(0.05, 0.1, 0.25, 0.5, 0.75, 1.0);
    /** The seeds of {@code paper} scale when a config lists none. */
    public static final List<Long> PAPER_SEEDS = List.of(1L, 2L, 3L, 4L, 5L);
    /** The scale names. */
    public static final List<String> SCALES = List.of("ci", "quick", "paper");
    /** The conditions compared with every other one by default. */
    public static final Set<String> DEFAULT_CONTROLS = Set.of("random:frozen", "random:trainable", "shuffled");

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public SweepConfig {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a sweep needs a \"name\" of letters, digits, '.', '_' or '-', got " + name);
        }
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException("sweep " + name + ": \"property\" is required");
        }
        dataset = dataset == null || dataset.isBlank() ? "jarvis-dft3d-2021" : dataset;
        backbone = backbone == null || backbone.isBlank() ? "cgcnn" : backbone.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("cgcnn", "cartnet-lite", PROBE).contains(backbone)) {
            throw new IllegalArgumentException("sweep " + name + ": backbone must be cgcnn, cartnet-lite or " + PROBE
                    + ", got " + backbone);
        }
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("sweep " + name + ": \"split\" (a split file) is required: every"
                    + " condition of a sweep uses the same split");
        }
        if (conditions == null || conditions.isEmpty()) {
            throw new IllegalArgumentException("sweep " + name + ": \"conditions\" lists no condition");
        }
        conditions = List.copyOf(conditions);
        Set<String> names = new LinkedHashSet<>();
        for (Condition c : conditions) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("sweep " + name + ": condition " + c.name() + " is listed twice");
            }
        }
        baseline = baseline == null ? "atomic-number" : baseline;
        if (!names.contains(baseline)) {
            throw new IllegalArgumentException("sweep " + name + ": the baseline " + baseline
                    + " is not one of the conditions " + names);
        }
        if (controls == null) {
            controls = names.stream().filter(DEFAULT_CONTROLS::contains).toList();
        }
        for (String c : controls) {
            if (!names.contains(c)) {
                throw new IllegalArgumentException("sweep " + name + ": control " + c + " is not one of the conditions "
                        + names);
            }
        }
        controls = List.copyOf(controls);
        fractions = fractions == null ? PAPER_FRACTIONS : List.copyOf(fractions);
        seeds = seeds == null ? PAPER_SEEDS : List.copyOf(seeds);
        if (epochRule == null) {
            throw new IllegalArgumentException("sweep " + name + ": \"epoch_rule\" (max_epochs, patience) is required");
        }
        MissingElements.Policy.parse(missingElement);
        missingElement = MissingElements.Policy.parse(missingElement).toString();
        training = training == null ? Training.defaults() : training;
        scales = scales == null ? Map.of() : Map.copyOf(scales);
        for (String s : scales.keySet()) {
            if (!SCALES.contains(s)) {
                throw new IllegalArgumentException("sweep " + name + ": unknown scale '" + s + "' (expected " + SCALES + ")");
            }
        }
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One condition: what differs between the runs of a sweep (the node table). In a config file either a short
     * name ({@code "unate:frozen"}) or an object {@code {"name": ..., "features": SPEC, "fractions": [...]}}.
     * <p>Short names and the featurizer spec each expands to for seed {@code S} (UNATE = the {@code unate} table,
     * UNATE_INPUT = {@code unate_input}):
     * <pre>
     * atomic-number       atomic-number                      the paper's baseline
     * one-hot             one-hot
     * random:frozen       random:frozen:S:norm:UNATE         UNATE's width, rows scaled to its mean row norm
     * random:trainable    random:trainable:S:norm:UNATE      the same table, trained
     * shuffled            shuffled:S:UNATE                   UNATE's rows permuted across elements, frozen
     * unate:frozen        unate:frozen:UNATE
     * unate:finetune      unate:finetune:UNATE
     * unate-input:frozen  unate:frozen:UNATE_INPUT           (and unate-input:finetune)
     * cgcnn-92            table:cgcnn-92
     * table:NAME|PATH     table:NAME|PATH
     * </pre>
     * An object's {@code features} may use {@code ${unate}}, {@code ${unate_input}} and {@code ${seed}}; its
     * {@code fractions} (a subset of the sweep's) restrict the condition to those fractions.
     *
     * @param name      the condition's name in records and tables
     * @param features  the featurizer spec template (null: from the short name)
     * @param fractions the fractions this condition runs at (null: all of the sweep's)
     */
    @JsonDeserialize(using = ConditionReader.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(String name, String features, List<Double> fractions) {
        public Condition {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a condition needs a name");
            }
            if (features == null) {
                features = template(name);
            }
            fractions = fractions == null ? null : List.copyOf(fractions);
        }

        /**
         * This condition with {@code ${root}} in its features replaced by the project root, so that a file named in a
         * condition ({@code unate:frozen:${root}/results/pretrained/...}) is found whatever the working folder.
         */
        public Condition withRoot(java.nio.file.Path root) {
            return features.contains("${root}") ? new Condition(name, features.replace("${root}",
                    root.toAbsolutePath().normalize().toString()), fractions) : this;
        }

        /** A condition by its short name. */
        public static Condition of(String name) {
            return new Condition(name, null, null);
        }

        private static String template(String name) {
            return switch (name) {
                case "atomic-number", "one-hot" -> name;
                case "random:frozen", "random:trainable" -> name + ":${seed}:norm:${unate}";
                case "shuffled" -> "shuffled:${seed}:${unate}";
                case "unate:frozen", "unate:finetune" -> name + ":${unate}";
                case "unate-input:frozen" -> "unate:frozen:${unate_input}";
                case "unate-input:finetune" -> "unate:finetune:${unate_input}";
                case "cgcnn-92" -> "table:cgcnn-92";
                default -> {
                    if (name.startsWith("table:") || name.startsWith("random:") || name.startsWith("shuffled:")) {
                        yield name;
                    }
                    throw new IllegalArgumentException("unknown condition '" + name + "': expected atomic-number,"
                            + " one-hot, random:frozen, random:trainable, shuffled, unate:frozen, unate:finetune,"
                            + " unate-input:frozen, unate-input:finetune, cgcnn-92, table:NAME|PATH, or an object"
                            + " {\"name\": ..., \"features\": SPEC}");
                }
            };
        }

        /** Whether the condition's table comes from (or is shaped by) the {@code unate} table. */
        public boolean needsUnate() {
            return features.contains("${unate}");
        }

        /** Whether it needs the {@code unate_input} table. */
        public boolean needsUnateInput() {
            return features.contains("${unate_input}");
        }

        /** The featurizer spec for one run. */
        public String spec(String unatePath, String unateInputPath, long seed) {
            String s = features.replace("${seed}", Long.toString(seed));
            if (needsUnate()) {
                s = s.replace("${unate}", unatePath);
            }
            if (needsUnateInput()) {
                s = s.replace("${unate_input}", unateInputPath);
            }
            return s;
        }
    }

    /** Reads a condition from a string or an object. */
    static final class ConditionReader extends JsonDeserializer<Condition> {
        @Override
        public Condition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = p.getCodec().readTree(p);
            if (n.isTextual()) {
                return Condition.of(n.asText());
            }
            if (!n.isObject()) {
                throw new IllegalArgumentException("a condition is a name or an object, got " + n);
            }
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("name", "features", "fractions").contains(k)) {
                    throw new IllegalArgumentException("condition " + n.path("name").asText() + ": unknown key '" + k
                            + "' (expected name, features, fractions)");
                }
            }
            List<Double> fr = null;
            if (n.has("fractions")) {
                fr = new ArrayList<>();
                for (JsonNode x : n.get("fractions")) {
                    fr.add(x.asDouble());
                }
            }
            return new Condition(n.path("name").asText(null), n.hasNonNull("features") ? n.get("features").asText() : null,
                    fr);
        }
    }

    /**
     * The epoch rule of every run of a sweep: train at most {@code maxEpochs} epochs (the cosine schedule runs over
     * them), stop after {@code patience} epochs without a better validation MAE (0 = never), keep the best-validation
     * weights (always: the training loop restores them).
     *
     * @param maxEpochs  the epoch cap
     * @param patience   early-stopping patience in epochs
     * @param chosenBy   how the values were chosen (on the baseline's validation curve only; free text)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EpochRule(Integer maxEpochs, Integer patience, String chosenBy) {
        public EpochRule {
            if (maxEpochs != null && maxEpochs < 1) {
                throw new IllegalArgumentException("epoch_rule.max_epochs must be at least 1, got " + maxEpochs);
            }
            if (patience != null && patience < 0) {
                throw new IllegalArgumentException("epoch_rule.patience must be 0 (never stop early) or more, got "
                        + patience);
            }
        }
    }

    /**
     * Training settings shared by every run (the rest are {@code TrainConfig.defaults()} and the backbone's model).
     *
     * @param batchSize       crystals per step
     * @param learningRate    initial Adam learning rate
     * @param minLearningRate final learning rate of the cosine
     * @param threads         TensorFlow intra-op threads per run
     * @param workers         runs side by side (each with {@code threads} threads)
     * @param probeLearner    {@code xgboost} or {@code forest}, for the composition probe
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(Integer batchSize, Double learningRate, Double minLearningRate, Integer threads,
                           Integer workers, String probeLearner) {
        public Training {
            batchSize = batchSize == null ? 64 : batchSize;
            learningRate = learningRate == null ? 1e-3 : learningRate;
            minLearningRate = minLearningRate == null ? 1e-5 : minLearningRate;
            threads = threads == null ? 2 : threads;
            workers = workers == null ? 1 : workers;
            probeLearner = probeLearner == null ? "xgboost" : probeLearner;
            if (batchSize < 1 || threads < 1 || workers < 1) {
                throw new IllegalArgumentException("training: batch_size, threads and workers must be at least 1");
            }
        }

        public static Training defaults() {
            return new Training(null, null, null, null, null, null);
        }
    }

    /**
     * Overrides for one scale; every field may be null (inherit). See {@link #builtIn} for the defaults.
     *
     * @param fractions     label fractions
     * @param seeds         seeds
     * @param epochRule     the epoch rule
     * @param subsample     a fixed subsample of the split (null: the whole split)
     * @param unateStandIn  pretrain a small stand-in for the UNATE tables instead of reading {@code unate} (ci and
     *                      quick scales: the real tables take hours); null: read the configured tables
     * @param conditions    the condition names to run (null: all)
     * @param graphCache    keep the dataset's graphs in {@code data/cache}
     * @param missingElement the missing-element policy at this scale (null: the config's); the ci and quick stand-in
     *                      tables, pretrained on a few hundred or thousand structures, lack rare elements
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scale(List<Double> fractions, List<Long> seeds, EpochRule epochRule, Subsample subsample,
                        StandIn unateStandIn, List<String> conditions, Boolean graphCache, String missingElement) {
        public Scale {
            if (missingElement != null) {
                missingElement = MissingElements.Policy.parse(missingElement).toString();
            }
        }

        /**
         * The built-in scales:
         * <ul>
         * <li>{@code ci}: fractions 25 and 100 % of a fixed subsample of 96 training, 48 validation and 48 test
         * crystals, seeds 1 and 2, at most 2 epochs, a stand-in UNATE table (200 structures, 1 epoch, width 16), the
         * elements it lacks given its mean row: a whole sweep in a minute or two, to test the machinery;</li>
         * <li>{@code quick}: fractions 25 and 100 % of a fixed subsample of 2,000 training crystals (validation and
         * test whole), seeds 1 to 3, at most 30 epochs with patience 10, a stand-in UNATE table (2,000 structures,
         * 3 epochs, width 64), the elements it lacks given its mean row;</li>
         * <li>{@code paper}: the config's own fractions, seeds and epoch rule on the whole split.</li>
         * </ul>
         */
        public static Scale builtIn(String name) {
            return switch (name) {
                case "ci" -> new Scale(List.of(0.25, 1.0), List.of(1L, 2L), new EpochRule(2, 0, "ci: tests the machinery"),
                        new Subsample(96, 48, 48, 0L), new StandIn(200, 1, 16, 0L), null, false, "mean");
                case "quick" -> new Scale(List.of(0.25, 1.0), List.of(1L, 2L, 3L),
                        new EpochRule(30, 10, "quick: a short cap for make reproduce"), new Subsample(2000, 0, 0, 0L),
                        new StandIn(2000, 3, 64, 0L), null, true, "mean");
                case "paper" -> new Scale(null, null, null, null, null, null, true, null);
                default -> throw new IllegalArgumentException("unknown scale '" + name + "': expected ci, quick or paper");
            };
        }

        /** This scale with {@code o}'s non-null fields on top. */
        Scale overriddenBy(Scale o) {
            if (o == null) {
                return this;
            }
            return new Scale(o.fractions != null ? o.fractions : fractions, o.seeds != null ? o.seeds : seeds,
                    o.epochRule != null ? o.epochRule : epochRule, o.subsample != null ? o.subsample : subsample,
                    o.unateStandIn != null ? o.unateStandIn : unateStandIn,
                    o.conditions != null ? o.conditions : conditions, o.graphCache != null ? o.graphCache : graphCache,
                    o.missingElement != null ? o.missingElement : missingElement);
        }
    }

    /**
     * A fixed subsample of the split: the first {@code train} (and {@code val}, {@code test}) ids of each list after a
     * seeded shuffle of its sorted ids ({@link LabelFractions#subset} with {@code seed}); 0 keeps the whole list. The
     * label fractions of a sweep are then nested inside the training subsample.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Subsample(int train, int val, int test, long seed) {
        public Subsample {
            if (train < 0 || val < 0 || test < 0) {
                throw new IllegalArgumentException("subsample sizes must be 0 (whole list) or more");
            }
        }
    }

    /**
     * A small UNATE pretraining run made by the sweep itself, standing in for the real tables at the ci and quick
     * scales: {@code unate pretrain --limit LIMIT --epochs EPOCHS --dim DIM} on the sweep's dataset, leaving out the
     * sweep's test crystals. Its tables say nothing about UNATE's merit; records made with it carry
     * {@code unate_table.stand_in = true}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StandIn(int limit, int epochs, int dim, long seed) {
        public StandIn {
            if (limit < 2 || epochs < 1 || dim < 1) {
                throw new IllegalArgumentException("unate_stand_in needs limit >= 2, epochs >= 1, dim >= 1");
            }
        }
    }

    /** Reads a config file. */
    public static SweepConfig read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SweepConfig.class);
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException(file + ": " + (c.getMessage() == null ? c.toString()
                    : c.getMessage().lines().findFirst().orElse("")), e);
        }
    }

    /** The config as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The condition named {@code name}. */
    public Condition condition(String name) {
        return conditions.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sweep " + this.name + " has no condition " + name));
    }

    /** The names of the conditions, in config order. */
    public List<String> conditionNames() {
        return conditions.stream().map(Condition::name).toList();
    }

    /**
     * The settings of {@code scale}: the built-in scale, overridden by the config's top level (for {@code paper}) and
     * then by the config's {@code scales} entry.
     */
    public Scale scale(String scale) {
        Scale s = Scale.builtIn(scale);
        if (scale.equals("paper")) {
            s = s.overriddenBy(new Scale(fractions, seeds, epochRule, null, null, null, null, null));
        }
        s = s.overriddenBy(scales.get(scale));
        if (s.missingElement() == null) {
            s = s.overriddenBy(new Scale(null, null, null, null, null, null, null, missingElement));
        }
        if (s.epochRule() == null || s.epochRule().maxEpochs() == null) {
            throw new IllegalArgumentException("sweep " + name + ": scale " + scale + " has no epoch_rule.max_epochs");
        }
        return s;
    }

    /** Settings by name for a record's {@code sweep_settings}, in a fixed order. */
    Map<String, Object> describe(String scale) {
        Scale s = scale(scale);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", name);
        m.put("scale", scale);
        m.put("max_epochs", s.epochRule().maxEpochs());
        m.put("patience", s.epochRule().patience() == null ? 0 : s.epochRule().patience());
        m.put("epoch_rule_chosen_by", s.epochRule().chosenBy());
        m.put("subsample", s.subsample());
        m.put("missing_element", s.missingElement());
        return m;
    }

    /** Writes the config as JSON. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        org.unate.data.AtomicFiles.write(file, (toJson() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
