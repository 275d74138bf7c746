package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unate.experiment.PairedComparison;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import tech.tablesaw.api.Table;

/** The record and comparison tables (moved here from experiment): one row each, the documented columns. */
class RecordTablesTest {
    static ResultRecord run(String condition, long seed, double mae) {
        return ResultRecord.builder().dataset("jarvis-dft3d-2021").property("mbj_bandgap").backbone("cgcnn")
                .features(condition).fraction(0.5).seed(seed).splitHash("0123456789abcdef")
                .metrics(new ResultRecord.Metrics(mae, 0.6, Double.NaN, 0.41, Map.of()))
                .epochs(20).wallS(61.5).counts(7269, 1817, 1817).codeVersion("abc1234")
                .created("2026-01-02T03:04:05Z").extra("condition", condition).extra("scale", "quick").build();
    }

    @Test
    void runsHaveOneRowPerRecordAndNotFiniteNumbersMissing() {
        List<ResultRecord> rs = List.of(run("atomic-number", 1, 0.40), run("atomic-number", 2, 0.42));
        Table t = RecordTables.runs("runs", rs);
        assertEquals(2, t.rowCount());
        assertEquals(List.of(1L, 2L), t.longColumn("seed").asList());
        assertEquals(0.42, t.doubleColumn("mae").get(1));
        assertEquals("atomic-number", t.stringColumn("features").get(0));
        assertEquals(7269, t.intColumn("n_train").get(0));
        assertTrue(t.doubleColumn("r2").isMissing(0), "NaN r2 is a missing value");
        assertTrue(t.doubleColumn("train_crystals_per_s").isMissing(0), "unmeasured throughput is missing");

        Table s = RecordTables.runs("store", ResultStore.of(rs));
        assertEquals(List.of("condition", "scale", "dataset"), s.columnNames().subList(0, 3));
        assertEquals("quick", s.stringColumn("scale").get(1));
    }

    @Test
    void comparisonsHaveOneRowPerPropertyAndFraction() {
        List<ResultRecord> rs = new ArrayList<>();
        double[] a = {0.30, 0.32, 0.31};
        double[] b = {0.35, 0.36, 0.33};
        for (int s = 0; s < 3; s++) {
            rs.add(run("unate:frozen", s, a[s]));
            rs.add(run("random:frozen", s, b[s]));
        }
        List<PairedComparison> cs = PairedComparison.compare(rs, PairedComparison.Condition.features("unate:frozen"),
                PairedComparison.Condition.features("random:frozen"), "mae");
        Table t = RecordTables.comparisons("cmp", cs);
        assertEquals(1, t.rowCount());
        assertEquals(3, t.intColumn("n").get(0));
        assertEquals(cs.get(0).stats().wilcoxonP(), t.doubleColumn("wilcoxon_p").get(0));
        assertEquals(-0.03666666666666667, t.doubleColumn("mean_diff").get(0), 1e-12);
    }
}
