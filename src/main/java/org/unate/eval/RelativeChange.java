package org.unate.eval;

/**
 * The relative change of condition A against a reference B over paired units (seeds sharing a split and label subset):
 * per pair {@code r_i = (a_i - b_i) / b_i}, their mean and its Student-t confidence interval ({@link SampleSummary} of
 * the {@code r_i}). With MAE as the metric, {@code mean = -0.027} reads "2.7 % lower error than the reference". The
 * interval comes from the paired differences, each relative to its own pair's reference, so the seed-to-seed spread of
 * the reference enters it.
 *
 * @param n      number of pairs
 * @param mean   mean relative change (a fraction: -0.05 is -5 %)
 * @param sd     sample standard deviation of the {@code r_i}
 * @param ciLow  lower end of the interval of the mean
 * @param ciHigh upper end
 * @param level  confidence level
 */
public record RelativeChange(int n, double mean, double sd, double ciLow, double ciHigh, double level) {
    /** {@link #of(double[], double[], double)} at the 95 % level. */
    public static RelativeChange of(double[] a, double[] b) {
        return of(a, b, 0.95);
    }

    /**
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or a reference value is zero or
     *                                  a value not finite
     */
    public static RelativeChange of(double[] a, double[] b, double level) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            if (b[i] == 0 || !Double.isFinite(b[i]) || !Double.isFinite(a[i])) {
                throw new IllegalArgumentException("pair " + i + ": a relative change needs finite values and a non-zero"
                        + " reference, got " + a[i] + " against " + b[i]);
            }
            r[i] = (a[i] - b[i]) / b[i];
        }
        SampleSummary s = SampleSummary.of(r, level);
        return new RelativeChange(s.n(), s.mean(), s.sd(), s.ciLow(), s.ciHigh(), level);
    }
}
