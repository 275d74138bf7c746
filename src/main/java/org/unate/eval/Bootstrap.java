package org.unate.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of the test MAE over crystals: {@code resamples} times, draw {@code n}
 * crystals with replacement ({@code new SplittableRandom(seed)}, {@code nextInt(n)} per draw), take the MAE of the
 * draw; the interval is the {@code (1-level)/2} and {@code (1+level)/2} quantiles of those MAEs (linear interpolation
 * between order statistics, index {@code q * (resamples - 1)}). It measures test-set sampling noise for one trained
 * model, not seed-to-seed variation.
 *
 * @param mae       MAE of the full test set, property units
 * @param low       lower end of the interval
 * @param high      upper end
 * @param level     confidence level, e.g. 0.95
 * @param resamples number of bootstrap resamples
 * @param seed      seed of the resampling
 */
public record Bootstrap(double mae, double low, double high, double level, int resamples, long seed) {

    /** One line: "Bootstrap[MAE 0.4123, 95 % interval 0.3801 to 0.4470 (1000 resamples, seed 0)]". */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Bootstrap[MAE %.4f, %.0f %% interval %.4f to %.4f (%d resamples,"
                + " seed %d)]", mae, level * 100, low, high, resamples, seed);
    }

    /** Bootstrap interval of the MAE of {@code p}. */
    public static Bootstrap mae(Predictions p, int resamples, double level, long seed) {
        if (resamples < 2) {
            throw new IllegalArgumentException("need at least 2 resamples, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        double[] err = p.absoluteErrors();
        int n = err.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot bootstrap an empty set of predictions");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] maes = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += err[rng.nextInt(n)];
            }
            maes[r] = s / n;
        }
        Arrays.sort(maes);
        double full = RegressionScores.of(p).mae();
        return new Bootstrap(full, quantile(maes, (1 - level) / 2), quantile(maes, (1 + level) / 2), level, resamples,
                seed);
    }

    /** Quantile {@code q} of sorted values, linear interpolation at index {@code q * (n - 1)}. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double w = pos - lo;
        return sorted[lo] * (1 - w) + sorted[hi] * w;
    }
}
