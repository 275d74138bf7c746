package org.unate.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.unate.eval.Holm;
import org.unate.eval.PairedStatistics;
import org.unate.eval.RelativeChange;
import org.unate.eval.SampleSummary;

/**
 * The statistics of a sweep's records for one property and scale (docs/statistics.md):
 * <ul>
 * <li>per cell (condition x label fraction): n, mean, standard deviation and 95 % t interval of the metric, and the
 * cell's rank among the conditions at that fraction (1 = lowest mean);</li>
 * <li>every condition against the baseline, and every condition that is neither the baseline nor a control against
 * each control, at each fraction, over the seeds where both ran: the paired difference with its t interval, the
 * relative change ({@link RelativeChange}) with its interval, and the paired t-test and Wilcoxon signed-rank
 * p-values;</li>
 * <li>every condition with an element table that is not itself random against the frozen random table of the same
 * width ({@link #widthControls}), where the records give widths ({@code node_table.width}) and the sweep has such a
 * table and it is not already one of the references above;</li>
 * <li>Holm's correction over all those comparisons of the sweep (all fractions), separately for the t-test and for
 * the Wilcoxon p-values.</li>
 * </ul>
 *
 * @param property    the property
 * @param scale       the records' scale ({@code ci}, {@code quick}, {@code paper}; "" when unrecorded)
 * @param metric      the compared metric ({@code mae} unless asked otherwise)
 * @param baseline    the baseline condition
 * @param controls    the control conditions
 * @param widths      each condition's element-table width, where the records give it ({@code node_table.width})
 * @param widthControls each condition's frozen random table of the same width (the first in the sweep's order), for
 *                    the conditions that have one
 * @param cells       condition x fraction, conditions in order of first appearance, fractions ascending
 * @param comparisons every comparison, by fraction, then condition, then versus (baseline first)
 */
