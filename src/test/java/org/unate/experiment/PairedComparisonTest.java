package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unate.eval.PairedStatistics;
import org.unate.experiment.PairedComparison.Condition;

class PairedComparisonTest {
    static ResultRecord run(String features, String property, double fraction, long seed, String hash, double mae) {
        return ResultRecord.builder().dataset("d").property(property).backbone("cgcnn").features(features)
                .fraction(fraction).seed(seed).splitHash(hash)
                .metrics(ResultRecord.Metrics.of(mae, mae * 1.5, 0.9, mae + 0.01))
                .codeVersion("v").created("t").build();
    }

    @Test
    void pairsByPropertyFractionSeedAndSplit() {
        List<ResultRecord> rs = new ArrayList<>();
        double[] a = {0.30, 0.32, 0.31};
        double[] b = {0.35, 0.36, 0.33};
        for (int s = 0; s < 3; s++) {
            rs.add(run("unate:frozen", "gap", 0.5, s, "h" + s, a[s]));
            rs.add(run("random:frozen", "gap", 0.5, s, "h" + s, b[s]));
        }
        rs.add(run("unate:frozen", "gap", 0.5, 7, "h7", 0.1));      // no partner
        rs.add(run("random:frozen", "gap", 0.5, 2, "other", 0.9));  // same seed, other split: no partner
        rs.add(run("random:frozen", "gap", 1.0, 0, "h0", 0.2));     // other fraction
        rs.add(run("atomic-number", "gap", 0.5, 0, "h0", 0.5));     // other condition
        List<PairedComparison> cs = PairedComparison.compare(rs, Condition.features("unate:frozen"),
                Condition.features("random:frozen"), "mae");
        assertEquals(1, cs.size());
        PairedComparison c = cs.get(0);
        assertEquals("gap", c.property());
        assertEquals(0.5, c.fraction());
        assertEquals(List.of(0L, 1L, 2L), c.pairs().stream().map(ResultRecord.PairKey::seed).toList());
        assertEquals(PairedStatistics.of(a, b), c.stats());
        assertEquals(1, c.unmatchedA());
        assertEquals(1, c.unmatchedB());
        assertEquals("*/unate:frozen", c.conditionA());

        List<PairedComparison> rmse = PairedComparison.compare(rs, Condition.features("unate:frozen"),
                Condition.features("random:frozen"), "rmse");
        assertEquals(1.5 * c.stats().meanDifference(), rmse.get(0).stats().meanDifference(), 1e-12);
    }

    @Test
    void duplicateRunsAndOverlappingConditionsAreErrors() {
        List<ResultRecord> dup = List.of(run("x", "gap", 1, 1, "h", 0.1), run("x", "gap", 1, 1, "h", 0.2),
                run("y", "gap", 1, 1, "h", 0.3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare(dup, Condition.features("x"), Condition.features("y"), "mae"));
        assertTrue(e.getMessage().contains("two runs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.compare(dup,
                new Condition("cgcnn", null), Condition.features("y"), "mae"));
    }
}
