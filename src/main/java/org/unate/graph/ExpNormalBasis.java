package org.unate.graph;

/**
 * Exponential-normal radial basis (PhysNet-style, with a cosine cutoff envelope):
 * <pre>
 *   phi_k(d) = f_c(d) * exp(-beta * (exp(-alpha d) - mu_k)^2),   k = 0 .. K-1
 *   mu_k     = s + k (1 - s) / (K - 1),   s = exp(-alpha r_c)       (K >= 2; mu_0 = s when K = 1)
 *   beta     = (2 (1 - s) / K)^(-2)
 *   f_c(d)   = (cos(pi d / r_c) + 1) / 2  for d &lt; r_c, else 0
 * </pre>
 * {@link #of(double, int)} uses {@code alpha = 5 / r_c}, so the centres spread over the whole cutoff range.
 * Output shape {@code [nEdges, K]}.
 *
 * @param cutoff r_c, angstrom
 * @param count  K
 * @param alpha  per angstrom
 */
public record ExpNormalBasis(double cutoff, int count, double alpha) implements DistanceBasis {
    public ExpNormalBasis {
        if (!(cutoff > 0 && Double.isFinite(cutoff))) {
            throw new IllegalArgumentException("exp-normal basis: cutoff must be > 0 angstrom, got " + cutoff);
        }
        if (count < 1) {
            throw new IllegalArgumentException("exp-normal basis: count must be >= 1, got " + count);
        }
        if (!(alpha > 0 && Double.isFinite(alpha))) {
            throw new IllegalArgumentException("exp-normal basis: alpha must be > 0 per angstrom, got " + alpha);
        }
    }

    /** K functions up to {@code cutoff} angstrom with {@code alpha = 5 / cutoff}. */
    public static ExpNormalBasis of(double cutoff, int count) {
        return new ExpNormalBasis(cutoff, count, 5.0 / cutoff);
    }

    @Override
    public int size() {
        return count;
    }

    private double start() {
        return Math.exp(-alpha * cutoff);
    }

    /** Centre {@code mu_k} (dimensionless, in exp(-alpha d) space). */
    public double centre(int k) {
        double s = start();
        return count == 1 ? s : s + k * (1 - s) / (count - 1);
    }

    /** Width parameter {@code beta}. */
    public double beta() {
        double w = 2 * (1 - start()) / count;
        return 1 / (w * w);
    }

    /** Cosine cutoff envelope {@code f_c(d)}. */
    public double envelope(double d) {
        return d < cutoff ? 0.5 * (Math.cos(Math.PI * d / cutoff) + 1) : 0.0;
    }

    @Override
    public double value(double d, int k) {
        double x = Math.exp(-alpha * d) - centre(k);
        return envelope(d) * Math.exp(-beta() * x * x);
    }

    @Override
    public float[] expand(double[] distances) {
        int g = count;
        double b = beta();
        double[] mu = new double[g];
        for (int k = 0; k < g; k++) {
            mu[k] = centre(k);
        }
        float[] out = new float[distances.length * g];
        for (int e = 0; e < distances.length; e++) {
            double d = distances[e];
            double env = envelope(d);
            double u = Math.exp(-alpha * d);
            for (int k = 0; k < g; k++) {
                double x = u - mu[k];
                out[e * g + k] = (float) (env * Math.exp(-b * x * x));
            }
        }
        return out;
    }
}
