package org.unate.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.unate.crystal.Element;
import org.unate.data.AtomicFiles;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.TableGeometry;
import org.unate.eval.Predictions;
import org.unate.eval.RelativeChange;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import org.unate.experiment.SweepSummary;
import org.unate.model.EpochRecord;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's tables and figures, built from result files only ({@link ResultsFolder}: records, their histories and
 * test predictions, pretraining histories, element tables), so that anyone can rebuild them from {@code results/}.
 * The statistics are {@link SweepSummary}'s and the tables and figures reuse {@link SweepReport} and
 * {@link ElementCharts}; this class chooses what the report holds, names it, and writes it
 * ({@link #write}: PNG and SVG figures, CSV and Markdown tables, and a {@code README.md} listing them all).
 * <p>Every caption and title names the scale of the records it comes from ({@link SweepResult#label()}: "quick"
 * for a report of quick records) and, for a sweep still running, how many of its runs are done; table cells give
 * the runs done ("3 of 5"). Byte-stable: fixed sizes, the bundled font, {@link Locale#ROOT} formats, a seeded t-SNE,
 * no dates or absolute paths in the files; the same result files give the same bytes. Immutable.
 * <p>For notebooks: {@code PaperReport.load(Path.of("../results"))}, then one method per table or figure.
 */
public final class PaperReport {
    /** The element whose cosine similarities the periodic-table figure shows, unless another is asked for. */
    public static final String DEFAULT_ELEMENT = "Fe";
    /** t-SNE settings of the element maps (as notebook 03): perplexity, iterations, seed. */
    public static final double TSNE_PERPLEXITY = 10;
    public static final int TSNE_ITERATIONS = 1000;
    public static final long TSNE_SEED = 0;
    /** The first line of a report's README.md: a folder starting with it is a report this class may overwrite. */
    public static final String HEADER = "# UNATE report";

    private final ResultsFolder results;
    private final String element;
    private final ElementCharts.Colour colour;

    private PaperReport(ResultsFolder results, String element, ElementCharts.Colour colour) {
        this.results = results;
        this.element = element;
        this.colour = colour;
    }

    /**
     * The report of a results folder ({@link ResultsFolder#read}): the project's {@code results/}, or one sweep folder.
     *
     * @throws IllegalArgumentException naming the folder or file if it cannot be read
     */
    public static PaperReport load(Path results) {
        return new PaperReport(ResultsFolder.read(results), DEFAULT_ELEMENT, ElementCharts.Colour.BLOCK);
    }

    /**
     * This report with the periodic-table figure centred on another element.
     *
     * @throws IllegalArgumentException for a symbol that is not an element
     */
    public PaperReport withElement(String symbol) {
        return new PaperReport(results, Element.of(symbol.trim()).symbol(), colour);
    }

    /** This report with the element maps coloured by {@code c} (block, the default, or group). */
    public PaperReport withColour(ElementCharts.Colour c) {
        return new PaperReport(results, element, c);
    }

    public ResultsFolder results() {
        return results;
    }

    /** The element of the similarity figures. */
    public String element() {
        return element;
    }

    // ---- what there is

    /** The property-model sweeps with records, one per property and scale, by folder name. */
    public List<SweepResult> sweeps() {
        return results.sweeps().stream().filter(s -> !s.probe()).flatMap(s -> s.results().stream()).toList();
    }

    /** The probe sweeps with records (probe-catalogue-*), one per property and scale, by folder name. */
    public List<SweepResult> probes() {
        return results.sweeps().stream().filter(SweepFolder::probe).flatMap(s -> s.results().stream()).toList();
    }

    /**
     * The sweep result with id {@code id} ({@link SweepResult#id()}, e.g. {@code mbj-cgcnn}).
     *
     * @throws IllegalArgumentException listing the ids there are
     */
    public SweepResult sweep(String id) {
        List<SweepResult> all = new ArrayList<>(sweeps());
        all.addAll(probes());
        return all.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no sweep '" + id + "' with records under " + results.root() + "; there are: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(SweepResult::id).toList()))));
    }

    /** Every pretraining run: {@code pretrained/*}, then the sweeps' stand-ins. */
    public List<PretrainRun> pretrainRuns() {
        return results.pretrainRuns();
    }

    /**
     * The pretraining run named {@code name} (e.g. {@code cgcnn-d128}).
     *
     * @throws IllegalArgumentException listing the runs there are
     */
    public PretrainRun pretrainRun(String name) {
        return pretrainRuns().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no pretraining run '" + name + "' under " + results.root()
                        + "; there are: " + (pretrainRuns().isEmpty() ? "none"
                        : String.join(", ", pretrainRuns().stream().map(PretrainRun::name).toList()))));
    }

    // ---- tables

    /**
     * One row per sweep folder: its property, scale, backbone, the runs done and planned, conditions, fractions and
     * seeds of its records, and the machine time of its finished runs (the sum of their {@code wall_s};
     * runs side by side overlap, so the sweep's elapsed time is shorter by about the number of workers). Sweeps
     * without records are listed with 0 runs.
     */
    public Table overview() {
        StringColumn sweep = StringColumn.create("sweep");
        StringColumn property = StringColumn.create("property");
        StringColumn scale = StringColumn.create("scale");
        StringColumn backbone = StringColumn.create("backbone");
        StringColumn runs = StringColumn.create("runs done");
        StringColumn conditions = StringColumn.create("conditions");
        StringColumn fractions = StringColumn.create("label fractions");
        StringColumn seeds = StringColumn.create("seeds");
        StringColumn hours = StringColumn.create("run time");
        for (SweepFolder f : results.sweeps()) {
            List<SweepResult> rs = f.results();
            if (rs.isEmpty()) {
                sweep.append(f.name());
                property.append(f.started().map(s -> s.config().property()).orElse("–"));
                scale.append(f.started().map(s -> s.scale()).orElse("–"));
                backbone.append(f.started().map(s -> s.config().backbone()).orElse("–"));
                int plan = f.started().map(s -> f.planned(s.scale()).size()).orElse(0);
                runs.append("0" + (plan > 0 ? " of " + plan : ""));
                conditions.append("–");
                fractions.append("–");
                seeds.append("–");
                hours.append("–");
                continue;
            }
            for (SweepResult r : rs) {
                sweep.append(r.id());
                property.append(r.summary().property());
                scale.append(r.scale().isEmpty() ? "–" : r.scale());
                backbone.append(r.records().get(0).record().backbone());
                runs.append(r.records().size() + (r.planned().isEmpty() ? "" : " of " + r.planned().size()));
                conditions.append(Integer.toString(r.summary().conditions().size()));
                fractions.append(String.join(", ", r.summary().fractions().stream().map(SweepReport::percent)
                        .toList()));
                seeds.append(String.join(", ", r.records().stream().map(x -> x.record().seed()).distinct().sorted()
                        .map(String::valueOf).toList()));
                double seconds = r.records().stream().mapToDouble(x -> x.record().wallS()).filter(Double::isFinite)
                        .sum();
                hours.append(duration(seconds));
            }
        }
        return Table.create("sweeps under " + results.root() + " (" + scalesText() + ")", sweep, property, scale,
                backbone, runs, conditions, fractions, seeds, hours);
    }

    /** Seconds as a reader wants them: "24 s" below a minute, "12 min" below an hour, "9.7 h" above. */
    static String duration(double seconds) {
        if (seconds < 59.5) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 3570) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /**
     * The headline of a sweep, one row per condition x label fraction (planned cells without a run included): runs
     * done, test MAE mean ± sd over seeds, its 95 % t interval, the gain over the baseline (the mean paired relative
     * change with its sign turned: positive = lower MAE) with its 95 % interval, and the paired t-test and Wilcoxon
     * p-values, raw and Holm-adjusted over the sweep's comparisons (SweepSummary).
     */
    public Table headline(String id) {
        return headline(sweep(id));
    }

    /** {@link #headline(String)} of a sweep result. */
    public Table headline(SweepResult r) {
        SweepSummary s = r.summary();
        String unit = r.quantity().unit().isEmpty() ? "" : " (" + r.quantity().unit() + ")";
        String base = r.baseline();
        StringColumn condition = StringColumn.create("condition");
        StringColumn labels = StringColumn.create("labels");
        StringColumn n = StringColumn.create("n");
        StringColumn mae = StringColumn.create("MAE" + unit + ", mean ± sd");
        StringColumn ci = StringColumn.create("95 % CI");
        StringColumn gain = StringColumn.create("gain vs " + base + " [95 % CI]");
        StringColumn p = StringColumn.create("p (t / Wilcoxon)");
        StringColumn holm = StringColumn.create("Holm p (t / Wilcoxon)");
        for (SweepResult.Cell c : r.cells()) {
            condition.append(c.condition());
            labels.append(SweepReport.percent(c.fraction()));
            n.append(c.count());
            mae.append(c.stats().map(x -> SweepReport.number(x.stats().mean()) + " ± "
                    + SweepReport.number(x.stats().sd())).orElse("–"));
            ci.append(c.stats().map(x -> "[" + SweepReport.number(x.stats().ciLow()) + ", "
                    + SweepReport.number(x.stats().ciHigh()) + "]").orElse("–"));
            Optional<SweepSummary.Comparison> cmp = r.baselinePresent()
                    ? s.comparison(c.condition(), base, c.fraction()) : Optional.empty();
            String none = c.condition().equals(base) ? "baseline" : "–";
            gain.append(cmp.map(PaperReport::gainText).orElse(none));
            p.append(cmp.map(x -> SweepReport.p(x.stats().tTestP()) + " / " + SweepReport.p(x.stats().wilcoxonP()))
                    .orElse("–"));
            holm.append(cmp.map(x -> SweepReport.p(x.tHolm()) + " / " + SweepReport.p(x.wilcoxonHolm())).orElse("–"));
        }
        return Table.create("test MAE per condition and label fraction (" + r.label() + ")", condition, labels, n,
                mae, ci, gain, p, holm);
    }

    private static String gainText(SweepSummary.Comparison c) {
        return SweepReport.signedPercent(-c.relative().mean()) + " [" + SweepReport.signedPercent(-c.relative().ciHigh())
                + ", " + SweepReport.signedPercent(-c.relative().ciLow()) + "]";
    }

    /**
     * The headline's numbers, for the CSV: {@link SweepReport#headline} (every condition against the baseline and
     * the controls: relative changes, (A - B) / B, with intervals, p-values raw and Holm) with {@code n_planned}
     * after {@code n} (-1 when the plan is not known).
     */
    public Table headlineNumbers(SweepResult r) {
        Table t = SweepReport.headline(r.summary());
        t.insertColumn(t.columnIndex("n") + 1, IntColumn.create("n_planned", r.summary().cells().stream()
                .mapToInt(c -> r.planned(c.condition(), c.fraction())).toArray()));
        if (!r.baselinePresent()) {
            t = t.selectColumns(t.columnNames().subList(0, t.columnIndex("rank") + 1).toArray(new String[0]));
        }
        t.setName("headline " + r.label());
        return t;
    }

    /**
     * How the epoch rule ended a sweep's runs, one row per condition x label fraction with runs: how many stopped at
     * the epoch cap and how many by patience, and the best-validation epoch (mean and range). Runs whose best epoch
     * lies near the cap say what the cap costs; the rule is the same for every condition (docs/experiments.md).
     */
    public Table stopping(String id) {
        return stopping(sweep(id));
    }

    /** {@link #stopping(String)} of a sweep result. */
    public Table stopping(SweepResult r) {
        StringColumn condition = StringColumn.create("condition");
        StringColumn labels = StringColumn.create("labels");
        IntColumn runs = IntColumn.create("runs");
        IntColumn cap = IntColumn.create("stopped at the cap");
        IntColumn patience = IntColumn.create("stopped by patience");
        StringColumn epochs = StringColumn.create("epochs run, mean");
        StringColumn best = StringColumn.create("best epoch, mean [min, max]");
        for (SweepResult.Cell c : r.cells()) {
            List<ResultRecord> rs = r.records().stream().map(RecordFile::record)
                    .filter(x -> ResultStore.condition(x).equals(c.condition()) && x.fraction() == c.fraction())
                    .toList();
            if (rs.isEmpty()) {
                continue;
            }
            condition.append(c.condition());
            labels.append(SweepReport.percent(c.fraction()));
            runs.append(rs.size());
            cap.append((int) rs.stream().filter(x -> "epoch cap".equals(x.extra().get("stop_reason"))).count());
            patience.append((int) rs.stream().filter(x -> "patience".equals(x.extra().get("stop_reason"))).count());
            epochs.append(String.format(Locale.ROOT, "%.0f", rs.stream().mapToInt(ResultRecord::epochs).average()
                    .orElse(Double.NaN)));
            int[] b = rs.stream().map(x -> x.extra().get("best_epoch")).filter(v -> v instanceof Number)
                    .mapToInt(v -> ((Number) v).intValue()).toArray();
            best.append(b.length == 0 ? "–" : String.format(Locale.ROOT, "%.0f [%d, %d]",
                    Arrays.stream(b).average().orElseThrow(), Arrays.stream(b).min().orElseThrow(),
                    Arrays.stream(b).max().orElseThrow()));
        }
        Table t = Table.create("stopping (" + r.label() + ")", condition, labels, runs, cap, patience, epochs, best);
        return t;
    }

    /**
     * Every comparison of a sweep in long form ({@link SweepReport#comparisons}): pairs, mean difference in the
     * property's unit with its interval, relative change, p-values raw and Holm; 4 decimals shown.
     */
    public Table comparisons(String id) {
        return comparisons(sweep(id));
    }

    /** {@link #comparisons(String)} of a sweep result (empty while the baseline has no record). */
    public Table comparisons(SweepResult r) {
        Table t = SweepReport.comparisons(r.summary());
        if (!r.baselinePresent()) {
            t = t.emptyCopy();
        }
        t.setName("comparisons (" + r.label() + ")");
        return Tables.rounded(t, 4);
    }

    /**
     * The ranking of element tables by the GNN-free probe at one label fraction: rank (1 = lowest mean test MAE),
     * table, runs done, MAE mean ± sd and 95 % interval, the gain over the sweep's baseline (the random table of
     * UNATE's width and row norm) with its interval and Holm-adjusted p-values. Planned tables without a run yet
     * follow, unranked.
     */
    public Table probeRanking(SweepResult r, double fraction) {
        Table all = ranking(r, fraction);
        String mae = all.columnNames().get(4);
        Table t = all.selectColumns("rank", "condition", "n", mae, "95 % CI", "gain vs " + r.baseline() + " [95 % CI]",
                "Holm p vs " + r.baseline());
        t.column("condition").setName("table");
        t.column("Holm p vs " + r.baseline()).setName("Holm p (t / Wilcoxon)");
        t.setName("element tables ranked by the GNN-free probe, " + SweepReport.percent(fraction) + " of the labels ("
                + r.label() + ")");
        return t;
    }

    /**
     * Every condition of a sweep at one label fraction, ranked by mean test MAE (1 = lowest; conditions without a run
     * yet follow, unranked): the width of its element table, runs done, MAE mean ± sd and 95 % interval, the gain over
     * the baseline and over the frozen random table of the same width ({@link SweepSummary#widthControl}), each with
     * its 95 % interval and Holm-adjusted p-values (t / Wilcoxon, over the sweep's comparisons). Widths come from the
     * records' {@code node_table}; "–" where a record does not give one or the sweep has no random table that wide.
     */
    public Table ranking(SweepResult r, double fraction) {
        SweepSummary s = r.summary();
        String unit = r.quantity().unit().isEmpty() ? "" : " (" + r.quantity().unit() + ")";
        StringColumn rank = StringColumn.create("rank");
        StringColumn condition = StringColumn.create("condition");
        StringColumn width = StringColumn.create("width");
        StringColumn n = StringColumn.create("n");
        StringColumn mae = StringColumn.create("MAE" + unit + ", mean ± sd");
        StringColumn ci = StringColumn.create("95 % CI");
        StringColumn gain = StringColumn.create("gain vs " + r.baseline() + " [95 % CI]");
        StringColumn holm = StringColumn.create("Holm p vs " + r.baseline());
        StringColumn random = StringColumn.create("random table of its width");
        StringColumn gainRandom = StringColumn.create("gain vs it [95 % CI]");
        StringColumn holmRandom = StringColumn.create("Holm p vs it");
        for (SweepSummary.Cell c : s.ranked(fraction)) {
            Optional<SweepSummary.Comparison> base = r.baselinePresent()
                    ? s.comparison(c.condition(), r.baseline(), fraction) : Optional.empty();
            Optional<String> w = s.widthControl(c.condition());
            Optional<SweepSummary.Comparison> vsRandom = w.flatMap(x -> s.comparison(c.condition(), x, fraction));
            int plan = r.planned(c.condition(), fraction);
            rank.append(Integer.toString(c.rank()));
            condition.append(c.condition());
            width.append(Optional.ofNullable(s.widths().get(c.condition())).map(String::valueOf).orElse("–"));
            n.append(plan < 0 || c.stats().n() >= plan ? Integer.toString(c.stats().n()) : c.stats().n() + " of "
                    + plan);
            mae.append(SweepReport.number(c.stats().mean()) + " ± " + SweepReport.number(c.stats().sd()));
            ci.append("[" + SweepReport.number(c.stats().ciLow()) + ", " + SweepReport.number(c.stats().ciHigh())
                    + "]");
            gain.append(base.map(PaperReport::gainText).orElse(c.condition().equals(r.baseline()) ? "baseline" : "–"));
            holm.append(base.map(PaperReport::holmText).orElse("–"));
            random.append(w.orElse("–"));
            gainRandom.append(vsRandom.map(PaperReport::gainText).orElse("–"));
            holmRandom.append(vsRandom.map(PaperReport::holmText).orElse("–"));
        }
        for (SweepResult.Cell c : r.cells()) {
            if (c.fraction() == fraction && c.stats().isEmpty()) {
                rank.append("–");
                condition.append(c.condition());
                width.append(Optional.ofNullable(s.widths().get(c.condition())).map(String::valueOf).orElse("–"));
                n.append(c.count());
                mae.append("not run yet");
                for (StringColumn x : List.of(ci, gain, holm, random, gainRandom, holmRandom)) {
                    x.append("–");
                }
            }
        }
        return Table.create("conditions ranked by test MAE, " + SweepReport.percent(fraction) + " of the labels ("
                + r.label() + ")", rank, condition, width, n, mae, ci, gain, holm, random, gainRandom, holmRandom);
    }

    /**
     * UNATE's tables against the published table that is best on validation: among the sweep's published tables
     * (records whose {@code node_table.kind} is {@code table}) the one with the lowest mean validation MAE at
     * {@code fraction} is chosen, so the choice never looks at a test set; then each UNATE condition is compared
     * with it on the test MAE over the paired runs, as one question decided beforehand (no Holm family: the p-values
     * are the raw ones). Empty without a published table or a UNATE condition with runs.
     */
    public Table versusBestPublished(SweepResult r, double fraction) {
        ResultStore store = store(r);
        List<String> conditions = r.summary().conditions();
        List<String> published = conditions.stream().filter(c -> widthGroup(store, c).equals(WIDTH_GROUPS[0]))
                .toList();
        Optional<String> best = store.lowest(published, fraction, "val_mae");
        StringColumn condition = StringColumn.create("condition");
        StringColumn versus = StringColumn.create("best published table (by validation MAE)");
        StringColumn valMae = StringColumn.create("its validation MAE");
        StringColumn n = StringColumn.create("pairs");
        StringColumn gain = StringColumn.create("gain over it, test MAE [95 % CI]");
        StringColumn p = StringColumn.create("p (t / Wilcoxon)");
        for (String c : conditions) {
            if (best.isEmpty() || !widthGroup(store, c).equals(WIDTH_GROUPS[1])
                    || store.values(c, fraction, "mae").length == 0) {
                continue;
            }
            Optional<SweepSummary.Comparison> cmp = SweepSummary.single(store, c, best.get(), fraction, "mae");
            double[] v = store.values(best.get(), fraction, "val_mae");
            condition.append(c);
            versus.append(best.get());
            valMae.append(SweepReport.number(Arrays.stream(v).average().orElse(Double.NaN)));
            n.append(cmp.map(x -> Integer.toString(x.stats().n())).orElse("0"));
            gain.append(cmp.map(PaperReport::gainText).orElse("–"));
            p.append(cmp.map(PaperReport::holmText).orElse("–"));
        }
        return Table.create("UNATE against the best published table on validation, " + SweepReport.percent(fraction)
                + " of the labels (" + r.label() + ")", condition, versus, valMae, n, gain, p);
    }

    private static String holmText(SweepSummary.Comparison c) {
        return SweepReport.p(c.tHolm()) + " / " + SweepReport.p(c.wilcoxonHolm());
    }

    /**
     * What the sweep's missing-element policy left out, in words, from its records' {@code missing_element}: "none"
     * without one; else the policy, the crystals left out of the training, validation and test sets, and the tables
     * and elements that caused it.
     */
    public static String missingElements(SweepResult r) {
        for (RecordFile f : r.records()) {
            if (f.record().extra().get("missing_element") instanceof Map<?, ?> m && m.get("policy") != null) {
                StringBuilder b = new StringBuilder("missing elements: ").append(m.get("policy"));
                if (m.get("dropped") instanceof Map<?, ?> d) {
                    b.append(String.format(Locale.ROOT, ", %s training, %s validation and %s test crystals left out"
                            + " of every condition", d.get("train"), d.get("val"), d.get("test")));
                }
                if (m.get("tables") instanceof Map<?, ?> t && !t.isEmpty()) {
                    List<String> parts = new ArrayList<>();
                    t.forEach((cond, info) -> parts.add(cond + (info instanceof Map<?, ?> i
                            && i.get("elements") instanceof Map<?, ?> el ? " lacks " + String.join(", ",
                            el.keySet().stream().map(String::valueOf).toList()) : "")));
                    b.append(" (").append(String.join("; ", parts)).append(')');
                }
                return b.toString();
            }
        }
        return "missing elements: none";
    }

    /**
     * The gain over the baseline against the width of each condition's element table, at one label fraction: one
     * point per condition with a known width and a comparison (95 % interval of the paired relative change as error
     * bars), grouped by the kind of table (published, UNATE, random frozen, other controls), the frozen random tables
     * joined by a line so that a table above it beats a random table of its width. The x axis is log2 of the width (ticks
     * at whole doublings, labelled with the width; conditions of one width set a tenth of a doubling apart), and each
     * published or UNATE point carries its name.
     *
     * @throws IllegalArgumentException if no condition has both a width and a comparison with the baseline
     */
    public XYChart gainByWidth(SweepResult r, double fraction) {
        SweepSummary s = r.summary();
        ResultStore store = store(r);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String c : s.conditions()) {
            if (!s.widths().containsKey(c) || s.comparison(c, r.baseline(), fraction).isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(widthGroup(store, c), k -> new ArrayList<>()).add(c);
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(r.id() + ": no condition with a table width and a comparison with "
                    + r.baseline() + " at " + SweepReport.percent(fraction) + " of the labels");
        }
        // x: log2 of the width, conditions that share a width set a little apart (a tenth of a doubling)
        Map<String, Double> x = new LinkedHashMap<>();
        Map<Integer, List<String>> byWidth = new TreeMap<>();
        for (String g : WIDTH_GROUPS) {
            for (String c : groups.getOrDefault(g, List.of())) {
                byWidth.computeIfAbsent(s.widths().get(c), k -> new ArrayList<>()).add(c);
            }
        }
        byWidth.forEach((w, cs) -> {
            for (int k = 0; k < cs.size(); k++) {
                x.put(cs.get(k), Math.log(w) / Math.log(2) + 0.1 * (k - (cs.size() - 1) / 2.0));
            }
        });
        Map<String, double[]> gain = new LinkedHashMap<>();
        for (String c : x.keySet()) {
            RelativeChange rc = s.comparison(c, r.baseline(), fraction).orElseThrow().relative();
            gain.put(c, new double[] {-100 * rc.mean(), Double.isNaN(rc.ciHigh()) ? 0 : 100 * (rc.ciHigh()
                    - rc.mean())});
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String g : WIDTH_GROUPS) {
            List<String> cs = new ArrayList<>(groups.getOrDefault(g, List.of()));
            if (cs.isEmpty()) {
                continue;
            }
            cs.sort(Comparator.comparingDouble(x::get));
            series.put(g, new double[][] {cs.stream().mapToDouble(x::get).toArray(),
                cs.stream().mapToDouble(c -> gain.get(c)[0]).toArray(),
                cs.stream().mapToDouble(c -> gain.get(c)[1]).toArray()});
        }
        XYChart chart = Charts.errorBars("Gain over " + r.baseline() + " against table width, "
                        + SweepReport.percent(fraction) + " of the labels (" + r.shortLabel() + ")",
                "width of the element table (log scale)", "gain in test MAE (%), 95 % CI", series);
        chart.getSeriesMap().forEach((name, xs) -> {
            if (!name.equals(WIDTH_GROUPS[2])) {
                xs.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            }
        });
        double lo = Math.floor(x.values().stream().mapToDouble(Double::doubleValue).min().orElse(0) - 0.3);
        double hi = Math.ceil(x.values().stream().mapToDouble(Double::doubleValue).max().orElse(1) + 0.3);
        chart.getStyler().setXAxisMin(lo);
        chart.getStyler().setXAxisMax(hi);
        // ticks at whole doublings, labelled with the width itself
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v - Math.rint(v)) < 1e-9
                ? String.valueOf(Math.round(Math.pow(2, Math.rint(v)))) : "");
        org.knowm.xchart.XYSeries zero = chart.addSeries("no change", new double[] {lo, hi}, new double[] {0, 0});
        zero.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        zero.setLineColor(java.awt.Color.GRAY);
        zero.setShowInLegend(false);
        // each published or UNATE point named just above its marker
        double yLo = gain.values().stream().mapToDouble(v -> v[0] - v[1]).min().orElse(0);
        double yHi = gain.values().stream().mapToDouble(v -> v[0] + v[1]).max().orElse(1);
        double lift = 0.03 * Math.max(1e-9, Math.max(yHi, 0) - Math.min(yLo, 0));
        for (String g : List.of(WIDTH_GROUPS[0], WIDTH_GROUPS[1])) {
            for (String c : groups.getOrDefault(g, List.of())) {
                chart.addAnnotation(new org.knowm.xchart.AnnotationText(c.replaceFirst("^table:", ""), x.get(c),
                        gain.get(c)[0] + lift, false));
            }
        }
        chart.getStyler().setAnnotationTextFont(ReportFonts.regular(10f));
        chart.getStyler().setAnnotationTextFontColor(java.awt.Color.DARK_GRAY);
        return chart;
    }

    /** The groups of {@link #gainByWidth}, in legend order. */
    private static final String[] WIDTH_GROUPS = {"published tables", "UNATE", "random, frozen", "other controls"};

    /** A sweep result's records as a store (node tables, pairs, means by condition). */
    private static ResultStore store(SweepResult r) {
        return ResultStore.of(r.records().stream().map(RecordFile::record).toList());
    }

    /** The {@link #gainByWidth} group of a condition, from its records' {@code node_table}. */
    private static String widthGroup(ResultStore store, String condition) {
        Map<String, Object> t = store.nodeTable(condition).orElse(Map.of());
        return switch (String.valueOf(t.get("kind"))) {
            case "table" -> WIDTH_GROUPS[0];
            case "unate" -> WIDTH_GROUPS[1];
            case "random" -> Boolean.TRUE.equals(t.get("trainable")) ? WIDTH_GROUPS[3] : WIDTH_GROUPS[2];
            default -> WIDTH_GROUPS[3];
        };
    }

    /** "" for a sweep of one label fraction, else "-f25" and the like: how per-fraction files are told apart. */
    private static String fractionTag(SweepResult r, double f) {
        return r.summary().fractions().size() > 1 ? "-f" + SweepReport.percent(f).replace(" %", "") : "";
    }

    /** {@link #probeRanking(SweepResult, double)} of every probe sweep at each of its fractions. */
    public List<Table> probeRankings() {
        List<Table> out = new ArrayList<>();
        for (SweepResult r : probes()) {
            for (double f : r.summary().fractions()) {
                out.add(probeRanking(r, f));
            }
        }
        return out;
    }

    /**
     * One row per pretraining run: epochs, best epoch, the held-out loss at the best epoch, the final training loss
     * and each loss term, the tables' widths and element counts.
     */
    public Table pretraining() {
        StringColumn run = StringColumn.create("run");
        IntColumn epochs = IntColumn.create("epochs");
        IntColumn best = IntColumn.create("best epoch");
        DoubleColumn held = DoubleColumn.create("held-out loss (best)");
        DoubleColumn train = DoubleColumn.create("training loss (last)");
        StringColumn terms = StringColumn.create("loss terms (last)");
        StringColumn tables = StringColumn.create("tables (elements x width)");
        for (PretrainRun r : pretrainRuns()) {
            run.append(r.label());
            epochs.append(r.history().size());
            best.append(r.bestEpoch());
            held.append(r.history().stream().filter(e -> e.epoch() == r.bestEpoch()).mapToDouble(EpochRecord::valMae)
                    .findFirst().orElse(Double.NaN));
            EpochRecord last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
            train.append(last == null ? Double.NaN : last.trainLoss());
            terms.append(last == null ? "–" : String.join(", ", last.terms().entrySet().stream().map(e ->
                    String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue())).toList()));
            List<String> ts = new ArrayList<>();
            for (Path t : r.tables()) {
                AtomEmbeddings a = AtomEmbeddings.load(t);
                ts.add(PretrainRun.tableKind(t) + " " + a.size() + " x " + a.dim());
            }
            tables.append(ts.isEmpty() ? "–" : String.join("; ", ts));
        }
        return Tables.rounded(Table.create("pretraining runs (" + runsText() + ")", run, epochs, best, held, train,
                terms, tables), 4);
    }

    /** "scale paper", "scales ci, quick": the scales of the records, for captions ("no records" without any). */
    private String scalesText() {
        List<String> scales = scales();
        return scales.isEmpty() ? "no records" : (scales.size() == 1 ? "scale " : "scales ") + String.join(", ",
                scales.stream().map(x -> x.isEmpty() ? "unrecorded" : x).toList());
    }

    /** The scales of the records of every sweep, in the order of the sweeps. */
    public List<String> scales() {
        List<String> out = new ArrayList<>();
        for (SweepFolder f : results.sweeps()) {
            f.results().forEach(r -> {
                if (!out.contains(r.scale())) {
                    out.add(r.scale());
                }
            });
        }
        return out;
    }

    /** The pretraining runs' labels, for captions. */
    private String runsText() {
        return String.join("; ", pretrainRuns().stream().map(PretrainRun::label).toList());
    }

    // ---- figures

    /** Test MAE against the label fraction, one line per condition, 95 % t intervals as error bars. */
    public XYChart maeByFraction(String id) {
        return maeByFraction(sweep(id));
    }

    /** {@link #maeByFraction(String)} of a sweep result. */
    public XYChart maeByFraction(SweepResult r) {
        XYChart c = SweepReport.metricByFraction(r.summary(), r.quantity().unit());
        c.setTitle("Test MAE against label fraction (" + r.shortLabel() + ")");
        c.setYAxisTitle("test MAE, " + r.quantity().withUnit());
        return c;
    }

    /**
     * The gain over the baseline against the label fraction, one line per condition, 95 % intervals of the paired
     * relative change as error bars ({@link SweepReport#gainByFraction}).
     *
     * @throws IllegalArgumentException if the sweep's baseline has no record yet
     */
    public XYChart gain(String id) {
        return gain(sweep(id));
    }

    /** {@link #gain(String)} of a sweep result. */
    public XYChart gain(SweepResult r) {
        if (!r.baselinePresent()) {
            throw new IllegalArgumentException(r.id() + ": the baseline " + r.baseline() + " has no record yet");
        }
        XYChart c = SweepReport.gainByFraction(r.summary(), r.baseline());
        c.setTitle("Gain in test MAE over " + r.baseline() + " (" + r.shortLabel() + ")");
        return c;
    }

    /** The conditions of a sweep that have a parity plot (a record with its test predictions), in summary order. */
    public List<String> parityConditions(String id) {
        SweepResult r = sweep(id);
        return r.summary().conditions().stream().filter(c -> r.parityRecord(c).isPresent()).toList();
    }

    /**
     * Predicted against DFT values of one condition's test crystals, from its record's
     * {@code COND__fF__sS.test-predictions.csv}: the record at the largest label fraction, lowest seed
     * ({@link SweepResult#parityRecord}). The panel gives the MAE of the file's predictions and the point count.
     *
     * @throws IllegalArgumentException if the condition has no record with test predictions
     */
    public XYChart parity(String id, String condition) {
        return parity(sweep(id), condition);
    }

    /** {@link #parity(String, String)} of a sweep result. */
    public XYChart parity(SweepResult r, String condition) {
        RecordFile rec = r.parityRecord(condition).orElseThrow(() -> new IllegalArgumentException(r.id() + ": "
                + "condition " + condition + " has no record with a test-predictions file"));
        Predictions p = rec.readTestPredictions();
        ResultRecord x = rec.record();
        Quantity q = r.quantity();
        return Charts.parity(String.format(Locale.ROOT, "%s, %s labels, seed %d (%s)", condition,
                        SweepReport.percent(x.fraction()), x.seed(), r.shortLabel()), q.axis("DFT"),
                q.axis("predicted"), q.unit(), p.truth(), p.predicted());
    }

    /**
     * The training loss per epoch (mean L1 loss over the epoch's steps, on standardised targets), one line per
     * condition: each condition's lowest seed at {@code fraction}, from the records' {@code .history.csv}.
     */
    public XYChart trainingLoss(String id, double fraction) {
        return trainingLoss(sweep(id), fraction);
    }

    /** {@link #trainingLoss(String, double)} of a sweep result. */
    public XYChart trainingLoss(SweepResult r, double fraction) {
        return curves(r, fraction, "Training loss", "training loss (standardised targets)",
                EpochRecord::trainLoss);
    }

    /** The validation MAE per epoch, one line per condition (each condition's lowest seed at {@code fraction}). */
    public XYChart validationMae(String id, double fraction) {
        return validationMae(sweep(id), fraction);
    }

    /** {@link #validationMae(String, double)} of a sweep result. */
    public XYChart validationMae(SweepResult r, double fraction) {
        return curves(r, fraction, "Validation MAE", "validation MAE"
                + (r.quantity().unit().isEmpty() ? "" : " (" + r.quantity().unit() + ")"), EpochRecord::valMae);
    }

    private static XYChart curves(SweepResult r, double fraction, String what, String yTitle,
                                  ToDoubleFunction<EpochRecord> value) {
        Map<String, double[]> series = new LinkedHashMap<>();
        List<RecordFile> recs = r.historyRecords(fraction);
        for (RecordFile rec : recs) {
            series.put(rec.condition() + " (seed " + rec.record().seed() + ")",
                    rec.readHistory().stream().mapToDouble(value).toArray());
        }
        XYChart c = Charts.curves(what + ", " + SweepReport.percent(fraction) + " labels (" + r.shortLabel() + ")",
                "epoch", yTitle, series);
        c.getStyler().setSeriesColors(Charts.PALETTE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return c;
    }

    /**
     * A pretraining run's loss terms and held-out loss per epoch ({@link ElementCharts#lossCurves}).
     *
     * @throws IllegalArgumentException if the run has no history with loss terms
     */
    public XYChart pretrainingLoss(String run) {
        return pretrainingLoss(pretrainRun(run));
    }

    /** {@link #pretrainingLoss(String)} of a run. */
    public XYChart pretrainingLoss(PretrainRun r) {
        XYChart c = ElementCharts.lossCurves("Pretraining losses per epoch (" + r.label() + ")", r.trainingHistory());
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return c;
    }

    /** The PCA map of a run's context table, coloured by block (or {@link #withColour}). */
    public XYChart pcaMap(String run) {
        return elementMap(pretrainRun(run), table(pretrainRun(run), PretrainRun.CONTEXT), false);
    }

    /** The t-SNE map (perplexity 10, 1,000 iterations, seed 0) of a run's context table. */
    public XYChart tsneMap(String run) {
        return elementMap(pretrainRun(run), table(pretrainRun(run), PretrainRun.CONTEXT), true);
    }

    /** The cosine similarity of a run's context table to {@link #element()}, as a periodic table. */
    public XYChart similarity(String run) {
        return similarity(pretrainRun(run), table(pretrainRun(run), PretrainRun.CONTEXT));
    }

    private static Path table(PretrainRun r, String file) {
        return r.tables().stream().filter(t -> t.getFileName().toString().equals(file)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("pretraining run " + r.name() + " has no " + file + " in " + r.dir()));
    }

    /** The PCA ({@code tsne} false) or t-SNE map of one of a run's tables. */
    public XYChart elementMap(PretrainRun r, Path table, boolean tsne) {
        AtomEmbeddings t = AtomEmbeddings.load(table);
        List<TableGeometry.Point> points = tsne ? TableGeometry.tsne(t, TSNE_PERPLEXITY, TSNE_ITERATIONS, TSNE_SEED)
                : TableGeometry.pca(t);
        return ElementCharts.map("Elements of the " + PretrainRun.tableKind(table) + ", " + (tsne ? "t-SNE" : "PCA")
                + " (" + r.label() + ")", points, colour);
    }

    /**
     * The cosine similarity of every element of one of a run's tables to {@link #element()}, as a periodic table.
     *
     * @throws IllegalArgumentException if the table has no vector for the element
     */
    public XYChart similarity(PretrainRun r, Path table) {
        return ElementCharts.similarityTable("Cosine similarity to " + element + ", " + PretrainRun.tableKind(table)
                + " (" + r.label() + ")", AtomEmbeddings.load(table), element);
    }

    // ---- the whole report

    /**
     * A figure of the report.
     *
     * @param id      its path under {@code figures/}, without extension (e.g. {@code mbj-cgcnn/mae-by-fraction})
     * @param caption one sentence for the index, naming the scale
     * @param chart   the chart
     */
    public record Figure(String id, String caption, Chart<?, ?> chart) {
    }

    /**
     * A table of the report.
     *
     * @param id       its file name under {@code tables/}, without extension (e.g. {@code mbj-cgcnn.headline})
     * @param caption  one sentence for the index, naming the scale
     * @param markdown the formatted table ({@code ID.md})
     * @param csv      the numbers ({@code ID.csv})
     */
    public record ReportTable(String id, String caption, Table markdown, Table csv) {
    }

    /** Every table, in the order of the index. */
    public List<ReportTable> tables() {
        List<ReportTable> out = new ArrayList<>();
        out.add(new ReportTable("sweeps", "The sweeps under " + results.root() + ": runs done of those planned, and"
                + " their machine time, the sum over runs (" + scalesText() + ").", overview(), overview()));
        for (SweepResult r : sweeps()) {
            out.add(new ReportTable(r.id() + ".headline", "Test MAE of the " + r.quantity().withUnit() + " per"
                    + " condition and label fraction, with the gain over " + r.baseline() + " and paired tests ("
                    + r.label() + ").", headline(r), headlineNumbers(r)));
            out.add(new ReportTable(r.id() + ".comparisons", "Every paired comparison of the sweep: against the"
                    + " baseline and the controls (" + r.label() + ").", comparisons(r), comparisons(r)));
            out.add(new ReportTable(r.id() + ".stopping", "How the epoch rule ended the runs: at the cap or by"
                    + " patience, and the epoch of the best validation MAE, whose weights were tested (" + r.label()
                    + ").", stopping(r), stopping(r)));
            if (!r.summary().widthControls().isEmpty()) {
                for (double f : r.summary().fractions()) {
                    out.add(new ReportTable(r.id() + ".ranking" + fractionTag(r, f), "Every condition ranked by test"
                            + " MAE of the " + r.quantity().withUnit() + " at " + SweepReport.percent(f) + " of the"
                            + " labels, with its table's width and the gain over " + r.baseline() + " and over the"
                            + " frozen random table of the same width; " + missingElements(r) + " (" + r.label()
                            + ").", ranking(r, f), headlineNumbers(r)));
                    Table vs = versusBestPublished(r, f);
                    if (vs.rowCount() > 0) {
                        out.add(new ReportTable(r.id() + ".vs-best" + fractionTag(r, f), "UNATE's tables against the"
                                + " published table with the lowest validation MAE at " + SweepReport.percent(f)
                                + " of the labels (chosen without a test set; one comparison each, raw p-values) ("
                                + r.label() + ").", vs, vs));
                    }
                }
            }
        }
        for (SweepResult r : probes()) {
            for (double f : r.summary().fractions()) {
                String id = r.id() + ".ranking" + (r.summary().fractions().size() > 1
                        ? "-f" + SweepReport.percent(f).replace(" %", "") : "");
                out.add(new ReportTable(id, "Element tables ranked by the GNN-free probe's test MAE of the "
                        + r.quantity().withUnit() + ", " + SweepReport.percent(f) + " of the labels (" + r.label()
                        + ").", probeRanking(r, f), headlineNumbers(r)));
            }
        }
        if (!pretrainRuns().isEmpty()) {
            out.add(new ReportTable("pretraining", "The pretraining runs: epochs, losses and tables (" + runsText()
                    + ").", pretraining(), pretraining()));
        }
        return out;
    }

    /** Every figure, in the order of the index; what cannot be drawn is left out and named in {@link #notes()}. */
    public List<Figure> figures() {
        return build().figures;
    }

    /** The figures whose id satisfies {@code keep}, in the order of the index. */
    private List<Chart<?, ?>> charts(Predicate<String> keep) {
        return figures().stream().filter(f -> keep.test(f.id())).<Chart<?, ?>>map(Figure::chart).toList();
    }

    /** The label fractions of a sweep's records, ascending. */
    public List<Double> fractions(String id) {
        return sweep(id).summary().fractions();
    }

    /** Every parity plot of a sweep ({@link #parity(String, String)} of each condition), as in the report. */
    public List<Chart<?, ?>> parityPlots(String id) {
        return charts(f -> f.startsWith(sweep(id).id() + "/parity-"));
    }

    /** The training-loss figure of each label fraction of a sweep ({@link #trainingLoss(String, double)}). */
    public List<Chart<?, ?>> trainingLosses(String id) {
        return charts(f -> f.startsWith(sweep(id).id() + "/training-loss-"));
    }

    /** The validation-MAE figure of each label fraction of a sweep ({@link #validationMae(String, double)}). */
    public List<Chart<?, ?>> validationCurves(String id) {
        return charts(f -> f.startsWith(sweep(id).id() + "/validation-mae-"));
    }

    /** The loss curves of every pretraining run that has them ({@link #pretrainingLoss(PretrainRun)}). */
    public List<Chart<?, ?>> pretrainingLosses() {
        return charts(f -> f.startsWith("pretraining/") && f.endsWith("/losses"));
    }

    /** The PCA maps of every table of every pretraining run (context table first). */
    public List<Chart<?, ?>> pcaMaps() {
        return charts(f -> f.startsWith("pretraining/") && f.endsWith("-pca"));
    }

    /** The t-SNE maps of every table of every pretraining run (context table first). */
    public List<Chart<?, ?>> tsneMaps() {
        return charts(f -> f.startsWith("pretraining/") && f.endsWith("-tsne"));
    }

    /** The cosine similarity to {@link #element()} of every table that has it, as periodic tables. */
    public List<Chart<?, ?>> similarities() {
        return charts(f -> f.startsWith("pretraining/") && f.contains("-similarity-"));
    }

    /** What the report leaves out and why (unreadable records, missing files, a table without the element). */
    public List<String> notes() {
        return build().notes;
    }

    private record Built(List<Figure> figures, List<String> notes) {
    }

    private Built build() {
        List<Figure> figs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SweepFolder f : results.sweeps()) {
            f.skipped().forEach((p, why) -> notes.add("`" + results.root().relativize(p) + "` is not a result record: "
                    + why));
            if (f.records().isEmpty()) {
                notes.add("sweep " + f.name() + " has no record yet.");
            }
        }
        for (SweepResult r : sweeps()) {
            String d = r.id() + "/";
            figs.add(new Figure(d + "mae-by-fraction", "Test MAE of the " + r.quantity().withUnit()
                    + " against the label fraction, mean over seeds with 95 % t intervals (" + r.label() + ").",
                    maeByFraction(r)));
            if (r.baselinePresent()) {
                figs.add(new Figure(d + "gain", "Gain in test MAE over " + r.baseline() + " (positive = lower error),"
                        + " mean of the paired relative changes with 95 % t intervals (" + r.label() + ").", gain(r)));
            } else {
                notes.add(r.id() + ": the baseline " + r.baseline() + " has no record yet: no gain figure.");
            }
            if (r.baselinePresent() && r.summary().widths().size() >= 3) {
                for (double fr : r.summary().fractions()) {
                    if (r.summary().widths().keySet().stream()
                            .anyMatch(c -> r.summary().comparison(c, r.baseline(), fr).isPresent())) {
                        figs.add(new Figure(d + "gain-by-width" + fractionTag(r, fr), "Gain in test MAE over "
                                + r.baseline() + " against the width of the element table at "
                                + SweepReport.percent(fr) + " of the labels, with 95 % t intervals; frozen random"
                                + " tables joined by a line (" + r.label() + ").", gainByWidth(r, fr)));
                    }
                }
            }
            for (String c : r.summary().conditions()) {
                Optional<RecordFile> rec = r.parityRecord(c);
                if (rec.isEmpty()) {
                    notes.add(r.id() + ": condition " + c + " has no record with test predictions: no parity plot.");
                    continue;
                }
                ResultRecord x = rec.get().record();
                XYChart chart = parity(r, c);
                double fileMae = RecordMae.of(rec.get().readTestPredictions());
                if (Math.abs(fileMae - x.metrics().mae()) > 1e-6 * Math.max(1, x.metrics().mae())) {
                    notes.add(String.format(Locale.ROOT, "%s: the MAE of %s (%.6f) differs from its record's"
                                    + " metrics.mae (%.6f).", r.id(), rec.get().testPredictionsFile().orElseThrow()
                                    .getFileName(), fileMae, x.metrics().mae()));
                }
                figs.add(new Figure(d + "parity-" + safe(c), "Predicted against DFT " + r.quantity().withUnit()
                        + " on the test crystals, " + c + ", " + SweepReport.percent(x.fraction()) + " of the labels,"
                        + " seed " + x.seed() + " (" + r.label() + ").", chart));
            }
            for (double fr : r.summary().fractions()) {
                if (r.historyRecords(fr).isEmpty()) {
                    notes.add(r.id() + ": no history at " + SweepReport.percent(fr) + " of the labels.");
                    continue;
                }
                String tag = "f" + SweepReport.percent(fr).replace(" %", "");
                figs.add(new Figure(d + "training-loss-" + tag, "Training loss per epoch at "
                        + SweepReport.percent(fr) + " of the labels, each condition's lowest seed (" + r.label()
                        + ").", trainingLoss(r, fr)));
                figs.add(new Figure(d + "validation-mae-" + tag, "Validation MAE per epoch at "
                        + SweepReport.percent(fr) + " of the labels, each condition's lowest seed (" + r.label()
                        + ").", validationMae(r, fr)));
            }
        }
        for (PretrainRun r : pretrainRuns()) {
            String d = "pretraining/" + safe(r.name()) + "/";
            if (!r.history().isEmpty() && !r.history().get(0).terms().isEmpty()) {
                figs.add(new Figure(d + "losses", "Pretraining loss terms and held-out loss per epoch (" + r.label()
                        + ").", pretrainingLoss(r)));
            } else {
                notes.add("pretraining run " + r.name() + " has no history with loss terms: no loss figure.");
            }
            for (Path t : r.tables()) {
                String kind = PretrainRun.tableKind(t);
                String k = kind.startsWith("input") ? "input" : "context";
                figs.add(new Figure(d + k + "-pca", "PCA map of the " + kind + ", coloured by "
                        + colour.name().toLowerCase(Locale.ROOT) + " (" + r.label() + ").", elementMap(r, t, false)));
                figs.add(new Figure(d + k + "-tsne", "t-SNE map of the " + kind + " (perplexity 10, 1,000"
                        + " iterations, seed 0), coloured by " + colour.name().toLowerCase(Locale.ROOT) + " ("
                        + r.label() + ").", elementMap(r, t, true)));
                AtomEmbeddings a = AtomEmbeddings.load(t);
                if (a.has(Element.of(element).z())) {
                    figs.add(new Figure(d + k + "-similarity-" + element, "Cosine similarity of every element of the "
                            + kind + " to " + element + ", as a periodic table (" + r.label() + ").",
                            similarity(r, t)));
                } else {
                    notes.add("the " + kind + " of " + r.name() + " has no vector for " + element
                            + ": no similarity figure.");
                }
            }
        }
        if (probes().isEmpty()) {
            notes.add("no probe sweep with records (results/sweeps/probe-catalogue-*; `make probes`): no ranking of"
                    + " element tables.");
        }
        return new Built(List.copyOf(figs), List.copyOf(notes));
    }

    /** The MAE of a predictions file (unweighted over its crystals, as the record's). */
    private static final class RecordMae {
        static double of(Predictions p) {
            double s = 0;
            for (int i = 0; i < p.size(); i++) {
                s += Math.abs(p.predicted()[i] - p.truth()[i]);
            }
            return p.size() == 0 ? Double.NaN : s / p.size();
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The files of a written report.
     *
     * @param index the README.md listing every table and figure
     * @param files every file written, index last
     */
    public record Written(Path index, List<Path> files) {
        public Written {
            files = List.copyOf(files);
        }
    }

    /**
     * Writes the report into {@code out}: {@code tables/ID.md} and {@code tables/ID.csv} for every table,
     * {@code figures/ID.png} and {@code figures/ID.svg} for every figure, and {@code README.md} listing them with
     * their captions (tables inline, figures as images). A folder holding an earlier report (its README.md starts
     * with {@link #HEADER}) loses its old {@code tables/} and {@code figures/} first, so that nothing stale is left;
     * any other folder is written into as it is.
     */
    public Written write(Path out) {
        Path readme = out.resolve("README.md");
        try {
            if (Files.isRegularFile(readme) && Files.readString(readme).startsWith(HEADER)) {
                for (String sub : List.of("tables", "figures")) {
                    deleteTree(out.resolve(sub));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear the old report in " + out + ": " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        List<ReportTable> tables = tables();
        Built built = build();
        for (ReportTable t : tables) {
            Path md = out.resolve("tables").resolve(t.id() + ".md");
            Path csv = out.resolve("tables").resolve(t.id() + ".csv");
            AtomicFiles.write(md, ("**" + t.caption() + "**\n\n" + Tables.markdown(t.markdown()))
                    .getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(csv, SweepReport.csv(t.csv()).getBytes(StandardCharsets.UTF_8));
            files.add(md);
            files.add(csv);
        }
        for (Figure f : built.figures()) {
            files.add(Charts.savePng(f.chart(), out.resolve("figures").resolve(f.id() + ".png")));
            files.add(Charts.saveSvg(f.chart(), out.resolve("figures").resolve(f.id() + ".svg")));
        }
        AtomicFiles.write(readme, index(tables, built).getBytes(StandardCharsets.UTF_8));
        files.add(readme);
        return new Written(readme, files);
    }

    private String index(List<ReportTable> tables, Built built) {
        StringBuilder b = new StringBuilder(HEADER).append("\n\n");
        List<String> scales = scales();
        b.append("Built by `unate report` (`make figures`) from the result files under `").append(results.root())
                .append("` only: result records, their histories and test predictions, pretraining histories and"
                        + " element tables. Records of scale").append(scales.size() == 1 ? " " : "s ")
                .append(scales.isEmpty() ? "–" : String.join(", ", scales.stream().map(s -> "`" + (s.isEmpty()
                        ? "unrecorded" : s) + "`").toList()))
                .append("; every caption and title names the scale of what it shows, and a sweep that is still"
                        + " running is shown as it stands (cells give the runs done, \"3 of 5\"). Figures are PNG (for"
                        + " notebooks and this page) and SVG (for papers), in the bundled DejaVu Sans.\n\n");
        Function<ReportTable, String> tableEntry = t -> "**Table: " + t.id() + ".** " + t.caption() + " ["
                + "Markdown](tables/" + t.id() + ".md) · [CSV](tables/" + t.id() + ".csv)\n\n"
                + Tables.markdown(t.markdown()) + "\n";
        Function<Figure, String> figureEntry = f -> "**Figure: " + f.id() + ".** " + f.caption() + " [PNG](figures/"
                + f.id() + ".png) · [SVG](figures/" + f.id() + ".svg)\n\n![" + f.id() + "](figures/" + f.id()
                + ".png)\n\n";
        b.append("## Sweeps\n\n").append(tableEntry.apply(tables.get(0)));
        for (SweepResult r : sweeps()) {
            b.append("## ").append(r.id()).append(" (").append(r.label()).append(")\n\n");
            tables.stream().filter(t -> t.id().startsWith(r.id() + ".")).forEach(t -> b.append(tableEntry.apply(t)));
            built.figures().stream().filter(f -> f.id().startsWith(r.id() + "/"))
                    .forEach(f -> b.append(figureEntry.apply(f)));
        }
        if (!probes().isEmpty()) {
            b.append("## Element tables ranked by the probe\n\n");
            for (SweepResult r : probes()) {
                tables.stream().filter(t -> t.id().startsWith(r.id() + ".")).forEach(t -> b.append(tableEntry.apply(t)));
            }
        }
        if (!pretrainRuns().isEmpty()) {
            b.append("## Pretraining and element tables\n\n");
            tables.stream().filter(t -> t.id().equals("pretraining")).forEach(t -> b.append(tableEntry.apply(t)));
            built.figures().stream().filter(f -> f.id().startsWith("pretraining/"))
                    .forEach(f -> b.append(figureEntry.apply(f)));
        }
        if (!built.notes().isEmpty()) {
            b.append("## Notes\n\n");
            built.notes().forEach(n -> b.append("- ").append(n).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
