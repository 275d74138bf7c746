package org.unate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected values from scipy 1.10 (stats.ttest_1samp, stats.t.ppf, stats.wilcoxon exact) and by hand. */
class PairedStatisticsTest {
    @Test
    void allPositiveDifferences() {
        // d = 1, 2, 3, 4, 5: mean 3, sd sqrt(2.5), t = 4.2426 on 4 df
        double[] b = {10, 10, 10, 10, 10};
        double[] a = {11, 12, 13, 14, 15};
        PairedStatistics s = PairedStatistics.of(a, b);
        assertEquals(5, s.n());
        assertEquals(3.0, s.meanDifference(), 1e-12);
        assertEquals(13.0, s.meanA(), 1e-12);
        assertEquals(10.0, s.meanB(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.sdDifference(), 1e-12);
        double half = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3 - half, s.ciLow(), 1e-9);
        assertEquals(3 + half, s.ciHigh(), 1e-9);
        assertEquals(0.013235599563682695, s.tTestP(), 1e-9);
        assertEquals(2.0 / 32, s.wilcoxonP(), 1e-12); // exact: only the all-positive sign pattern is as extreme
    }

    @Test
    void mixedSignDifferences() {
        double[] d = {0.5, -0.2, 0.3, 0.4, -0.1, 0.6};
        double[] b = {1, 2, 3, 4, 5, 6};
        double[] a = new double[6];
        for (int i = 0; i < 6; i++) {
            a[i] = b[i] + d[i];
        }
        PairedStatistics s = PairedStatistics.of(a, b);
        assertEquals(0.25, s.meanDifference(), 1e-12);
        assertEquals(0.32710854467592254, s.sdDifference(), 1e-12);
        assertEquals(-0.09327936502808132, s.ciLow(), 1e-9);
        assertEquals(0.5932793650280813, s.ciHigh(), 1e-9);
        assertEquals(0.1200926216747337, s.tTestP(), 1e-9);
        // W- = 1 + 2 = 3; sign patterns with W+ >= 18 of 64: 5, two-sided 10/64
        assertEquals(0.15625, s.wilcoxonP(), 1e-12);
    }

    @Test
    void swappingConditionsFlipsTheSignOnly() {
        double[] a = {0.31, 0.35, 0.30, 0.33};
        double[] b = {0.34, 0.36, 0.35, 0.33};
        PairedStatistics ab = PairedStatistics.of(a, b);
        PairedStatistics ba = PairedStatistics.of(b, a);
        assertEquals(-ab.meanDifference(), ba.meanDifference(), 1e-15);
        assertEquals(-ab.ciHigh(), ba.ciLow(), 1e-12);
        assertEquals(ab.tTestP(), ba.tTestP(), 1e-12);
        assertEquals(ab.wilcoxonP(), ba.wilcoxonP(), 1e-12);
    }

    @Test
    void zeroDifferencesAreDroppedFromTheWilcoxonTest() {
        // d = 1..5 plus a zero: with the zero dropped, the exact p of d = 1..5, 2/32, whichever side is A
        PairedStatistics s = PairedStatistics.of(new double[] {11, 12, 13, 14, 15, 7}, new double[] {10, 10, 10, 10, 10, 7});
        assertEquals(6, s.n());
        assertEquals(2.0 / 32, s.wilcoxonP(), 1e-12);
        assertEquals(2.0 / 32, PairedStatistics.of(new double[] {10, 10, 10, 10, 10, 7},
                new double[] {11, 12, 13, 14, 15, 7}).wilcoxonP(), 1e-12);
    }

    @Test
    void degenerateInputsGiveNaNNotExceptions() {
        PairedStatistics one = PairedStatistics.of(new double[] {1}, new double[] {2});
        assertEquals(-1, one.meanDifference());
        assertTrue(Double.isNaN(one.ciLow()) && Double.isNaN(one.tTestP()));
        assertEquals(1.0, one.wilcoxonP(), 1e-12); // one nonzero pair: both signs equally likely
        PairedStatistics same = PairedStatistics.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(0, same.meanDifference());
        assertTrue(Double.isNaN(same.tTestP()) && Double.isNaN(same.wilcoxonP()));
        assertThrows(IllegalArgumentException.class, () -> PairedStatistics.of(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PairedStatistics.of(new double[0], new double[0]));
    }

    /** d = 0.01, -0.02, 0.01: tied |d| push Commons Math's doubled one-sided value to 1.25; the p-value is capped at 1. */
    @Test
    void theWilcoxonPValueIsCappedAtOne() {
        PairedStatistics s = PairedStatistics.of(new double[] {0.41, 0.40, 0.39}, new double[] {0.40, 0.42, 0.38});
        assertEquals(1.0, s.wilcoxonP(), 0.0);
    }
}
