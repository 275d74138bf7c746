package org.unate.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.unate.eval.PairedStatistics;
import org.unate.experiment.ResultRecord.PairKey;

/**
 * Two conditions compared on matched runs: runs of A and B with the same {@link PairKey} (property, label fraction,
 * seed, split hash) form a pair; pairs are grouped by (property, fraction) and each group gets its
 * {@link PairedStatistics} of {@code metric(A) - metric(B)}.
 *
 * @param property   the property of the group
 * @param fraction   the label fraction of the group
 * @param metric     the compared metric's JSON name ({@code mae}, {@code rmse}, {@code r2}, {@code val_mae}, ...)
 * @param conditionA name of condition A
 * @param conditionB name of condition B
 * @param pairs      the matched keys, ordered by seed then split hash
 * @param stats      statistics of A - B over the pairs
 * @param unmatchedA runs of A in this group with no partner in B
 * @param unmatchedB runs of B in this group with no partner in A
 */
public record PairedComparison(String property, double fraction, String metric, String conditionA,
                               String conditionB, List<PairKey> pairs, PairedStatistics stats, int unmatchedA,
                               int unmatchedB) {
    public PairedComparison {
        pairs = List.copyOf(pairs);
    }

    /**
     * A condition: runs with this backbone and features spec; a null part matches anything.
     */
    public record Condition(String backbone, String features) {
        public static Condition features(String features) {
            return new Condition(null, features);
        }

        public boolean matches(ResultRecord r) {
            return (backbone == null || backbone.equals(r.backbone())) && (features == null || features.equals(r.features()));
        }

        public String name() {
            return (backbone == null ? "*" : backbone) + "/" + (features == null ? "*" : features);
        }
    }

    /**
     * Compares condition A with condition B on {@code metric} for every (property, fraction) with at least one pair.
     * Groups are ordered by property, then fraction.
     *
     * @throws IllegalArgumentException if a condition has two runs with the same key (a duplicated record), or a
     *                                  run matches both conditions
     */
    public static List<PairedComparison> compare(List<ResultRecord> records, Condition a, Condition b, String metric) {
        Objects.requireNonNull(metric, "metric");
        Map<PairKey, ResultRecord> byA = index(records, a, b);
        Map<PairKey, ResultRecord> byB = index(records, b, a);
        record Group(String property, double fraction) {
        }
        Map<Group, List<PairKey>> matched = new LinkedHashMap<>();
        Map<Group, int[]> unmatched = new LinkedHashMap<>();
        for (PairKey k : byA.keySet()) {
            Group g = new Group(k.property(), k.fraction());
            if (byB.containsKey(k)) {
                matched.computeIfAbsent(g, x -> new ArrayList<>()).add(k);
            } else {
                unmatched.computeIfAbsent(g, x -> new int[2])[0]++;
            }
        }
        for (PairKey k : byB.keySet()) {
            if (!byA.containsKey(k)) {
                unmatched.computeIfAbsent(new Group(k.property(), k.fraction()), x -> new int[2])[1]++;
            }
        }
        List<Group> groups = new ArrayList<>(matched.keySet());
        groups.sort((x, y) -> x.property.equals(y.property) ? Double.compare(x.fraction, y.fraction)
                : x.property.compareTo(y.property));
        List<PairedComparison> out = new ArrayList<>();
        for (Group g : groups) {
            List<PairKey> keys = new ArrayList<>(matched.get(g));
            keys.sort((x, y) -> x.seed() != y.seed() ? Long.compare(x.seed(), y.seed())
                    : x.splitHash().compareTo(y.splitHash()));
            double[] va = new double[keys.size()];
            double[] vb = new double[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                va[i] = byA.get(keys.get(i)).metrics().get(metric);
                vb[i] = byB.get(keys.get(i)).metrics().get(metric);
            }
            int[] um = unmatched.getOrDefault(g, new int[2]);
            out.add(new PairedComparison(g.property, g.fraction, metric, a.name(), b.name(), keys,
                    PairedStatistics.of(va, vb), um[0], um[1]));
        }
        return out;
    }

    private static Map<PairKey, ResultRecord> index(List<ResultRecord> records, Condition c, Condition other) {
        Map<PairKey, ResultRecord> m = new TreeMap<>(ResultStore::compareKeys);
        for (ResultRecord r : records) {
            if (!c.matches(r)) {
                continue;
            }
            if (other.matches(r)) {
                throw new IllegalArgumentException("run " + r.defaultFileName() + " matches both conditions "
                        + c.name() + " and " + other.name());
            }
            ResultRecord prev = m.put(r.pairKey(), r);
            if (prev != null) {
                throw new IllegalArgumentException("condition " + c.name() + " has two runs for " + r.pairKey()
                        + " (created " + prev.created() + " and " + r.created() + "); remove the duplicate");
            }
        }
        return m;
    }
}
