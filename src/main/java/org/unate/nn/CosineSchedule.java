package org.unate.nn;

/**
 * Cosine decay from {@code max} to {@code min}: {@code lr(f) = min + (max - min) (1 + cos(pi f)) / 2} for the
 * fraction {@code f} of the budget spent (epochs or wall time), clamped to [0, 1].
 */
public record CosineSchedule(double max, double min) {
    public CosineSchedule {
        if (!(max > 0) || !(min >= 0) || min > max) {
            throw new IllegalArgumentException("cosine schedule needs 0 <= min <= max, max > 0; got " + min + ", " + max);
        }
    }

    public double at(double fraction) {
        double f = Math.max(0.0, Math.min(1.0, fraction));
        return min + (max - min) * 0.5 * (1.0 + Math.cos(Math.PI * f));
    }
}
