package org.unate.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-cell summary, the relative change and Holm's correction against values computed by hand (and scipy 1.10). */
class SweepStatisticsTest {
    @Test
    void aCellsMeanSdAndTInterval() {
        // mean 3, sd sqrt(2.5); t(0.975, 4) = 2.776445; half-width 1.963243 (docs/statistics.md)
        SampleSummary s = SampleSummary.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, s.n());
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.sd(), 1e-12);
        assertEquals(1.0367568, s.ciLow(), 1e-6);
        assertEquals(4.9632432, s.ciHigh(), 1e-6);
        // MAE-like values over 4 seeds: scipy.stats.t.interval(0.95, 3, 0.32, 0.0258199 / 2)
        SampleSummary m = SampleSummary.of(new double[] {0.31, 0.35, 0.29, 0.33});
        assertEquals(0.32, m.mean(), 1e-12);
        assertEquals(0.025819888974716116, m.sd(), 1e-12);
        assertEquals(0.27891479486478243, m.ciLow(), 1e-9);
        assertEquals(0.3610852051352176, m.ciHigh(), 1e-9);
        SampleSummary one = SampleSummary.of(new double[] {0.4});
        assertEquals(0.4, one.mean());
        assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()));
        assertThrows(IllegalArgumentException.class, () -> SampleSummary.of(new double[0]));
    }

    @Test
    void theRelativeChangeIsTheMeanOfPerPairChangesWithItsTInterval() {
        // r = 0.9/1 - 1, 1.8/2 - 1, 2.85/3 - 1 = -0.1, -0.1, -0.05: mean -1/12, sd 0.0288675, t(0.975, 2) = 4.302653
        RelativeChange r = RelativeChange.of(new double[] {0.9, 1.8, 2.85}, new double[] {1, 2, 3});
        assertEquals(3, r.n());
        assertEquals(-1.0 / 12, r.mean(), 1e-12);
        assertEquals(0.028867513459481315, r.sd(), 1e-12);
        assertEquals(-0.15504421216518793, r.ciLow(), 1e-9);
        assertEquals(-0.011622454501478655, r.ciHigh(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> RelativeChange.of(new double[] {1}, new double[] {0}));
    }

    @Test
    void holmAdjustsStepDownAndLeavesNanAlone() {
        // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}),
                1e-12);
        // NaN does not count: m = 2
        double[] withNan = Holm.adjust(new double[] {0.01, Double.NaN, 0.04});
        assertEquals(0.02, withNan[0], 1e-12);
        assertTrue(Double.isNaN(withNan[1]));
        assertEquals(0.04, withNan[2], 1e-12);
        // capped at 1, and never below an earlier adjusted value
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.7}), 1e-12);
        assertArrayEquals(new double[] {0.04}, Holm.adjust(new double[] {0.04}), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {1.5}));
    }
}
