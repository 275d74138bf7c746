package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistics of a small sweep, against values computed by hand and with scipy 1.10 (ttest_rel, wilcoxon). */
class SweepSummaryTest {
    static ResultRecord rec(String condition, double fraction, long seed, double mae, String scale) {
        return ResultRecord.builder().dataset("d").property("p").backbone("cgcnn").features(condition + "-spec")
                .fraction(fraction).seed(seed).splitHash("0123456789abcdef")
                .metrics(ResultRecord.Metrics.of(mae, mae, 0.5, mae)).codeVersion("test").created("2026-01-01T00:00:00Z")
                .extra("condition", condition).extra("scale", scale).build();
    }

    /** Three seeds: atomic-number 0.40 0.42 0.38, random:frozen 0.41 0.40 0.39, unate:frozen 0.36 0.39 0.35. */
    static ResultStore store() {
        double[][] mae = {{0.40, 0.42, 0.38}, {0.41, 0.40, 0.39}, {0.36, 0.39, 0.35}};
        String[] names = {"atomic-number", "random:frozen", "unate:frozen"};
        List<ResultRecord> records = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < 3; s++) {
                records.add(rec(names[c], 1.0, s + 1, mae[c][s], "quick"));
            }
        }
        records.add(rec("unate:frozen", 0.25, 1, 0.5, "quick")); // no baseline run at 25 %: no comparison there
        return ResultStore.of(records);
    }

    @Test
    void cellsComparisonsAndHolmOverTheSweep() {
        List<SweepSummary> all = SweepSummary.of(store());
        assertEquals(1, all.size());
        SweepSummary s = all.get(0);
        assertEquals("p, quick", s.label());
        assertEquals(List.of("random:frozen"), s.controls());

        SweepSummary.Cell u = s.cell("unate:frozen", 1.0).orElseThrow();
        assertEquals(3, u.stats().n());
        assertEquals(0.3666666666666667, u.stats().mean(), 1e-12);
        assertEquals(0.020816659994661344, u.stats().sd(), 1e-12);
        assertEquals(0.31495521653929925, u.stats().ciLow(), 1e-9);
        assertEquals(0.41837811679403414, u.stats().ciHigh(), 1e-9);
        assertEquals(1, u.rank());
        assertEquals(1, s.cell("unate:frozen", 0.25).orElseThrow().stats().n());

        // unate vs the baseline, random vs the baseline, unate vs the control; nothing at 25 % (no partner)
        assertEquals(3, s.comparisons().size());
        SweepSummary.Comparison ua = s.comparison("unate:frozen", "atomic-number", 1.0).orElseThrow();
        assertEquals(-1.0 / 30, ua.stats().meanDifference(), 1e-12);
        assertEquals(0.009852457023325756, ua.stats().tTestP(), 1e-9);
        assertEquals(0.25, ua.stats().wilcoxonP(), 1e-12);
        assertEquals(-0.08345864661654138, ua.relative().mean(), 1e-12);
        assertEquals(-0.12024950238199757, ua.relative().ciLow(), 1e-9);
        assertEquals(-0.0466677908510852, ua.relative().ciHigh(), 1e-9);
        SweepSummary.Comparison ur = s.comparison("unate:frozen", "random:frozen", 1.0).orElseThrow();
        assertEquals(0.10912919362525193, ur.stats().tTestP(), 1e-9);
        assertEquals(-0.08317177402543259, ur.relative().mean(), 1e-12);
        SweepSummary.Comparison ra = s.comparison("random:frozen", "atomic-number", 1.0).orElseThrow();
        assertEquals(1.0, ra.stats().tTestP(), 1e-9);
        assertEquals(1.0, ra.stats().wilcoxonP(), 1e-12);
        assertTrue(s.comparison("random:frozen", "unate:frozen", 1.0).isEmpty(), "controls are not compared with others");

        // Holm over the three comparisons: t 1.0, 0.0296, 0.2183; Wilcoxon 1.0, 0.75, 0.75
        assertEquals(0.02955737106997727, ua.tHolm(), 1e-9);
        assertEquals(0.21825838725050387, ur.tHolm(), 1e-9);
        assertEquals(1.0, ra.tHolm(), 1e-9);
        assertEquals(0.75, ua.wilcoxonHolm(), 1e-12);
        assertEquals(0.75, ur.wilcoxonHolm(), 1e-12);
        assertEquals(1.0, ra.wilcoxonHolm(), 1e-12);
    }

    static ResultRecord withTable(ResultRecord r, String kind, boolean trainable, int width) {
        java.util.Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("kind", kind);
        t.put("trainable", trainable);
        if (width > 0) {
            t.put("width", width);
        }
        return r.withExtra("node_table", t);
    }

    @Test
    void aTableIsComparedWithTheFrozenRandomTableOfItsWidth() {
        List<ResultRecord> records = new ArrayList<>();
        double[][] mae = {{0.40, 0.42, 0.38}, {0.41, 0.43, 0.40}, {0.37, 0.40, 0.36}, {0.39, 0.41, 0.37},
            {0.38, 0.42, 0.36}, {0.39, 0.39, 0.38}};
        for (int s = 0; s < 3; s++) {
            records.add(withTable(rec("atomic-number", 0.25, s + 1, mae[0][s], "paper"), "atomic-number", true, 0));
            records.add(withTable(rec("random:frozen:w16", 0.25, s + 1, mae[1][s], "paper"), "random", false, 16));
            records.add(withTable(rec("table:megnet16", 0.25, s + 1, mae[2][s], "paper"), "table", false, 16));
            records.add(withTable(rec("table:cgcnn-92", 0.25, s + 1, mae[3][s], "paper"), "table", false, 92));
            records.add(withTable(rec("random:trainable:w16", 0.25, s + 1, mae[4][s], "paper"), "random", true, 16));
            records.add(withTable(rec("shuffled:w16", 0.25, s + 1, mae[5][s], "paper"), "shuffled", false, 16));
        }
        SweepSummary s = SweepSummary.of(ResultStore.of(records), "mae", "atomic-number", List.of()).get(0);
        assertEquals(5, s.widths().size(), "every condition but atomic-number has a table width");
        assertEquals(16, s.widths().get("table:megnet16"));
        // megnet16 and the shuffled table have a random table of their width; cgcnn-92 has none; random tables none
        assertEquals(java.util.Map.of("table:megnet16", "random:frozen:w16", "shuffled:w16", "random:frozen:w16"),
                s.widthControls());
        assertEquals("random:frozen:w16", s.widthControl("table:megnet16").orElseThrow());
        assertTrue(s.widthControl("table:cgcnn-92").isEmpty());
        SweepSummary.Comparison m = s.comparison("table:megnet16", "random:frozen:w16", 0.25).orElseThrow();
        // paired differences -0.04, -0.03, -0.04
        assertEquals(-0.11 / 3, m.stats().meanDifference(), 1e-12);
        assertTrue(s.comparison("random:trainable:w16", "random:frozen:w16", 0.25).isEmpty());
        // five against the baseline and two against the random table of the same width, Holm over all seven
        assertEquals(7, s.comparisons().size());
        double[] raw = s.comparisons().stream().mapToDouble(c -> c.stats().tTestP()).toArray();
        double[] holm = org.unate.eval.Holm.adjust(raw);
        assertEquals(holm[s.comparisons().indexOf(m)], m.tHolm(), 1e-12);
    }

    @Test
    void recordsWithoutANodeTableHaveNoWidthsAndNoWidthComparisons() {
        SweepSummary s = SweepSummary.of(store()).get(0);
        assertTrue(s.widths().isEmpty());
        assertTrue(s.widthControls().isEmpty());
        assertEquals(3, s.comparisons().size());
    }

    @Test
    void aStoreWithoutTheBaselineIsRefused() {
        ResultStore s = store().filter(r -> !ResultStore.condition(r).equals("atomic-number"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSummary.of(s));
        assertTrue(e.getMessage().contains("no record of the baseline atomic-number"), e.getMessage());
    }
}
