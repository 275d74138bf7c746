package org.unate.report;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/** Presentation helpers for Tablesaw tables shown in notebooks and reports. */
public final class Tables {
    private Tables() {
    }

    /**
     * Shows every floating-point column of {@code table} with {@code digits} decimals (the values are unchanged;
     * only their printing is). Returns the same table, for chaining.
     */
    public static Table rounded(Table table, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0, got " + digits);
        }
        for (Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn d) {
                d.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(digits));
            }
        }
        return table;
    }
}
