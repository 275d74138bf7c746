package org.unate.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Holm's step-down correction of p-values for multiple comparisons (Holm, Scand. J. Statist. 6, 65 (1979)): with the
 * {@code m} finite p-values sorted ascending, {@code p_(1) <= ... <= p_(m)}, the adjusted value of the k-th is
 * {@code min(1, max_{j <= k} (m - j + 1) p_(j))}. Rejecting where the adjusted value is below alpha controls the
 * family-wise error rate at alpha, with no assumption about how the tests depend on each other. NaN p-values (a
 * comparison that could not be tested) stay NaN and do not count toward {@code m}; ties keep their input order.
 */
public final class Holm {
    private Holm() {
    }

    /** The adjusted p-values, in the order of {@code p}. */
    public static double[] adjust(double[] p) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                if (p[i] < 0 || p[i] > 1) {
                    throw new IllegalArgumentException("p-value " + i + " is outside [0, 1]: " + p[i]);
                }
                idx.add(i);
            }
        }
        idx.sort((x, y) -> Double.compare(p[x], p[y]));
        double[] out = new double[p.length];
        java.util.Arrays.fill(out, Double.NaN);
        int m = idx.size();
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1.0, (m - k) * p[idx.get(k)]));
            out[idx.get(k)] = running;
        }
        return out;
    }
}
