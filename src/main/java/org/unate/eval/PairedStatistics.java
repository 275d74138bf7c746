package org.unate.eval;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Paired comparison of two conditions measured on the same units (seeds sharing a split): differences
 * {@code d_i = a_i - b_i}, their mean with a two-sided Student-t confidence interval, the paired t-test p-value and the
 * Wilcoxon signed-rank p-value, all from Commons Math 3.6.1. See {@code docs/statistics.md}.
 * <p>Conventions: with MAE as the metric, a negative {@code meanDifference} means condition A has the lower (better)
 * error. p-values are two-sided. With fewer than 2 pairs, or when every difference is equal (zero variance), the
 * interval and t-test p-value are NaN. The Wilcoxon test follows Wilcoxon's original treatment of zeros (scipy's
 * {@code zero_method="wilcox"}, its default): pairs with a zero difference are dropped first (Commons Math would rank them
 * and count them toward W-, which makes the p-value depend on which condition is called A). On the remaining
 * {@code m} pairs the p-value is exact for {@code m <= }{@value #WILCOXON_EXACT_MAX_N} and from the normal
 * approximation above; tied absolute differences get their average rank, and the exact distribution assumes no ties,
 * so with ties it is an approximation. It is NaN when every difference is zero.
 *
 * @param n              number of pairs
 * @param meanA          mean of condition A
 * @param meanB          mean of condition B
 * @param meanDifference mean of {@code a - b}
 * @param sdDifference   sample standard deviation of {@code a - b} (n - 1 denominator)
 * @param ciLow          lower end of the confidence interval of the mean difference
 * @param ciHigh         upper end
 * @param level          confidence level of the interval, e.g. 0.95
 * @param tTestP         two-sided paired t-test p-value
 * @param wilcoxonP      two-sided Wilcoxon signed-rank p-value (zero differences dropped)
 */
public record PairedStatistics(int n, double meanA, double meanB, double meanDifference, double sdDifference,
                               double ciLow, double ciHigh, double level, double tTestP, double wilcoxonP) {
    /** Largest number of pairs for which the Wilcoxon p-value is computed exactly (Commons Math's limit). */
    public static final int WILCOXON_EXACT_MAX_N = 30;

    /** {@link #of(double[], double[], double)} at the 95 % level. */
    public static PairedStatistics of(double[] a, double[] b) {
        return of(a, b, 0.95);
    }

    /**
     * Statistics of the pairs {@code (a[i], b[i])}.
     *
     * @param level confidence level of the interval, in (0, 1)
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold non-finite values
     */
    public static PairedStatistics of(double[] a, double[] b, double level) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("no pairs to compare");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        int n = a.length;
        double[] d = new double[n];
        boolean allZero = true;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException("pair " + i + " holds a non-finite value: " + a[i] + ", " + b[i]);
            }
            d[i] = a[i] - b[i];
            allZero &= d[i] == 0.0;
        }
        double meanD = new Mean().evaluate(d);
        double sd = n > 1 ? new StandardDeviation(true).evaluate(d) : Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        double tp = Double.NaN;
        if (n > 1 && sd > 0) {
            double tCrit = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + level / 2);
            double half = tCrit * sd / Math.sqrt(n);
            lo = meanD - half;
            hi = meanD + half;
            tp = new TTest().pairedTTest(a, b);
        }
        double wp = Double.NaN;
        if (!allZero) {
            int m = 0;
            for (double x : d) {
                m += x != 0.0 ? 1 : 0;
            }
            double[] a2 = new double[m];
            double[] b2 = new double[m];
            for (int i = 0, j = 0; i < n; i++) {
                if (d[i] != 0.0) {
                    a2[j] = a[i];
                    b2[j++] = b[i];
                }
            }
            // Commons Math doubles a one-sided probability; with tied |d| that can pass 1, so cap it as documented
            wp = Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a2, b2, m <= WILCOXON_EXACT_MAX_N));
        }
        return new PairedStatistics(n, new Mean().evaluate(a), new Mean().evaluate(b), meanD, sd, lo, hi, level, tp, wp);
    }
}
