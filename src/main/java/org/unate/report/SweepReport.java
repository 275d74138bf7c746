package org.unate.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.unate.data.AtomicFiles;
import org.unate.experiment.SweepSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tables and figures of a sweep's statistics ({@link SweepSummary}), built from result records only:
 * <ul>
 * <li>{@link #headline}: one row per condition x fraction: n, mean, sd and 95 % interval of the metric, its rank,
 * and the change against the baseline (relative, with its interval; paired t and Wilcoxon p, raw and
 * Holm-adjusted), then against each control;</li>
 * <li>{@link #comparisons}: one row per comparison (long format);</li>
 * <li>{@link #text}: the headline with formatted cells, for Markdown and notebooks;</li>
 * <li>{@link #metricByFraction} and {@link #relativeChange}: the figures.</li>
 * </ul>
 * Rows are in the summary's order (fractions ascending, conditions as they first occur), so files are byte-stable for
 * the same records. Every title names the property and the scale, so a {@code quick} result is never mistaken for the
 * paper-scale sweep.
 */
public final class SweepReport {
    private SweepReport() {
    }

    /** The headline table (numbers; NaN where not defined). Control columns are {@code vs_<control>_...}. */
    public static Table headline(SweepSummary s) {
        List<SweepSummary.Cell> cells = s.cells();
        String m = s.metric();
        Table t = Table.create("headline " + s.label(),
                StringColumn.create("property", cells.stream().map(c -> s.property()).toList()),
                StringColumn.create("scale", cells.stream().map(c -> s.scale()).toList()),
                StringColumn.create("condition", cells.stream().map(SweepSummary.Cell::condition).toList()),
                DoubleColumn.create("fraction", cells.stream().mapToDouble(SweepSummary.Cell::fraction).toArray()),
                IntColumn.create("n", cells.stream().mapToInt(c -> c.stats().n()).toArray()),
                DoubleColumn.create(m + "_mean", cells.stream().mapToDouble(c -> c.stats().mean()).toArray()),
                DoubleColumn.create(m + "_sd", cells.stream().mapToDouble(c -> c.stats().sd()).toArray()),
                DoubleColumn.create(m + "_ci_low", cells.stream().mapToDouble(c -> c.stats().ciLow()).toArray()),
                DoubleColumn.create(m + "_ci_high", cells.stream().mapToDouble(c -> c.stats().ciHigh()).toArray()),
                IntColumn.create("rank", cells.stream().mapToInt(SweepSummary.Cell::rank).toArray()));
        List<String> refs = new ArrayList<>();
        refs.add(s.baseline());
        refs.addAll(s.controls());
        for (String ref : refs) {
            String p = ref.equals(s.baseline()) ? "" : "vs_" + ref + "_";
            List<Optional<SweepSummary.Comparison>> cs = cells.stream()
                    .map(c -> s.comparison(c.condition(), ref, c.fraction())).toList();
            t.addColumns(
                    column(p + "rel_change", cs, c -> c.relative().mean()),
                    column(p + "rel_ci_low", cs, c -> c.relative().ciLow()),
                    column(p + "rel_ci_high", cs, c -> c.relative().ciHigh()),
                    column(p + "t_p", cs, c -> c.stats().tTestP()),
                    column(p + "t_p_holm", cs, SweepSummary.Comparison::tHolm),
                    column(p + "wilcoxon_p", cs, c -> c.stats().wilcoxonP()),
                    column(p + "wilcoxon_p_holm", cs, SweepSummary.Comparison::wilcoxonHolm));
        }
        return t;
    }

    private static DoubleColumn column(String name, List<Optional<SweepSummary.Comparison>> cs,
                                       Function<SweepSummary.Comparison, Double> f) {
        return DoubleColumn.create(name, cs.stream().mapToDouble(c -> c.map(f).orElse(Double.NaN)).toArray());
    }

    /** One row per comparison: the pair count, mean difference and interval, relative change, p-values raw and Holm. */
    public static Table comparisons(SweepSummary s) {
        List<SweepSummary.Comparison> cs = s.comparisons();
        return Table.create("comparisons " + s.label(),
                StringColumn.create("property", cs.stream().map(c -> s.property()).toList()),
                StringColumn.create("scale", cs.stream().map(c -> s.scale()).toList()),
                StringColumn.create("condition", cs.stream().map(SweepSummary.Comparison::condition).toList()),
                StringColumn.create("versus", cs.stream().map(SweepSummary.Comparison::versus).toList()),
                DoubleColumn.create("fraction", cs.stream().mapToDouble(SweepSummary.Comparison::fraction).toArray()),
                IntColumn.create("n_pairs", cs.stream().mapToInt(c -> c.stats().n()).toArray()),
                DoubleColumn.create("mean_diff", cs.stream().mapToDouble(c -> c.stats().meanDifference()).toArray()),
                DoubleColumn.create("diff_ci_low", cs.stream().mapToDouble(c -> c.stats().ciLow()).toArray()),
                DoubleColumn.create("diff_ci_high", cs.stream().mapToDouble(c -> c.stats().ciHigh()).toArray()),
                DoubleColumn.create("rel_change", cs.stream().mapToDouble(c -> c.relative().mean()).toArray()),
                DoubleColumn.create("rel_ci_low", cs.stream().mapToDouble(c -> c.relative().ciLow()).toArray()),
                DoubleColumn.create("rel_ci_high", cs.stream().mapToDouble(c -> c.relative().ciHigh()).toArray()),
                DoubleColumn.create("t_p", cs.stream().mapToDouble(c -> c.stats().tTestP()).toArray()),
                DoubleColumn.create("t_p_holm", cs.stream().mapToDouble(SweepSummary.Comparison::tHolm).toArray()),
                DoubleColumn.create("wilcoxon_p", cs.stream().mapToDouble(c -> c.stats().wilcoxonP()).toArray()),
                DoubleColumn.create("wilcoxon_p_holm",
                        cs.stream().mapToDouble(SweepSummary.Comparison::wilcoxonHolm).toArray()),
                IntColumn.create("unmatched", cs.stream().mapToInt(c -> c.unmatchedA() + c.unmatchedB()).toArray()));
    }

    /**
     * The headline with formatted cells: {@code MAE mean ± sd}, {@code [low, high]}, relative changes in percent with
     * their intervals, p-values as {@code t / Wilcoxon} with the Holm-adjusted values after them.
     */
    public static Table text(SweepSummary s) {
        List<SweepSummary.Cell> cells = s.cells();
        Table t = Table.create(s.label(),
                StringColumn.create("condition", cells.stream().map(SweepSummary.Cell::condition).toList()),
                StringColumn.create("labels", cells.stream().map(c -> percent(c.fraction())).toList()),
                StringColumn.create("n", cells.stream().map(c -> Integer.toString(c.stats().n())).toList()),
                StringColumn.create(s.metric() + " (mean ± sd)", cells.stream().map(c -> number(c.stats().mean())
                        + " ± " + number(c.stats().sd())).toList()),
                StringColumn.create("95 % CI", cells.stream().map(c -> "[" + number(c.stats().ciLow()) + ", "
                        + number(c.stats().ciHigh()) + "]").toList()),
                StringColumn.create("rank", cells.stream().map(c -> Integer.toString(c.rank())).toList()));
        List<String> refs = new ArrayList<>();
        refs.add(s.baseline());
        refs.addAll(s.controls());
        for (String ref : refs) {
            List<Optional<SweepSummary.Comparison>> cs = cells.stream()
                    .map(c -> s.comparison(c.condition(), ref, c.fraction())).toList();
            t.addColumns(
                    StringColumn.create("vs " + ref, cs.stream().map(o -> o.map(c -> signedPercent(c.relative().mean())
                            + " [" + signedPercent(c.relative().ciLow()) + ", " + signedPercent(c.relative().ciHigh())
                            + "]").orElse("")).toList()),
                    StringColumn.create("p vs " + ref + " (t / W; Holm)", cs.stream().map(o -> o.map(c ->
                            p(c.stats().tTestP()) + " / " + p(c.stats().wilcoxonP()) + "; " + p(c.tHolm()) + " / "
                                    + p(c.wilcoxonHolm())).orElse("")).toList()));
        }
        return t;
    }

    /** The cells of one fraction by rank (lowest mean first): rank, condition, n, mean ± sd, interval, vs baseline. */
    public static Table ranked(SweepSummary s, double fraction) {
        List<SweepSummary.Cell> cells = s.ranked(fraction);
        List<Optional<SweepSummary.Comparison>> cs = cells.stream()
                .map(c -> s.comparison(c.condition(), s.baseline(), fraction)).toList();
        return Table.create(s.label() + ", " + percent(fraction),
                StringColumn.create("rank", cells.stream().map(c -> Integer.toString(c.rank())).toList()),
                StringColumn.create("condition", cells.stream().map(SweepSummary.Cell::condition).toList()),
                StringColumn.create("n", cells.stream().map(c -> Integer.toString(c.stats().n())).toList()),
                StringColumn.create(s.metric() + " (mean ± sd)", cells.stream().map(c -> number(c.stats().mean())
                        + " ± " + number(c.stats().sd())).toList()),
                StringColumn.create("95 % CI", cells.stream().map(c -> "[" + number(c.stats().ciLow()) + ", "
                        + number(c.stats().ciHigh()) + "]").toList()),
                StringColumn.create("vs " + s.baseline(), cs.stream().map(o -> o.map(c -> signedPercent(
                        c.relative().mean())).orElse("")).toList()));
    }

    /** The Markdown report of several summaries: per summary a title, the formatted headline and a legend. */
    public static String markdown(List<SweepSummary> summaries) {
        StringBuilder b = new StringBuilder();
        for (SweepSummary s : summaries) {
            b.append("## ").append(s.label()).append("\n\n");
            b.append(Tables.markdown(text(s))).append('\n');
            b.append("Mean ± sd and 95 % t interval of the test ").append(s.metric()).append(" over seeds; rank 1 is"
                    + " the lowest mean at that label fraction. \"vs X\": mean relative change of the paired runs (same"
                    + " seed, split and label subset), (A - X) / X, with its 95 % t interval; p: paired t-test /"
                    + " Wilcoxon signed-rank, then Holm-adjusted over the ").append(s.comparisons().size())
                    .append(" comparisons of this sweep. Baseline: ").append(s.baseline()).append("; controls: ")
                    .append(s.controls().isEmpty() ? "none" : String.join(", ", s.controls())).append(".\n\n");
        }
        return b.toString();
    }

    /**
     * Writes {@code summary.csv} (every headline), {@code comparisons.csv} and {@code summary.md} into {@code dir}.
     *
     * @return the files written
     */
    public static List<Path> write(List<SweepSummary> summaries, Path dir) {
        Table head = null;
        Table comp = null;
        for (SweepSummary s : summaries) {
            head = head == null ? headline(s) : appendAligned(head, headline(s));
            comp = comp == null ? comparisons(s) : comp.append(comparisons(s));
        }
        Path h = dir.resolve("summary.csv");
        Path c = dir.resolve("comparisons.csv");
        Path md = dir.resolve("summary.md");
        AtomicFiles.write(h, csv(head).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(c, csv(comp).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(md, markdown(summaries).getBytes(StandardCharsets.UTF_8));
        return List.of(h, c, md);
    }

    /** Tables with different control columns are joined on the union of their columns (missing cells empty). */
    private static Table appendAligned(Table a, Table b) {
        if (a.columnNames().equals(b.columnNames())) {
            return a.append(b);
        }
        Map<String, List<String>> cols = new LinkedHashMap<>();
        for (Table t : List.of(a, b)) {
            for (String n : t.columnNames()) {
                cols.putIfAbsent(n, new ArrayList<>());
            }
        }
        for (Table t : List.of(a, b)) {
            for (Map.Entry<String, List<String>> e : cols.entrySet()) {
                for (int r = 0; r < t.rowCount(); r++) {
                    e.getValue().add(t.columnNames().contains(e.getKey()) ? raw(t, e.getKey(), r) : "");
                }
            }
        }
        Table out = Table.create(a.name());
        cols.forEach((n, v) -> out.addColumns(StringColumn.create(n, v)));
        return out;
    }

    private static String raw(Table t, String col, int r) {
        Object v = t.column(col).get(r);
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "" : Double.toString(d);
        }
        return v == null ? "" : v.toString();
    }

    /** CSV with a header, full double precision ({@link Double#toString}), NaN as an empty cell. */
    static String csv(Table t) {
        if (t == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.join(",", t.columnNames())).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                String v = raw(t, t.columnNames().get(c), r);
                b.append(c == 0 ? "" : ",").append(v.contains(",") || v.contains("\"")
                        ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * The shape of element tables side by side: width, elements, mean, smallest and largest row norm (the controls
     * must match UNATE's table in width and row norm).
     */
    public static Table tableShapes(Map<String, org.unate.embedding.AtomEmbeddings> tables) {
        List<String> names = new ArrayList<>(tables.keySet());
        double[][] norms = new double[names.size()][];
        for (int k = 0; k < names.size(); k++) {
            org.unate.embedding.AtomEmbeddings t = tables.get(names.get(k));
            List<Double> n = new ArrayList<>();
            for (int z = 1; z <= org.unate.crystal.Element.MAX_Z; z++) {
                if (t.has(z)) {
                    double sq = 0;
                    for (float x : t.vector(z)) {
                        sq += (double) x * x;
                    }
                    n.add(Math.sqrt(sq));
                }
            }
            norms[k] = n.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return Table.create("element tables",
                StringColumn.create("table", names),
                IntColumn.create("dim", names.stream().mapToInt(n -> tables.get(n).dim()).toArray()),
                IntColumn.create("elements", names.stream().mapToInt(n -> tables.get(n).size()).toArray()),
                DoubleColumn.create("mean_row_norm", names.stream().mapToDouble(n -> tables.get(n).meanRowNorm())
                        .toArray()),
                DoubleColumn.create("min_row_norm", java.util.Arrays.stream(norms).mapToDouble(
                        v -> java.util.Arrays.stream(v).min().orElse(Double.NaN)).toArray()),
                DoubleColumn.create("max_row_norm", java.util.Arrays.stream(norms).mapToDouble(
                        v -> java.util.Arrays.stream(v).max().orElse(Double.NaN)).toArray()));
    }

    /**
     * One sentence computed from the numbers, for notebooks: condition A against B at a fraction, its relative change
     * and interval, the Holm-adjusted p-values, and whether the interval excludes no change; or that the comparison
     * was not made. It states what was measured, at which scale, and nothing more.
     */
    public static String verdict(SweepSummary s, String a, String b, double fraction) {
        Optional<SweepSummary.Comparison> c = s.comparison(a, b, fraction);
        if (c.isEmpty()) {
            return a + " against " + b + " at " + percent(fraction) + " of the labels (" + s.label()
                    + "): not compared (no paired runs).";
        }
        SweepSummary.Comparison x = c.get();
        RelativeText r = new RelativeText(x);
        return String.format(Locale.ROOT, "%s against %s at %s of the labels (%s, %d paired seeds): %s; Holm-adjusted"
                        + " p %s (t) and %s (Wilcoxon); %s", a, b, percent(fraction), s.label(), x.stats().n(), r,
                p(x.tHolm()), p(x.wilcoxonHolm()), r.reading());
    }

    /** {@link #verdict} for every fraction, condition and reference given (references equal to the condition skipped). */
    public static List<String> verdicts(SweepSummary s, List<String> conditions, List<String> versus) {
        List<String> out = new ArrayList<>();
        for (double f : s.fractions()) {
            for (String a : conditions) {
                for (String b : versus) {
                    if (!a.equals(b) && s.conditions().contains(a) && s.conditions().contains(b)) {
                        out.add(verdict(s, a, b, f));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The pairing of a store's runs: per (fraction, seed), how many runs, and how many distinct splits and training
     * subsets they used ({@code split_hash}, {@code train_ids_sha256}): 1 and 1 when every condition saw the same
     * crystals.
     */
    public static Table pairing(org.unate.experiment.ResultStore store) {
        Map<String, List<org.unate.experiment.ResultRecord>> groups = new java.util.TreeMap<>();
        for (org.unate.experiment.ResultRecord r : store.records()) {
            groups.computeIfAbsent(String.format(Locale.ROOT, "%08.4f/%06d", r.fraction(), r.seed()),
                    k -> new ArrayList<>()).add(r);
        }
        List<org.unate.experiment.ResultRecord> first = groups.values().stream().map(g -> g.get(0)).toList();
        return Table.create("pairing",
                DoubleColumn.create("fraction", first.stream().mapToDouble(org.unate.experiment.ResultRecord::fraction)
                        .toArray()),
                IntColumn.create("seed", first.stream().mapToInt(r -> (int) r.seed()).toArray()),
                IntColumn.create("runs", groups.values().stream().mapToInt(List::size).toArray()),
                IntColumn.create("splits", groups.values().stream().mapToInt(g -> (int) g.stream()
                        .map(org.unate.experiment.ResultRecord::splitHash).distinct().count()).toArray()),
                IntColumn.create("training_subsets", groups.values().stream().mapToInt(g -> (int) g.stream()
                        .map(r -> String.valueOf(r.extra().get("train_ids_sha256"))).distinct().count()).toArray()),
                IntColumn.create("n_train", first.stream().mapToInt(org.unate.experiment.ResultRecord::nTrain)
                        .toArray()));
    }

    /** The relative change of a comparison in words. */
    private record RelativeText(SweepSummary.Comparison c) {
        @Override
        public String toString() {
            return "test " + "error " + signedPercent(c.relative().mean()) + " [" + signedPercent(c.relative().ciLow())
                    + ", " + signedPercent(c.relative().ciHigh()) + "]";
        }

        String reading() {
            double lo = c.relative().ciLow();
            double hi = c.relative().ciHigh();
            if (Double.isNaN(lo)) {
                return "too few seeds for an interval.";
            }
            if (hi < 0) {
                return "the 95 % interval lies below zero (lower error).";
            }
            if (lo > 0) {
                return "the 95 % interval lies above zero (higher error).";
            }
            return "the 95 % interval includes zero: no difference shown.";
        }
    }

    /**
     * The metric against the label fraction, one line per condition, with 95 % t intervals as error bars; the points
     * of the conditions are set a little apart sideways so that their bars do not overlap.
     */
    public static XYChart metricByFraction(SweepSummary s, String unit) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        List<String> conditions = s.conditions();
        for (int k = 0; k < conditions.size(); k++) {
            String c = conditions.get(k);
            // each condition's points a little to the side (0.6 percentage points apart) so the bars stay apart
            double dodge = 0.6 * (k - (conditions.size() - 1) / 2.0);
            List<SweepSummary.Cell> cs = s.cells().stream().filter(x -> x.condition().equals(c)).toList();
            series.put(c, new double[][] {
                cs.stream().mapToDouble(x -> 100 * x.fraction() + dodge).toArray(),
                cs.stream().mapToDouble(x -> x.stats().mean()).toArray(),
                cs.stream().mapToDouble(x -> Double.isNaN(x.stats().ciHigh()) ? 0 : x.stats().ciHigh() - x.stats().mean())
                        .toArray()});
        }
        return Charts.errorBars("Test " + s.metric().toUpperCase(Locale.ROOT) + " against label fraction ("
                + s.label() + ")", "labels used (% of the training split)", s.metric().toUpperCase(Locale.ROOT)
                + (unit == null || unit.isBlank() ? "" : " (" + unit + ")"), series);
    }

    /**
     * The relative change against the baseline (or another reference), per condition, one bar per label fraction,
     * with the 95 % interval of the paired relative change.
     */
    public static CategoryChart relativeChange(SweepSummary s, String versus) {
        List<String> conditions = s.conditions().stream().filter(c -> !c.equals(versus)).toList();
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (double f : s.fractions()) {
            double[] v = new double[conditions.size()];
            double[] e = new double[conditions.size()];
            for (int i = 0; i < conditions.size(); i++) {
                Optional<SweepSummary.Comparison> c = s.comparison(conditions.get(i), versus, f);
                v[i] = c.map(x -> 100 * x.relative().mean()).orElse(0.0);
                e[i] = c.map(x -> Double.isNaN(x.relative().ciHigh()) ? 0 : 100 * (x.relative().ciHigh()
                        - x.relative().mean())).orElse(0.0);
            }
            series.put(percent(f) + " of labels", new double[][] {v, e});
        }
        return Charts.groupedBars("Change of the test " + s.metric().toUpperCase(Locale.ROOT) + " against " + versus
                + " (" + s.label() + ")", "condition", "relative change (%)", conditions, series);
    }

    /**
     * The gain against {@code versus} (the baseline, or a control) against the label fraction, one line per condition:
     * {@code 100 * (B - A) / B}, the mean of the paired relative changes with its sign turned (positive = lower
     * error than {@code versus}), with its 95 % t interval as error bars, and a grey line at 0. A condition has a
     * point only at the fractions where it was compared (paired runs exist); the points of the conditions are set a
     * little apart sideways so that their bars do not overlap.
     */
    public static XYChart gainByFraction(SweepSummary s, String versus) {
        List<String> conditions = s.conditions().stream().filter(c -> !c.equals(versus)).toList();
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (int k = 0; k < conditions.size(); k++) {
            String c = conditions.get(k);
            double dodge = 0.6 * (k - (conditions.size() - 1) / 2.0);
            List<SweepSummary.Comparison> cs = s.fractions().stream()
                    .map(f -> s.comparison(c, versus, f)).flatMap(Optional::stream).toList();
            if (cs.isEmpty()) {
                continue;
            }
            series.put(c, new double[][] {
                cs.stream().mapToDouble(x -> 100 * x.fraction() + dodge).toArray(),
                cs.stream().mapToDouble(x -> -100 * x.relative().mean()).toArray(),
                cs.stream().mapToDouble(x -> Double.isNaN(x.relative().ciHigh()) ? 0
                        : 100 * (x.relative().ciHigh() - x.relative().mean())).toArray()});
        }
        XYChart chart = Charts.errorBars("Gain in test " + s.metric().toUpperCase(Locale.ROOT) + " over " + versus
                + " (" + s.label() + ")", "labels used (% of the training split)", "gain (%), 95 % CI", series);
        double lo = 100 * s.fractions().stream().mapToDouble(Double::doubleValue).min().orElse(0) - 3;
        double hi = 100 * s.fractions().stream().mapToDouble(Double::doubleValue).max().orElse(1) + 3;
        org.knowm.xchart.XYSeries zero = chart.addSeries("no change", new double[] {lo, hi}, new double[] {0, 0});
        zero.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        zero.setLineColor(java.awt.Color.GRAY);
        zero.setShowInLegend(false);
        return chart;
    }

    static String percent(double f) {
        double p = 100 * f;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + " %";
    }

    static String number(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.4f", x);
    }

    static String signedPercent(double x) {
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%+.1f %%", 100 * x);
    }

    static String p(double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        return x < 0.001 ? String.format(Locale.ROOT, "%.1e", x) : String.format(Locale.ROOT, "%.3f", x);
    }
}
