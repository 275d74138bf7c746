package org.unate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.report.ElementCharts;
import org.unate.report.PaperReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code unate report}: every table and figure of the study, rebuilt from the result files under a folder. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds the report from result files only (records, their histories and test predictions, "
                + "pretraining histories, element tables) under DIR: the project's results/ (sweeps/*, "
                + "pretrained/*) or one sweep folder. Writes OUT/tables/*.md and *.csv (per sweep: MAE mean ± sd, "
                + "95 %% CI, gain over the baseline with its CI, paired t / Wilcoxon p, raw and Holm; every "
                + "comparison; the probe's ranking of element tables; a table harness's ranking with widths and "
                + "the gain over the random table of the same width), OUT/figures/*.png and *.svg (MAE against "
                + "the label fraction, gain, gain against table width, parity plots, training and pretraining "
                + "curves, element maps, cosine similarity as a periodic table) and OUT/README.md listing them all. "
                + "The same files give the same bytes; titles name the records' scale."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
            description = "The results folder (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
            description = "Where the report goes (default: ${DEFAULT-VALUE}); an earlier report there is replaced.")
    Path out;

    @Option(names = "--element", defaultValue = PaperReport.DEFAULT_ELEMENT, paramLabel = "EL",
            description = "The element of the cosine-similarity figures (default: ${DEFAULT-VALUE}).")
    String element;

    @Option(names = "--colour", defaultValue = "block", paramLabel = "block|group",
            description = "What colours the element maps: block (s, p, d, f) or group (default: ${DEFAULT-VALUE}).")
    String colour;

    @Override
    public Integer call() {
        ElementCharts.Colour c = switch (colour.trim().toLowerCase(Locale.ROOT)) {
            case "block" -> ElementCharts.Colour.BLOCK;
            case "group" -> ElementCharts.Colour.GROUP;
            default -> throw new IllegalArgumentException("--colour must be block or group, got '" + colour + "'");
        };
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException("--results " + results + ": no such folder");
        }
        if (org.unate.crystal.Element.lookup(element.trim()).isEmpty()) {
            throw new IllegalArgumentException("--element " + element + ": not an element symbol (Fe, Cu, O, ...)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + ": exists and is not a folder");
        }
        long t0 = System.nanoTime();
        PaperReport report = PaperReport.load(results).withElement(org.unate.crystal.Element.lookup(element.trim())
                .orElseThrow().symbol()).withColour(c);
        PaperReport.Written w = report.write(out);
        long tables = w.files().stream().filter(p -> p.toString().endsWith(".md") && !p.equals(w.index())).count();
        long figures = w.files().stream().filter(p -> p.toString().endsWith(".png")).count();
        System.err.printf(Locale.ROOT, "%d tables and %d figures from %s in %.1f s%n", tables, figures, results,
                (System.nanoTime() - t0) / 1e9);
        System.out.println("report: " + w.index());
        return 0;
    }
}
