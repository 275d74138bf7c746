package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.unate.experiment.ResultRecord;
import tech.tablesaw.api.Table;

/**
 * The report of a table harness (many element tables, each with a frozen random table of its width): the ranking
 * with widths and both gains, the gain-against-width figure and the missing-element note, from records written here.
 */
class TableHarnessReportTest {
    @TempDir
    Path tmp;

    /** condition, kind, width (0: none), MAE of seeds 1-3 at 25 %. */
    private static final Object[][] RUNS = {
        {"atomic-number", "atomic-number", 0, new double[] {0.50, 0.52, 0.54}},
        {"random:frozen:w16", "random", 16, new double[] {0.51, 0.53, 0.54}},
        {"table:megnet16", "table", 16, new double[] {0.45, 0.46, 0.48}},
        {"random:frozen", "random", 128, new double[] {0.49, 0.51, 0.53}},
        {"unate:frozen", "unate", 128, new double[] {0.47, 0.49, 0.50}},
        {"table:mat2vec", "table", 200, new double[] {0.48, 0.50, 0.51}},
    };

    private Path results() throws Exception {
        Path records = tmp.resolve("results/sweeps/toy-tables/records");
        Files.createDirectories(records);
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("policy", "drop");
        missing.put("scope", "every condition of the sweep");
        missing.put("tables", Map.of("table:megnet16", Map.of("table", "megnet16", "elements", Map.of("Ne", 3))));
        missing.put("dropped", Map.of("train", 20, "val", 2, "test", 3));
        for (Object[] run : RUNS) {
            double[] mae = (double[]) run[3];
            for (int s = 0; s < 3; s++) {
                Map<String, Object> table = new LinkedHashMap<>();
                table.put("kind", run[1]);
                table.put("trainable", run[1].equals("atomic-number"));
                if ((int) run[2] > 0) {
                    table.put("width", run[2]);
                }
                ResultRecord r = ResultRecord.builder().dataset("jarvis-dft3d-2021").property("mbj_bandgap")
                        .backbone("cgcnn").features((String) run[0]).fraction(0.25).seed(s + 1)
                        .splitHash("0123456789abcdef").metrics(ResultRecord.Metrics.of(mae[s], mae[s], 0.8,
                                run[0].equals("table:mat2vec") ? mae[s] - 0.1 : mae[s]))
                        .codeVersion("test").created("2026-01-01T00:00:00Z").extra("condition", run[0])
                        .extra("scale", "paper").extra("sweep", "toy-tables").extra("node_table", table)
                        .extra("missing_element", missing).build();
                r.write(records.resolve(r.defaultFileName()));
            }
        }
        return tmp.resolve("results");
    }

    @Test
    void theRankingGivesWidthsAndTheGainOverTheRandomTableOfTheSameWidth() throws Exception {
        PaperReport report = PaperReport.load(results());
        SweepResult r = report.sweep("toy-tables");
        Table t = report.ranking(r, 0.25);
        assertEquals(List.of("table:megnet16", "unate:frozen", "table:mat2vec", "random:frozen", "atomic-number",
                "random:frozen:w16"), t.stringColumn("condition").asList());
        assertEquals(List.of("16", "128", "200", "128", "–", "16"), t.stringColumn("width").asList());
        assertEquals(List.of("random:frozen:w16", "random:frozen", "–", "–", "–", "–"),
                t.stringColumn("random table of its width").asList());
        // megnet16 against random:frozen:w16, pair by pair
        double[] rel = {(0.45 - 0.51) / 0.51, (0.46 - 0.53) / 0.53, (0.48 - 0.54) / 0.54};
        double mean = -(rel[0] + rel[1] + rel[2]) / 3;
        assertTrue(t.stringColumn("gain vs it [95 % CI]").get(0).startsWith(String.format(java.util.Locale.ROOT,
                "%+.1f %%", 100 * mean)), t.stringColumn("gain vs it [95 % CI]").get(0));
        assertEquals("baseline", t.stringColumn("gain vs atomic-number [95 % CI]").get(4));
        assertEquals("–", t.stringColumn("gain vs it [95 % CI]").get(2), "no random table of width 200");

        String missing = PaperReport.missingElements(r);
        assertTrue(missing.contains("drop") && missing.contains("3 test crystals") && missing.contains("Ne"), missing);
    }

