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

    @Test
    void aStoreWithoutTheBaselineIsRefused() {
        ResultStore s = store().filter(r -> !ResultStore.condition(r).equals("atomic-number"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSummary.of(s));
        assertTrue(e.getMessage().contains("no record of the baseline atomic-number"), e.getMessage());
    }
}
