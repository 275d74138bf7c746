package org.unate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.unate.experiment.ResultStore;
import org.unate.experiment.SweepSummary;
import org.unate.report.SweepReport;
import org.unate.report.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unate summarize}: the headline table of a folder of result records, with CIs and p-values; CSV too. */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads every result record under DIR (a sweep folder, or a folder of sweeps) and prints, per "
                + "property and scale, the headline table: per condition and label fraction n, MAE mean ± sd, 95 %% CI, "
                + "rank, the relative change against the baseline and each control with its 95 %% CI, and paired t / "
                + "Wilcoxon p-values, raw and Holm-adjusted over the sweep's comparisons. Writes summary.csv, "
                + "comparisons.csv and summary.md."})
final class SummarizeCommand implements Callable<Integer> {
    @Option(names = "--results", required = true, paramLabel = "DIR", description = "Folder of result records.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the CSV and Markdown files go (default: DIR).")
    Path out;

    @Option(names = "--metric", defaultValue = "mae", paramLabel = "NAME",
            description = "Metric compared: mae, rmse, r2, val_mae (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--baseline", paramLabel = "CONDITION",
            description = "Baseline condition (default: the sweep's, from DIR/sweep.json, else atomic-number).")
    String baseline;

    @Option(names = "--controls", split = ",", paramLabel = "CONDITION",
            description = "Control conditions (default: the sweep's, else random:frozen, random:trainable, shuffled)")
    List<String> controls;

    @Option(names = "--ranked", description = "Also print, per label fraction, the conditions by rank (lowest first).")
    boolean ranked;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException("--results " + results + ": no such folder");
        }
        String base = baseline;
        List<String> ctrl = controls;
        List<String> order = new ArrayList<>();
        Path sweepJson = results.resolve("sweep.json");
        if (Files.isRegularFile(sweepJson)) {
            JsonNode cfg = new ObjectMapper().readTree(sweepJson.toFile()).path("config");
            if (base == null && cfg.hasNonNull("baseline")) {
                base = cfg.get("baseline").asText();
            }
            for (JsonNode c : cfg.path("conditions")) {
                order.add(c.isTextual() ? c.asText() : c.path("name").asText());
            }
            if (ctrl == null && cfg.has("controls")) {
                ctrl = new ArrayList<>();
                for (JsonNode c : cfg.get("controls")) {
                    ctrl.add(c.asText());
                }
            }
        }
        ResultStore store = ResultStore.read(results);
        if (store.size() == 0) {
            throw new IllegalArgumentException("--results " + results + ": no result record under it");
        }
        System.err.printf("%d records under %s (%d other .json files left aside)%n", store.size(), results,
                store.skipped().size());
        List<SweepSummary> sums = SweepSummary.of(store, metric, base == null ? "atomic-number" : base, ctrl,
                order);
        System.out.print(SweepReport.markdown(sums));
        if (ranked) {
            for (SweepSummary s : sums) {
                for (double f : s.fractions()) {
                    System.out.printf("### %s, %s of the labels, by rank%n%n%s%n", s.label(),
                            percent(f),
                            Tables.markdown(SweepReport.ranked(s, f)));
                }
            }
        }
        for (Path p : SweepReport.write(sums, out != null ? out : results)) {
            System.err.println("wrote " + p);
        }
        return 0;
    }

    private static String percent(double f) {
        return Math.round(100 * f * 10) / 10.0 + " %";
    }
}
