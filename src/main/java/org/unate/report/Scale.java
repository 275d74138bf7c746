package org.unate.report;

import java.util.Locale;

/**
 * How much of the data a notebook or report uses: {@code ci} (a small, fast slice for the test suite) or
 * {@code full} (everything), read from the environment variable {@code UNATE_SCALE} (default {@code full}).
 */
public enum Scale {
    CI, FULL;

    /** The scale of this process: {@code UNATE_SCALE} or the system property {@code unate.scale}. */
    public static Scale current() {
        String v = System.getProperty("unate.scale", System.getenv("UNATE_SCALE"));
        if (v == null || v.isBlank()) {
            return FULL;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "ci" -> CI;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("UNATE_SCALE must be 'ci' or 'full', got '" + v + "'");
        };
    }

    /** {@code ci} at CI scale, {@code full} otherwise. */
    public int pick(int ci, int full) {
        return this == CI ? ci : full;
    }

    /** {@code ci} at CI scale, {@code full} otherwise (any kind of value: a run spec, a path, ...). */
    public <T> T pick(T ci, T full) {
        return this == CI ? ci : full;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