    @Test
    void unateIsComparedWithThePublishedTableThatIsBestOnValidationNotOnTest() throws Exception {
        PaperReport report = PaperReport.load(results());
        Table t = report.versusBestPublished(report.sweep("toy-tables"), 0.25);
        // megnet16 has the lowest test MAE, mat2vec the lowest validation MAE: the choice is mat2vec
        assertEquals(List.of("unate:frozen"), t.stringColumn("condition").asList());
        assertEquals("table:mat2vec", t.stringColumn("best published table (by validation MAE)").get(0));
        assertEquals("3", t.stringColumn("pairs").get(0));
        double gain = -100 * ((0.47 - 0.48) / 0.48 + (0.49 - 0.50) / 0.50 + (0.50 - 0.51) / 0.51) / 3;
        assertTrue(t.stringColumn("gain over it, test MAE [95 % CI]").get(0).startsWith(String.format(
                java.util.Locale.ROOT, "%+.1f %%", gain)), t.stringColumn("gain over it, test MAE [95 % CI]").get(0));
    }

    @Test
    void aUnateTableWithoutRunsAtAFractionGetsNoRowThere() throws Exception {
        Path results = results();
        Path records = results.resolve("sweeps/toy-tables/records");
        for (String condition : List.of("atomic-number", "table:mat2vec")) {
            for (int s = 1; s <= 3; s++) {
                ResultRecord r = ResultRecord.builder().dataset("jarvis-dft3d-2021").property("mbj_bandgap")
                        .backbone("cgcnn").features(condition).fraction(1.0).seed(s).splitHash("0123456789abcdef")
                        .metrics(ResultRecord.Metrics.of(0.3, 0.3, 0.9, 0.3)).codeVersion("test")
                        .created("2026-01-01T00:00:00Z").extra("condition", condition).extra("scale", "paper")
                        .extra("sweep", "toy-tables").extra("node_table", Map.of("kind",
                                condition.equals("atomic-number") ? "atomic-number" : "table", "trainable", false))
                        .build();
                r.write(records.resolve(r.defaultFileName()));
            }
        }
        PaperReport report = PaperReport.load(results);
        assertEquals(1, report.versusBestPublished(report.sweep("toy-tables"), 0.25).rowCount());
        assertEquals(0, report.versusBestPublished(report.sweep("toy-tables"), 1.0).rowCount(),
                "unate:frozen ran at 25 % only");
    }

    @Test
    void theGainAgainstWidthFigureGroupsTablesByKindOnALogAxis() throws Exception {
        PaperReport report = PaperReport.load(results());
        SweepResult r = report.sweep("toy-tables");
        XYChart c = report.gainByWidth(r, 0.25);
        assertEquals("16", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(4.0));
        assertEquals("", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(4.5));
        assertTrue(c.getSeriesMap().keySet().containsAll(List.of("published tables", "UNATE", "random, frozen")),
                c.getSeriesMap().keySet().toString());
        // log2 of the widths; at 16 and at 128 a table and a random table set 0.1 apart, the random one second
        assertEquals(List.of(4.05, 7.05), java.util.Arrays.stream(c.getSeriesMap().get("random, frozen").getXData())
                .map(v -> Math.round(v * 1000) / 1000.0).boxed().toList());
        assertEquals(List.of(3.95, Math.round(1000 * Math.log(200) / Math.log(2)) / 1000.0), java.util.Arrays.stream(
                c.getSeriesMap().get("published tables").getXData()).map(v -> Math.round(v * 1000) / 1000.0).boxed()
                .toList());
        double megnet = -100 * (((0.45 - 0.50) / 0.50) + ((0.46 - 0.52) / 0.52) + ((0.48 - 0.54) / 0.54)) / 3;
        assertEquals(megnet, c.getSeriesMap().get("published tables").getYData()[0], 1e-9);
    }

    @Test
    void theReportWritesTheRankingAndTheFigureAndSaysWhatWasDropped() throws Exception {
        PaperReport.Written w = PaperReport.load(results()).write(tmp.resolve("report"));
        Path ranking = tmp.resolve("report/tables/toy-tables.ranking.md");
        assertTrue(Files.isRegularFile(ranking), w.files().toString());
        assertTrue(Files.isRegularFile(tmp.resolve("report/figures/toy-tables/gain-by-width.png")));
        assertTrue(Files.isRegularFile(tmp.resolve("report/tables/toy-tables.vs-best.md")));
        String index = Files.readString(w.index());
        assertTrue(index.contains("3 test crystals left out of every condition"), index);
        assertTrue(index.contains("table:megnet16 lacks Ne"), index);
    }

    @Test
    void aSweepWithoutWidthsHasNoGainAgainstWidthFigure() {
        PaperReport report = PaperReport.load(PaperReportTest.RESULTS);
        SweepResult r = report.sweep("toy-cgcnn");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> report.gainByWidth(r, 1.0));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        assertFalse(report.figures().stream().anyMatch(f -> f.id().contains("gain-by-width")));
    }
}
