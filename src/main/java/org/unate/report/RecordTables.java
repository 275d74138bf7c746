package org.unate.report;

import java.util.List;
import org.unate.experiment.PairedComparison;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Tablesaw tables of result records and of paired comparisons (they used to live in {@code experiment}, which now
 * holds no table code): one row per record, or per comparison. Non-finite doubles are missing values.
 */
public final class RecordTables {
    private RecordTables() {
    }

    /**
     * One row per record, in the list's order. Columns: dataset, property, backbone, features (string); fraction
     * (double); seed (long); split_hash (string); mae, rmse, r2, val_mae (double, the property's units, r2 unitless);
     * epochs (int); wall_s (seconds), train_crystals_per_s (double); n_train, n_val, n_test (int, crystals);
     * code_version, created (string).
     */
    public static Table runs(String name, List<ResultRecord> records) {
        return Table.create(name,
                StringColumn.create("dataset", records.stream().map(ResultRecord::dataset).toList()),
                StringColumn.create("property", records.stream().map(ResultRecord::property).toList()),
                StringColumn.create("backbone", records.stream().map(ResultRecord::backbone).toList()),
                StringColumn.create("features", records.stream().map(ResultRecord::features).toList()),
                DoubleColumn.create("fraction", records.stream().mapToDouble(ResultRecord::fraction).toArray()),
                LongColumn.create("seed", records.stream().mapToLong(ResultRecord::seed).toArray()),
                StringColumn.create("split_hash", records.stream().map(ResultRecord::splitHash).toList()),
                DoubleColumn.create("mae", records.stream().mapToDouble(r -> r.metrics().mae()).toArray()),
                DoubleColumn.create("rmse", records.stream().mapToDouble(r -> r.metrics().rmse()).toArray()),
                DoubleColumn.create("r2", records.stream().mapToDouble(r -> r.metrics().r2()).toArray()),
                DoubleColumn.create("val_mae", records.stream().mapToDouble(r -> r.metrics().valMae()).toArray()),
                IntColumn.create("epochs", records.stream().mapToInt(ResultRecord::epochs).toArray()),
                DoubleColumn.create("wall_s", records.stream().mapToDouble(ResultRecord::wallS).toArray()),
                DoubleColumn.create("train_crystals_per_s",
                        records.stream().mapToDouble(ResultRecord::trainCrystalsPerS).toArray()),
                IntColumn.create("n_train", records.stream().mapToInt(ResultRecord::nTrain).toArray()),
                IntColumn.create("n_val", records.stream().mapToInt(ResultRecord::nVal).toArray()),
                IntColumn.create("n_test", records.stream().mapToInt(ResultRecord::nTest).toArray()),
                StringColumn.create("code_version", records.stream().map(ResultRecord::codeVersion).toList()),
                StringColumn.create("created", records.stream().map(ResultRecord::created).toList()));
    }

    /** {@link #runs(String, List)} of a store's records, with its condition and scale as the first two columns. */
    public static Table runs(String name, ResultStore store) {
        Table t = runs(name, store.records());
        t.insertColumn(0, StringColumn.create("condition", store.records().stream().map(ResultStore::condition)
                .toList()));
        t.insertColumn(1, StringColumn.create("scale", store.records().stream().map(ResultStore::scale).toList()));
        return t;
    }

    /**
     * One row per comparison: property, fraction, metric, a, b, n (pairs), mean_a, mean_b, mean_diff, ci_low,
     * ci_high (of A - B, the metric's units), t_test_p, wilcoxon_p, unmatched_a, unmatched_b.
     */
    public static Table comparisons(String name, List<PairedComparison> rows) {
        return Table.create(name,
                StringColumn.create("property", rows.stream().map(PairedComparison::property).toList()),
                DoubleColumn.create("fraction", rows.stream().mapToDouble(PairedComparison::fraction).toArray()),
                StringColumn.create("metric", rows.stream().map(PairedComparison::metric).toList()),
                StringColumn.create("a", rows.stream().map(PairedComparison::conditionA).toList()),
                StringColumn.create("b", rows.stream().map(PairedComparison::conditionB).toList()),
                IntColumn.create("n", rows.stream().mapToInt(r -> r.stats().n()).toArray()),
                DoubleColumn.create("mean_a", rows.stream().mapToDouble(r -> r.stats().meanA()).toArray()),
                DoubleColumn.create("mean_b", rows.stream().mapToDouble(r -> r.stats().meanB()).toArray()),
                DoubleColumn.create("mean_diff", rows.stream().mapToDouble(r -> r.stats().meanDifference()).toArray()),
                DoubleColumn.create("ci_low", rows.stream().mapToDouble(r -> r.stats().ciLow()).toArray()),
                DoubleColumn.create("ci_high", rows.stream().mapToDouble(r -> r.stats().ciHigh()).toArray()),
                DoubleColumn.create("t_test_p", rows.stream().mapToDouble(r -> r.stats().tTestP()).toArray()),
                DoubleColumn.create("wilcoxon_p", rows.stream().mapToDouble(r -> r.stats().wilcoxonP()).toArray()),
                IntColumn.create("unmatched_a", rows.stream().mapToInt(PairedComparison::unmatchedA).toArray()),
                IntColumn.create("unmatched_b", rows.stream().mapToInt(PairedComparison::unmatchedB).toArray()));
    }
}
