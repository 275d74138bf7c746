package org.unate.crystal.io;

import org.unate.crystal.io.CrystalParseException.Reason;

/** Strict number parsing shared by the readers: decimal notation only, finite, with precise errors. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Length of the longest prefix of {@code s} (from {@code start}) that is a decimal number
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} with at least one mantissa digit; 0 if none.
     */
    static int scanDecimal(CharSequence s, int start, int end) {
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expDigits = 0;
            while (j < end && isDigit(s.charAt(j))) {
                j++;
                expDigits++;
            }
            if (expDigits > 0) {
                i = j;
            }
        }
        return i - start;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@link #isDigit(char)} for a code point (for {@code String.chars()}). */
    static boolean isDigitCode(int c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number {@code s} (no uncertainty allowed), or NaN if it is not exactly one. Infinite stays. */
    static double decimalOrNaN(String s) {
        int n = scanDecimal(s, 0, s.length());
        if (n == 0 || n != s.length()) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    /**
     * A CIF number: decimal notation with an optional standard uncertainty in parentheses, {@code 5.12(1)}. The
     * uncertainty is checked for form and dropped.
     *
     * @return the value, or NaN when {@code s} is not such a number
     */
    static double cifNumberOrNaN(String s) {
        int len = s.length();
        int n = scanDecimal(s, 0, len);
        if (n == 0) {
            return Double.NaN;
        }
        if (n < len) {
            // only "(digits)" may follow
            if (s.charAt(n) != '(' || s.charAt(len - 1) != ')' || len - n < 3) {
                return Double.NaN;
            }
            for (int i = n + 1; i < len - 1; i++) {
                if (!isDigit(s.charAt(i))) {
                    return Double.NaN;
                }
            }
        }
        return Double.parseDouble(s.substring(0, n));
    }

    /**
     * A finite decimal number or a {@link CrystalParseException} naming {@code what} and the token.
     */
    static double finite(String token, String what, int line) {
        double v = decimalOrNaN(token);
        if (Double.isNaN(v)) {
            throw new CrystalParseException(Reason.BAD_NUMBER, line,
                    "expected a number for " + what + ", got '" + Text.clip(token) + "'");
        }
        if (Double.isInfinite(v)) {
            throw new CrystalParseException(Reason.BAD_NUMBER, line,
                    "expected a finite number for " + what + ", got '" + Text.clip(token) + "' (overflows a double)");
        }
        return v;
    }

    /** A non-negative int written in plain digits, or a {@link CrystalParseException}. */
    static int count(String token, String what, int line) {
        if (token.isEmpty() || token.length() > 9) {
            throw new CrystalParseException(token.isEmpty() ? Reason.MISSING_FIELD : Reason.BAD_VALUE, line,
                    "expected a count (0..999999999) for " + what + ", got '" + Text.clip(token) + "'");
        }
        for (int i = 0; i < token.length(); i++) {
            if (!isDigit(token.charAt(i))) {
                throw new CrystalParseException(Reason.BAD_NUMBER, line,
                        "expected a whole number for " + what + ", got '" + Text.clip(token) + "'");
            }
        }
        return Integer.parseInt(token);
    }
}
