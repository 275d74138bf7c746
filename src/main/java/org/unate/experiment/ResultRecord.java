package org.unate.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.unate.data.AtomicFiles;
import org.unate.eval.RegressionScores;

/**
 * The outcome of one property-prediction run (one condition x label fraction x seed), stored as one JSON file. The
 * format, with every key, its type and unit, is documented in {@code docs/results-format.md}.
 * <p>Doubles that are not finite (for example {@code r2} of a constant test set) are written as JSON {@code null} and
 * read back as {@code NaN}. Keys this class does not know are kept in {@link #extra()} and written back.
 *
 * @param dataset            dataset name, e.g. {@code jarvis-dft3d-2021}
 * @param property           label name, e.g. {@code mbj_bandgap} (eV) or {@code formation_energy_peratom} (eV/atom)
 * @param backbone           model family, e.g. {@code cgcnn} or {@code composition-probe}
 * @param features           featurizer spec: {@code atomic-number}, {@code random:frozen}, {@code unate:finetune},
 *                           {@code table:cgcnn-92}, ...
 * @param fraction           label fraction of the training split used, in (0, 1]
 * @param seed               the run's seed (split, label subset, initialisation, shuffling)
 * @param splitHash          {@link Split#hash()} of the split the run used
 * @param metrics            test and validation metrics, in the property's units ({@code r2} unitless)
 * @param epochs             training epochs run (0 for a model that is not trained by epochs)
 * @param wallS              wall-clock seconds of the whole run (training + evaluation, not data loading)
 * @param trainCrystalsPerS  training throughput, crystals per second (NaN if not measured)
 * @param config             the run's configs as free JSON (an object)
 * @param codeVersion        {@link CodeVersion#current()} of the code that ran
 * @param created            when the record was made, ISO-8601 UTC, seconds precision
 * @param nTrain             crystals trained on (after the label fraction)
 * @param nVal               validation crystals
 * @param nTest              test crystals
 * @param history            path of the per-epoch history file, relative to the record's folder, or null
 * @param extra              other top-level keys, JSON-compatible values
 */
