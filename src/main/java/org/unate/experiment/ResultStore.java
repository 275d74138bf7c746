package org.unate.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The result records of a folder tree, for sweeps, reports and notebooks alike: read once, then filtered and grouped
 * into cells (one condition at one label fraction) and into pairs across conditions.
 * <p>A record's <b>condition</b> is its {@code condition} key (what a sweep names it, e.g. {@code random:frozen})
 * or, for a record without one, its {@code features}. Two records are paired when they agree on
 * {@link ResultRecord#pairKey()} (property, fraction, seed, split hash). Reading skips hidden files, files that are
 * not result records (listed in {@link #skipped()}) and the subfolders named {@code runs} and {@code state}, where a
 * sweep keeps each run's working copy. Immutable.
 */
public final class ResultStore {
    /** Subfolders never read: a sweep's run folders and training states. */
    public static final Set<String> SKIPPED_FOLDERS = Set.of("runs", "state");

    private final List<ResultRecord> records;
    private final Map<Path, String> skipped;

    private ResultStore(List<ResultRecord> records, Map<Path, String> skipped) {
        this.records = List.copyOf(records);
        this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Every result record under {@code dir} (recursively, path order; see the class comment for what is skipped). */
    public static ResultStore read(Path dir) {
        ResultRecord.Folder f = ResultRecord.readFolder(dir, SKIPPED_FOLDERS);
        return new ResultStore(f.records(), f.skipped());
    }

    /** A store of the given records. */
    public static ResultStore of(List<ResultRecord> records) {
        return new ResultStore(records, Map.of());
    }

    public List<ResultRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** The files that were not readable records, and why. */
    public Map<Path, String> skipped() {
        return skipped;
    }

    /** The records that satisfy {@code keep}. */
    public ResultStore filter(Predicate<ResultRecord> keep) {
        return new ResultStore(records.stream().filter(keep).toList(), skipped);
    }

    /** The records of one property. */
    public ResultStore property(String property) {
        return filter(r -> r.property().equals(property));
    }

    /** The records of the conditions named (in any order). */
    public ResultStore conditions(Set<String> names) {
        return filter(r -> names.contains(condition(r)));
    }

    /** A record's condition: its {@code condition} key, else its features spec. */
    public static String condition(ResultRecord r) {
        Object c = r.extra().get("condition");
        return c instanceof String s && !s.isBlank() ? s : r.features();
    }

    /** A record's {@code scale} key ({@code ci}, {@code quick}, {@code paper}), or {@code ""} without one. */
    public static String scale(ResultRecord r) {
        Object s = r.extra().get("scale");
        return s == null ? "" : s.toString();
    }

    /**
     * The {@code node_table} of a condition's records (what a sweep writes: kind, trainable, width, elements,
     * source), from the first record that has one; empty for records made before sweeps wrote it.
     */
    public Optional<Map<String, Object>> nodeTable(String condition) {
        for (ResultRecord r : records) {
            if (condition(r).equals(condition) && r.extra().get("node_table") instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** The width of a condition's element table ({@code node_table.width}), if its records give one. */
    public OptionalInt width(String condition) {
        return nodeTable(condition).map(m -> m.get("width") instanceof Number n ? OptionalInt.of(n.intValue())
                : OptionalInt.empty()).orElse(OptionalInt.empty());
    }

    /**
     * Whether a condition is a frozen random table ({@code node_table} of kind {@code random}, not trainable); for
     * records without a {@code node_table}, whether its features spec starts with {@code random:frozen}.
     */
    public boolean frozenRandom(String condition) {
        Optional<Map<String, Object>> t = nodeTable(condition);
        if (t.isPresent()) {
            return "random".equals(t.get().get("kind")) && Boolean.FALSE.equals(t.get().get("trainable"));
        }
        return records.stream().filter(r -> condition(r).equals(condition)).findFirst()
                .map(r -> r.features().startsWith("random:frozen")).orElse(false);
    }

    /**
     * Of {@code candidates}, the condition with the lowest mean {@code metric} at {@code fraction} (ties: the first in
     * {@code candidates}); empty if none has a run there. With {@code val_mae} this chooses on the validation sets
     * only, so a test comparison with the choice stays fair.
     */
    public Optional<String> lowest(List<String> candidates, double fraction, String metric) {
        String best = null;
        double bestMean = Double.POSITIVE_INFINITY;
        for (String c : candidates) {
            double[] v = values(c, fraction, metric);
            if (v.length == 0) {
                continue;
            }
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            if (mean < bestMean) {
                best = c;
                bestMean = mean;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The properties present, sorted. */
    public List<String> properties() {
        return List.copyOf(new TreeSet<>(records.stream().map(ResultRecord::property).toList()));
    }

    /** The conditions present, in the order they first occur. */
    public List<String> conditionNames() {
        Set<String> s = new LinkedHashSet<>();
        records.forEach(r -> s.add(condition(r)));
        return List.copyOf(s);
    }

    /** The label fractions present, ascending. */
    public List<Double> fractions() {
        return List.copyOf(new TreeSet<>(records.stream().map(ResultRecord::fraction).toList()));
    }

    /** The scales the records carry, sorted ({@code ""} for records without one). */
    public List<String> scales() {
        return List.copyOf(new TreeSet<>(records.stream().map(ResultStore::scale).toList()));
    }

    /**
     * The records of one cell, ordered by seed then split hash.
     *
     * @throws IllegalArgumentException if two records of the cell share a pair key (a duplicated run: remove one)
     */
    public List<ResultRecord> cell(String condition, double fraction) {
        Map<ResultRecord.PairKey, ResultRecord> byKey = new TreeMap<>(ResultStore::compareKeys);
        for (ResultRecord r : records) {
            if (r.fraction() == fraction && condition(r).equals(condition)) {
                ResultRecord prev = byKey.put(r.pairKey(), r);
                if (prev != null) {
                    throw new IllegalArgumentException("condition " + condition + " has two runs for " + r.pairKey()
                            + " (created " + prev.created() + " and " + r.created() + "); remove the duplicate");
                }
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The metric's values in one cell, by seed order ({@link #cell}). */
    public double[] values(String condition, double fraction, String metric) {
        return cell(condition, fraction).stream().mapToDouble(r -> r.metrics().get(metric)).toArray();
    }

    /**
     * Runs of two conditions at one fraction matched by pair key.
     *
     * @param keys       the matched keys, by seed then split hash
     * @param a          metric of condition A per key
     * @param b          metric of condition B per key
     * @param unmatchedA runs of A without a partner in B
     * @param unmatchedB runs of B without a partner in A
     */
    public record Pairs(List<ResultRecord.PairKey> keys, double[] a, double[] b, int unmatchedA, int unmatchedB) {
        public int n() {
            return keys.size();
        }
    }

    /** The pairs of conditions {@code a} and {@code b} at {@code fraction} on {@code metric}. */
    public Pairs pairs(String a, String b, double fraction, String metric) {
        Objects.requireNonNull(metric, "metric");
        Map<ResultRecord.PairKey, ResultRecord> byA = new TreeMap<>(ResultStore::compareKeys);
        cell(a, fraction).forEach(r -> byA.put(r.pairKey(), r));
        Map<ResultRecord.PairKey, ResultRecord> byB = new TreeMap<>(ResultStore::compareKeys);
        cell(b, fraction).forEach(r -> byB.put(r.pairKey(), r));
        List<ResultRecord.PairKey> keys = new ArrayList<>();
        for (ResultRecord.PairKey k : byA.keySet()) {
            if (byB.containsKey(k)) {
                keys.add(k);
            }
        }
        double[] va = new double[keys.size()];
        double[] vb = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            va[i] = byA.get(keys.get(i)).metrics().get(metric);
            vb[i] = byB.get(keys.get(i)).metrics().get(metric);
        }
        return new Pairs(keys, va, vb, byA.size() - keys.size(), byB.size() - keys.size());
    }

    static int compareKeys(ResultRecord.PairKey x, ResultRecord.PairKey y) {
        int k = x.property().compareTo(y.property());
        if (k == 0) k = Double.compare(x.fraction(), y.fraction());
        if (k == 0) k = Long.compare(x.seed(), y.seed());
        if (k == 0) k = x.splitHash().compareTo(y.splitHash());
        return k;
    }
}
