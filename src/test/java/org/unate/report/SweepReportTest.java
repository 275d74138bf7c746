package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import org.unate.experiment.SweepSummary;
import tech.tablesaw.api.Table;

/** The sweep tables and figures from records: columns, formatting, byte-stable files, images. */
class SweepReportTest {
    static ResultRecord rec(String condition, double fraction, long seed, double mae) {
        return ResultRecord.builder().dataset("d").property("p").backbone("cgcnn").features(condition)
                .fraction(fraction).seed(seed).splitHash("0123456789abcdef")
                .metrics(ResultRecord.Metrics.of(mae, mae, 0.5, mae)).codeVersion("t").created("2026-01-01T00:00:00Z")
                .extra("condition", condition).extra("scale", "quick").build();
    }

    static List<SweepSummary> summaries() {
        List<ResultRecord> rs = new ArrayList<>();
        double[][] mae = {{0.40, 0.42, 0.38}, {0.41, 0.40, 0.39}, {0.36, 0.39, 0.35}};
        String[] names = {"atomic-number", "random:frozen", "unate:frozen"};
        for (double f : new double[] {0.25, 1.0}) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < 3; s++) {
                    rs.add(rec(names[c], f, s + 1, mae[c][s] * (f == 1.0 ? 1 : 1.2)));
                }
            }
        }
        return SweepSummary.of(ResultStore.of(rs));
    }

    @Test
    void theHeadlineHasACellPerConditionAndFractionWithItsComparisons() {
        SweepSummary s = summaries().get(0);
        Table h = SweepReport.headline(s);
        assertEquals(6, h.rowCount());
        assertTrue(h.columnNames().containsAll(List.of("condition", "fraction", "n", "mae_mean", "mae_sd", "mae_ci_low",
                "mae_ci_high", "rank", "rel_change", "t_p_holm", "wilcoxon_p_holm", "vs_random:frozen_rel_change")));
        int row = 5; // unate:frozen at 100 %
        assertEquals("unate:frozen", h.stringColumn("condition").get(row));
        assertEquals(-0.08345864661654138, h.doubleColumn("rel_change").get(row), 1e-12);
        assertEquals(-0.08317177402543259, h.doubleColumn("vs_random:frozen_rel_change").get(row), 1e-12);
        assertTrue(h.doubleColumn("rel_change").isMissing(3), "the baseline has no change against itself");
        Table t = SweepReport.text(s);
        assertEquals("-8.3 % [-12.0 %, -4.7 %]", t.stringColumn("vs atomic-number").get(row));
        assertEquals("0.3667 ± 0.0208", t.stringColumn("mae (mean ± sd)").get(row));
        assertEquals("unate:frozen", SweepReport.ranked(s, 1.0).stringColumn("condition").get(0));
        assertEquals(6, SweepReport.comparisons(s).rowCount(), "2 fractions x (2 vs baseline + 1 vs control)");
    }

    @Test
    void filesAreByteStableAndFiguresRender(@TempDir Path tmp) throws Exception {
        List<Path> a = SweepReport.write(summaries(), tmp.resolve("a"));
        List<Path> b = SweepReport.write(summaries(), tmp.resolve("b"));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        }
        String csv = Files.readString(a.get(0));
        assertTrue(csv.startsWith("property,scale,condition,fraction,n,mae_mean,"), csv);
        String md = Files.readString(a.get(2));
        assertTrue(md.startsWith("## p, quick\n"), md);
        assertTrue(md.contains("Holm-adjusted over the 6 comparisons"), md);
        SweepSummary s = summaries().get(0);
        assertTrue(SweepReport.metricByFraction(s, "eV").getTitle().contains("p, quick"));
        assertTrue(Charts.image(SweepReport.metricByFraction(s, "eV")).getWidth() > 0);
        assertTrue(Charts.image(SweepReport.relativeChange(s, "atomic-number")).getWidth() > 0);
    }

    @Test
    void theGainIsTheRelativeChangeTurnedWithPointsOnlyWhereCompared() {
        SweepSummary s = summaries().get(0);
        org.knowm.xchart.XYChart c = SweepReport.gainByFraction(s, "atomic-number");
        assertEquals(List.of("random:frozen", "unate:frozen", "no change"), List.copyOf(c.getSeriesMap().keySet()));
        double[] y = c.getSeriesMap().get("unate:frozen").getYData();
        double rel = s.comparison("unate:frozen", "atomic-number", 1.0).orElseThrow().relative().mean();
        assertEquals(2, y.length, "one point per fraction compared");
        assertEquals(-100 * rel, y[1], 1e-9);
        assertTrue(y[1] > 0, "a lower MAE is a positive gain");
        assertTrue(c.getTitle().contains("p, quick"), c.getTitle());
    }
}
