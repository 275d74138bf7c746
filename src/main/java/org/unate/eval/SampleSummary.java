package org.unate.eval;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Mean, standard deviation and Student-t confidence interval of the mean of one sample (one condition's metric over
 * seeds), from Commons Math 3.6.1: {@code mean -/+ t_{(1+level)/2, n-1} * sd / sqrt(n)} with the bias-corrected
 * {@code sd} (n - 1 denominator). With one value the standard deviation and the interval are NaN; with zero spread the
 * interval is the mean itself.
 *
 * @param n      number of values
 * @param mean   mean
 * @param sd     sample standard deviation (n - 1 denominator)
 * @param ciLow  lower end of the interval of the mean
 * @param ciHigh upper end
 * @param level  confidence level, e.g. 0.95
 */
public record SampleSummary(int n, double mean, double sd, double ciLow, double ciHigh, double level) {
    /** {@link #of(double[], double)} at the 95 % level. */
    public static SampleSummary of(double[] values) {
        return of(values, 0.95);
    }

    /**
     * @throws IllegalArgumentException for no values, a non-finite value, or a level outside (0, 1)
     */
    public static SampleSummary of(double[] values, double level) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
            }
        }
        int n = values.length;
        double mean = new Mean().evaluate(values);
        if (n < 2) {
            return new SampleSummary(n, mean, Double.NaN, Double.NaN, Double.NaN, level);
        }
        double sd = new StandardDeviation(true).evaluate(values);
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.5 + level / 2) * sd / Math.sqrt(n);
        return new SampleSummary(n, mean, sd, mean - half, mean + half, level);
    }
}
