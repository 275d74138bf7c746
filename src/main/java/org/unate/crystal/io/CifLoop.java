package org.unate.crystal.io;

import java.util.List;

/**
 * A CIF {@code loop_}: column tags (lower case) and values in row-major order.
 */
public final class CifLoop {
    private final List<String> tags;
    private final CifValue[] values;
    private final int line;

    CifLoop(List<String> tags, CifValue[] values, int line) {
        this.tags = List.copyOf(tags);
        this.values = values;
        this.line = line;
    }

    /** Column tags, lower case, in file order. */
    public List<String> tags() {
        return tags;
    }

    /** Line of the {@code loop_} keyword. */
    public int line() {
        return line;
    }

    public int rows() {
        return values.length / tags.size();
    }

    /** Column index of {@code tag} (any case), -1 if absent. */
    public int column(String tag) {
        return tags.indexOf(tag.toLowerCase(java.util.Locale.ROOT));
    }

    public CifValue get(int row, int column) {
        return values[row * tags.size() + column];
    }
}