public record ResultRecord(String dataset, String property, String backbone, String features, double fraction,
                           long seed, String splitHash, Metrics metrics, int epochs, double wallS,
                           double trainCrystalsPerS, JsonNode config, String codeVersion, String created, int nTrain,
                           int nVal, int nTest, String history, Map<String, Object> extra) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN_KEYS = Set.of("dataset", "property", "backbone", "features", "fraction",
            "seed", "split_hash", "metrics", "epochs", "wall_s", "train_crystals_per_s", "config", "code_version",
            "created", "n_train", "n_val", "n_test", "history");

    /**
     * Test-set and validation metrics of one run.
     *
     * @param mae    test mean absolute error, property units
     * @param rmse   test root mean squared error, property units
     * @param r2     test coefficient of determination (unitless)
     * @param valMae validation mean absolute error of the selected model, property units
     * @param more   further metrics by name (e.g. {@code mae_ci_low}, {@code mae_ci_high}), written inside
     *               {@code metrics} after the four above
     */
    public record Metrics(double mae, double rmse, double r2, double valMae, Map<String, Double> more) {
        public Metrics {
            more = Collections.unmodifiableMap(new LinkedHashMap<>(more));
        }

        /** One line: "Metrics[MAE 0.4123, RMSE 0.6100, R2 0.7100, val MAE 0.4000, mae_ci_low 0.3900, ...]". */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Metrics[MAE %.4f, RMSE %.4f, R2 %.4f",
                    mae, rmse, r2));
            if (!Double.isNaN(valMae)) {
                b.append(String.format(Locale.ROOT, ", val MAE %.4f", valMae));
            }
            more.forEach((k, v) -> b.append(String.format(Locale.ROOT, ", %s %.4f", k, v)));
            return b.append(']').toString();
        }

        public static Metrics of(double mae, double rmse, double r2, double valMae) {
            return new Metrics(mae, rmse, r2, valMae, Map.of());
        }

        /** Test scores with a validation MAE (NaN if none) and further metrics. */
        public static Metrics of(RegressionScores test, double valMae, Map<String, Double> more) {
            return new Metrics(test.mae(), test.rmse(), test.r2(), valMae, more);
        }

        /** A metric by its JSON name ({@code mae}, {@code rmse}, {@code r2}, {@code val_mae} or a key of {@link #more}). */
        public double get(String name) {
            return switch (name) {
                case "mae" -> mae;
                case "rmse" -> rmse;
                case "r2" -> r2;
                case "val_mae" -> valMae;
                default -> {
                    Double v = more.get(name);
                    if (v == null) {
                        throw new IllegalArgumentException("no metric '" + name + "' (have mae, rmse, r2, val_mae"
                                + (more.isEmpty() ? "" : ", " + String.join(", ", more.keySet())) + ")");
                    }
                    yield v;
                }
            };
        }
    }

    public ResultRecord {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(splitHash, "split_hash");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(codeVersion, "code_version");
        Objects.requireNonNull(created, "created");
        if (!(fraction > 0) || fraction > 1) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        config = config == null ? JsonNodeFactory.instance.objectNode() : normalised(config);
        if (!config.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object, got " + config.getNodeType());
        }
        Map<String, Object> e = new LinkedHashMap<>();
        if (extra != null) {
            extra.forEach((k, v) -> e.put(k, JSON.convertValue(normalised(JSON.valueToTree(v)), Object.class)));
        }
        extra = Collections.unmodifiableMap(e);
    }

    /**
     * One line: "ResultRecord[mbj_bandgap of jarvis-dft3d-2021, cgcnn, atomic-number, fraction 1, seed 0, split
     * 3f2a9c01d4e5b6a7: test MAE 0.4123, RMSE 0.6100, R2 0.7100, val MAE 0.4000; 60 epochs, 1454/182/182 crystals]".
     * The config and the extras are left out: {@link #toJson()} has everything.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ResultRecord[%s of %s, %s, %s, fraction %s, seed %d, split %s: test MAE %.4f,"
                        + " RMSE %.4f, R2 %.4f%s; %d epochs, %d/%d/%d crystals]", property, dataset, backbone, features,
                fraction == 1.0 ? "1" : String.format(Locale.ROOT, "%.3g", fraction), seed, splitHash, metrics.mae(),
                metrics.rmse(), metrics.r2(), Double.isNaN(metrics.valMae()) ? ""
                        : String.format(Locale.ROOT, ", val MAE %.4f", metrics.valMae()), epochs, nTrain, nVal, nTest);
    }

    /**
     * The tree as it will read back from its JSON text (floats become doubles, longs that fit become ints), so that a
     * record equals itself after a write and read.
     */
    private static JsonNode normalised(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (IOException ex) {
            throw new IllegalArgumentException("value is not serialisable as JSON: " + ex.getMessage(), ex);
        }
    }

    /** The run's config (a copy; the record is immutable). */
    @Override
    public JsonNode config() {
        return config.deepCopy();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder for records; {@code created} defaults to now and {@code code_version} to {@link CodeVersion#current()}. */
    public static final class Builder {
        private String dataset;
        private String property;
        private String backbone;
        private String features;
        private double fraction = 1.0;
        private long seed;
        private String splitHash;
        private Metrics metrics;
        private int epochs;
        private double wallS = Double.NaN;
        private double trainCrystalsPerS = Double.NaN;
        private JsonNode config;
        private String codeVersion;
        private String created;
        private int nTrain;
        private int nVal;
        private int nTest;
        private String history;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder dataset(String v) { dataset = v; return this; }
        public Builder property(String v) { property = v; return this; }
        public Builder backbone(String v) { backbone = v; return this; }
        public Builder features(String v) { features = v; return this; }
        public Builder fraction(double v) { fraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder splitHash(String v) { splitHash = v; return this; }
        public Builder metrics(Metrics v) { metrics = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder wallS(double v) { wallS = v; return this; }
        public Builder trainCrystalsPerS(double v) { trainCrystalsPerS = v; return this; }
        /** The run's configs: a JsonNode, or any object Jackson can convert (a record, a map). */
        public Builder config(Object v) { config = v instanceof JsonNode j ? j : JSON.valueToTree(v); return this; }
        public Builder codeVersion(String v) { codeVersion = v; return this; }
        public Builder created(String v) { created = v; return this; }
        public Builder counts(int train, int val, int test) { nTrain = train; nVal = val; nTest = test; return this; }
        public Builder history(String v) { history = v; return this; }
        public Builder extra(String key, Object value) { extra.put(key, value); return this; }

        public ResultRecord build() {
            return new ResultRecord(dataset, property, backbone, features, fraction, seed, splitHash, metrics, epochs,
                    wallS, trainCrystalsPerS, config,
                    codeVersion != null ? codeVersion : CodeVersion.current(),
                    created != null ? created : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    nTrain, nVal, nTest, history, extra);
        }
    }

    /** The key that pairs this run with runs of other conditions: property, fraction, seed and split hash. */
    public PairKey pairKey() {
        return new PairKey(property, fraction, seed, splitHash);
    }

    /**
     * What makes two runs of different conditions comparable: same property, label fraction, seed and split.
     *
     * @param fraction label fraction; compared exactly (fractions come from the same config values)
     */
    public record PairKey(String property, double fraction, long seed, String splitHash) {
    }

    /**
     * A file name for this record, unique per (dataset, property, backbone, features, fraction, seed, split):
     * {@code <property>__<backbone>__<features>__f<fraction>__s<seed>__<splitHash>.json} with characters other than
     * letters, digits, {@code . _ -} replaced by {@code _}.
     */
    public String defaultFileName() {
        String name = String.join("__", dataset, property, backbone, features, "f" + fraction, "s" + seed, splitHash);
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    // ---- JSON

    /** The record as a JSON object, keys in the documented order, then the extras. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("dataset", dataset);
        o.put("property", property);
        o.put("backbone", backbone);
        o.put("features", features);
        o.put("fraction", fraction);
        o.put("seed", seed);
        o.put("split_hash", splitHash);
        ObjectNode m = o.putObject("metrics");
        putDouble(m, "mae", metrics.mae());
        putDouble(m, "rmse", metrics.rmse());
        putDouble(m, "r2", metrics.r2());
        putDouble(m, "val_mae", metrics.valMae());
        metrics.more().forEach((k, v) -> putDouble(m, k, v));
        o.put("epochs", epochs);
        putDouble(o, "wall_s", wallS);
        putDouble(o, "train_crystals_per_s", trainCrystalsPerS);
        o.put("n_train", nTrain);
        o.put("n_val", nVal);
        o.put("n_test", nTest);
        o.put("code_version", codeVersion);
        o.put("created", created);
        if (history == null) {
            o.putNull("history");
        } else {
            o.put("history", history);
        }
        o.set("config", config.deepCopy());
        extra.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        return o;
    }

    private static void putDouble(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** Writes the record as indented JSON, atomically (see {@link AtomicFiles}). */
    public void write(Path file) {
        AtomicFiles.writeJson(file, toJson(), true);
    }

    /** Writes the record into {@code dir} under {@link #defaultFileName()} and returns the file. */
    public Path writeTo(Path dir) {
        Path file = dir.resolve(defaultFileName());
        write(file);
        return file;
    }

    /**
     * Reads one record.
     *
     * @throws IllegalArgumentException naming the file and the missing or mistyped key
     */
    public static ResultRecord read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result record " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a record from its JSON object. */
    public static ResultRecord fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a result record must be a JSON object");
        }
        JsonNode m = o.get("metrics");
        if (m == null || !m.isObject()) {
            throw new IllegalArgumentException("not a result record: no \"metrics\" object");
        }
        Map<String, Double> more = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Set.of("mae", "rmse", "r2", "val_mae").contains(e.getKey())) {
                more.put(e.getKey(), number(m, e.getKey(), "metrics."));
            }
        }
        Metrics metrics = new Metrics(number(m, "mae", "metrics."), number(m, "rmse", "metrics."),
                number(m, "r2", "metrics."), number(m, "val_mae", "metrics."), more);
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KNOWN_KEYS.contains(e.getKey())) {
                extra.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        }
        JsonNode config = o.get("config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("\"config\" must be a JSON object");
        }
        JsonNode history = o.get("history");
        return new ResultRecord(text(o, "dataset"), text(o, "property"), text(o, "backbone"), text(o, "features"),
                number(o, "fraction", ""), integer(o, "seed"), text(o, "split_hash"), metrics,
                (int) integer(o, "epochs"), number(o, "wall_s", ""), number(o, "train_crystals_per_s", ""), config,
                text(o, "code_version"), o.hasNonNull("created") ? text(o, "created") : "",
                (int) optionalInteger(o, "n_train"), (int) optionalInteger(o, "n_val"),
                (int) optionalInteger(o, "n_test"),
                history == null || history.isNull() ? null : history.asText(), extra);
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string, got " + (v == null ? "nothing" : v));
        }
        return v.asText();
    }

    private static double number(JsonNode o, String key, String prefix) {
        JsonNode v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing \"" + prefix + key + "\" (a number, or null for not finite)");
        }
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("\"" + prefix + key + "\" must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static long integer(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be an integer, got " + (v == null ? "nothing" : v));
        }
        return v.longValue();
    }

    private static long optionalInteger(JsonNode o, String key) {
        return o.hasNonNull(key) ? integer(o, key) : -1;
    }

    // ---- folders and tables

    /**
     * The records of a folder tree and the files that could not be read.
     *
     * @param records records in order of their path
     * @param files   the file of each record, same order
     * @param skipped unreadable {@code .json} files and why, in path order
     */
    public record Folder(List<ResultRecord> records, List<Path> files, Map<Path, String> skipped) {
        public Folder {
            records = List.copyOf(records);
            files = List.copyOf(files);
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }

        /** A one-line summary, e.g. "12 records, 1 skipped: a.json (not a result record: no "metrics" object)". */
        public String summary() {
            StringBuilder b = new StringBuilder(records.size() + " records, " + skipped.size() + " skipped");
            String sep = ": ";
            for (Map.Entry<Path, String> e : skipped.entrySet()) {
                b.append(sep).append(e.getKey().getFileName()).append(" (").append(e.getValue()).append(')');
                sep = "; ";
            }
            return b.toString();
        }
    }

    /**
     * Reads every {@code *.json} file under {@code dir} (recursively, in path order; hidden files and temporaries of
     * {@link AtomicFiles} excluded). A file that is not a readable result record is skipped and reported in
     * {@link Folder#skipped()} with the reason; nothing is thrown for it.
     *
     * @throws UncheckedIOException if the folder itself cannot be listed
     */
    public static Folder readFolder(Path dir) {
        return readFolder(dir, Set.of());
    }

    /**
     * {@link #readFolder(Path)} leaving out the subfolders (below {@code dir}) whose name is in {@code skipFolders}
     * (a sweep's {@code runs}, which hold each run's own copy of its record, for instance).
     */
    public static Folder readFolder(Path dir, Set<String> skipFolders) {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.filter(Files::isRegularFile)
                    .filter(p -> !inSkippedFolder(dir, p, skipFolders))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list result folder " + dir + ": " + e.getMessage(), e);
        }
        List<ResultRecord> records = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Map<Path, String> skipped = new LinkedHashMap<>();
        for (Path p : paths) {
            try {
                records.add(fromJson(JSON.readTree(p.toFile())));
                files.add(p);
            } catch (IOException | RuntimeException e) {
                skipped.put(p, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return new Folder(records, files, skipped);
    }

    private static boolean inSkippedFolder(Path root, Path file, Set<String> skip) {
        Path rel = root.relativize(file).getParent();
        if (rel == null || skip.isEmpty()) {
            return false;
        }
        for (Path part : rel) {
            if (skip.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** This record with one more (or a replaced) top-level extra key. */
    public ResultRecord withExtra(String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(extra);
        e.put(key, value);
        return new ResultRecord(dataset, property, backbone, features, fraction, seed, splitHash, metrics, epochs,
                wallS, trainCrystalsPerS, config, codeVersion, created, nTrain, nVal, nTest, history, e);
    }

    /** This record with another history path (relative to the record's folder), e.g. after copying the file. */
    public ResultRecord withHistory(String path) {
        return new ResultRecord(dataset, property, backbone, features, fraction, seed, splitHash, metrics, epochs,
                wallS, trainCrystalsPerS, config, codeVersion, created, nTrain, nVal, nTest, path, extra);
    }
}
