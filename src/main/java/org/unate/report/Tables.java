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

    /**
     * The table as GitHub Markdown: a header row, a separator, one row per table row; cells are the columns' printed
     * values ({@link Column#getString}), with {@code |} escaped.
     */
    public static String markdown(Table table) {
        StringBuilder b = new StringBuilder("|");
        for (Column<?> c : table.columns()) {
            b.append(' ').append(cell(c.name())).append(" |");
        }
        b.append("\n|");
        for (int k = 0; k < table.columnCount(); k++) {
            b.append(" --- |");
        }
        b.append('\n');
        for (int r = 0; r < table.rowCount(); r++) {
            b.append('|');
            for (Column<?> c : table.columns()) {
                b.append(' ').append(cell(c.getString(r))).append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