public record SweepSummary(String property, String scale, String metric, String baseline, List<String> controls,
                           Map<String, Integer> widths, Map<String, String> widthControls, List<Cell> cells,
                           List<Comparison> comparisons) {
    public SweepSummary {
        controls = List.copyOf(controls);
        widths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(widths));
        widthControls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(widthControls));
        cells = List.copyOf(cells);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One condition at one fraction.
     *
     * @param stats the metric over the cell's seeds
     * @param rank  1 for the lowest mean at this fraction (ties share the lower rank)
     */
    public record Cell(String condition, double fraction, SampleSummary stats, int rank) {
    }

    /**
     * One condition against a reference condition at one fraction.
     *
     * @param condition    condition A
     * @param versus       the reference B (the baseline or a control)
     * @param stats        A - B over the pairs
     * @param relative     (A - B) / B over the pairs
     * @param tHolm        Holm-adjusted t-test p-value over the sweep's comparisons
     * @param wilcoxonHolm Holm-adjusted Wilcoxon p-value over the sweep's comparisons
     * @param unmatchedA   runs of A at this fraction without a partner in B
     * @param unmatchedB   runs of B without a partner in A
     */
    public record Comparison(String condition, String versus, double fraction, PairedStatistics stats,
                             RelativeChange relative, double tHolm, double wilcoxonHolm, int unmatchedA,
                             int unmatchedB) {
        public boolean versusBaseline(SweepSummary s) {
            return versus.equals(s.baseline());
        }
    }

    /**
     * The summaries of every (property, scale) in {@code store} on the test MAE, with the baseline
     * {@code atomic-number} and the controls {@code random:frozen}, {@code random:trainable} and {@code shuffled}
     * (those present).
     */
    public static List<SweepSummary> of(ResultStore store) {
        return of(store, "mae", "atomic-number", null);
    }

    /**
     * The summaries of every (property, scale) in {@code store}.
     *
     * @param controls the control conditions; null for those of {@link SweepConfig#DEFAULT_CONTROLS} present
     * @throws IllegalArgumentException if the baseline has no record for a property and scale
     */
    public static List<SweepSummary> of(ResultStore store, String metric, String baseline, List<String> controls) {
        return of(store, metric, baseline, controls, List.of());
    }

    /**
     * {@link #of(ResultStore, String, String, List)} with the conditions in {@code order} (a sweep config's order);
     * conditions not in it follow in the order they first occur.
     */
    public static List<SweepSummary> of(ResultStore store, String metric, String baseline, List<String> controls,
                                        List<String> order) {
        List<SweepSummary> out = new ArrayList<>();
        for (String property : store.properties()) {
            ResultStore p = store.property(property);
            for (String scale : p.scales()) {
                out.add(one(p.filter(r -> ResultStore.scale(r).equals(scale)), property, scale, metric, baseline,
                        controls, order));
            }
        }
        return out;
    }

    private static SweepSummary one(ResultStore s, String property, String scale, String metric, String baseline,
                                    List<String> controls, List<String> order) {
        List<String> present = s.conditionNames();
        List<String> conditions = new ArrayList<>(order.stream().filter(present::contains).toList());
        present.stream().filter(c -> !conditions.contains(c)).forEach(conditions::add);
        if (!conditions.contains(baseline)) {
            throw new IllegalArgumentException(property + (scale.isEmpty() ? "" : " (" + scale + ")")
                    + ": no record of the baseline " + baseline + "; conditions: " + conditions);
        }
        List<String> ctrl = controls != null ? controls
                : conditions.stream().filter(SweepConfig.DEFAULT_CONTROLS::contains).toList();
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String c : conditions) {
            s.width(c).ifPresent(w -> widths.put(c, w));
        }
        Map<String, String> widthControls = widthControls(s, conditions, baseline);
        List<Cell> cells = new ArrayList<>();
        List<Comparison> raw = new ArrayList<>();
        for (double f : s.fractions()) {
            Map<String, SampleSummary> at = new LinkedHashMap<>();
            for (String c : conditions) {
                double[] v = s.values(c, f, metric);
                if (v.length > 0) {
                    at.put(c, SampleSummary.of(v));
                }
            }
            for (Map.Entry<String, SampleSummary> e : at.entrySet()) {
                int rank = 1;
                for (SampleSummary o : at.values()) {
                    rank += o.mean() < e.getValue().mean() ? 1 : 0;
                }
                cells.add(new Cell(e.getKey(), f, e.getValue(), rank));
            }
            for (String c : at.keySet()) {
                if (c.equals(baseline)) {
                    continue;
                }
                List<String> refs = new ArrayList<>();
                refs.add(baseline);
                if (!ctrl.contains(c)) {
                    refs.addAll(ctrl);
                }
                String w = widthControls.get(c);
                if (w != null && !refs.contains(w)) {
                    refs.add(w);
                }
                for (String ref : refs) {
                    if (!at.containsKey(ref)) {
                        continue;
                    }
                    ResultStore.Pairs pairs = s.pairs(c, ref, f, metric);
                    if (pairs.n() == 0) {
                        continue;
                    }
                    raw.add(new Comparison(c, ref, f, PairedStatistics.of(pairs.a(), pairs.b()),
                            RelativeChange.of(pairs.a(), pairs.b()), Double.NaN, Double.NaN, pairs.unmatchedA(),
                            pairs.unmatchedB()));
                }
            }
        }
        double[] tHolm = Holm.adjust(raw.stream().mapToDouble(c -> c.stats().tTestP()).toArray());
        double[] wHolm = Holm.adjust(raw.stream().mapToDouble(c -> c.stats().wilcoxonP()).toArray());
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Comparison c = raw.get(i);
            comparisons.add(new Comparison(c.condition(), c.versus(), c.fraction(), c.stats(), c.relative(), tHolm[i],
                    wHolm[i], c.unmatchedA(), c.unmatchedB()));
        }
        return new SweepSummary(property, scale, metric, baseline, ctrl, widths, widthControls, cells,
                comparisons);
    }

    /**
     * For each condition with a table width that is not itself a random table (nor the baseline): the first frozen
     * random condition of that width, in {@code conditions} order.
     */
    private static Map<String, String> widthControls(ResultStore s, List<String> conditions, String baseline) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<Integer, String> randomByWidth = new LinkedHashMap<>();
        for (String c : conditions) {
            OptionalInt w = s.width(c);
            if (w.isPresent() && s.frozenRandom(c)) {
                randomByWidth.putIfAbsent(w.getAsInt(), c);
            }
        }
        for (String c : conditions) {
            OptionalInt w = s.width(c);
            boolean random = s.nodeTable(c).map(t -> "random".equals(t.get("kind"))).orElse(false);
            if (w.isPresent() && !random && !c.equals(baseline) && randomByWidth.containsKey(w.getAsInt())) {
                out.put(c, randomByWidth.get(w.getAsInt()));
            }
        }
        return out;
    }

    /** The condition's frozen random table of the same width, if the sweep has one ({@link #widthControls}). */
    public Optional<String> widthControl(String condition) {
        return Optional.ofNullable(widthControls.get(condition));
    }

    /**
     * One comparison outside the sweep's family: {@code a} against {@code b} at {@code fraction} on {@code metric},
     * over their paired runs, its "Holm" p-values the raw ones (a family of one). For a single question decided
     * beforehand, such as UNATE against the published table that is best on validation; empty without pairs.
     */
    public static Optional<Comparison> single(ResultStore s, String a, String b, double fraction, String metric) {
        ResultStore.Pairs pairs = s.pairs(a, b, fraction, metric);
        if (pairs.n() == 0) {
            return Optional.empty();
        }
        PairedStatistics st = PairedStatistics.of(pairs.a(), pairs.b());
        return Optional.of(new Comparison(a, b, fraction, st, RelativeChange.of(pairs.a(), pairs.b()), st.tTestP(),
                st.wilcoxonP(), pairs.unmatchedA(), pairs.unmatchedB()));
    }

    /** The comparison of {@code condition} with {@code versus} at {@code fraction}, if made. */
    public java.util.Optional<Comparison> comparison(String condition, String versus, double fraction) {
        return comparisons.stream().filter(c -> c.condition().equals(condition) && c.versus().equals(versus)
                && c.fraction() == fraction).findFirst();
    }

    /** The cell of {@code condition} at {@code fraction}, if any. */
    public java.util.Optional<Cell> cell(String condition, double fraction) {
        return cells.stream().filter(c -> c.condition().equals(condition) && c.fraction() == fraction).findFirst();
    }

    /** The conditions in the order of the cells. */
    public List<String> conditions() {
        return cells.stream().map(Cell::condition).distinct().toList();
    }

    /** The fractions, ascending. */
    public List<Double> fractions() {
        return cells.stream().map(Cell::fraction).distinct().sorted().toList();
    }

    /** The cells of one fraction by rank. */
    public List<Cell> ranked(double fraction) {
        return cells.stream().filter(c -> c.fraction() == fraction)
                .sorted(Comparator.comparingInt(Cell::rank).thenComparing(Cell::condition)).toList();
    }

    /** A label for titles: the property and, when known, the scale ("mbj_bandgap, quick"). */
    public String label() {
        return Objects.requireNonNullElse(property, "") + (scale.isEmpty() ? "" : ", " + scale);
    }
}
