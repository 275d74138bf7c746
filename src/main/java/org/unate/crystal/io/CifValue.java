package org.unate.crystal.io;

/**
 * One CIF value as written: its text (quotes and text-field delimiters removed), whether it was quoted (or a text
 * field), and the 1-based line where it starts.
 */
public record CifValue(String text, boolean quoted, int line) {
    /** An unquoted {@code ?} (unknown) or {@code .} (inapplicable): no value. A quoted '?' is the text "?". */
    public boolean isMissing() {
        return !quoted && (text.equals("?") || text.equals("."));
    }

    /**
     * The value as a CIF number, {@code 5.12(1)} read as 5.12 (the standard uncertainty is dropped), or NaN when it
     * is missing or not a number. Infinite when it overflows.
     */
    public double numberOrNaN() {
        return isMissing() ? Double.NaN : Numbers.cifNumberOrNaN(text);
    }
}
