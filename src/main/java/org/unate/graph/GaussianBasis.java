package org.unate.graph;

/**
 * Gaussian distance expansion (CGCNN):
 * <pre>
 *   g_k(d) = exp(-(d - mu_k)^2 / sigma^2),   mu_k = dMin + k * step,   k = 0 .. K-1,
 *   K = round((dMax - dMin) / step) + 1
 * </pre>
 * Note CGCNN divides by {@code sigma^2}, not {@code 2 sigma^2}. {@link #cgcnn()}: 0..8 angstrom, step 0.2,
 * sigma 0.2, K = 41. Output shape {@code [nEdges, K]}.
 *
 * @param dMin  first centre, angstrom
 * @param dMax  last centre, angstrom
 * @param step  spacing of the centres, angstrom
 * @param sigma width, angstrom
 */
public record GaussianBasis(double dMin, double dMax, double step, double sigma) implements DistanceBasis {
    public GaussianBasis {
        if (!(Double.isFinite(dMin) && Double.isFinite(dMax) && dMax > dMin)) {
            throw new IllegalArgumentException("Gaussian basis: need finite dMin < dMax, got " + dMin + ", " + dMax);
        }
        if (!(step > 0) || !(sigma > 0)) {
            throw new IllegalArgumentException("Gaussian basis: step and sigma must be > 0, got " + step + ", " + sigma);
        }
        double k = (dMax - dMin) / step;
        if (Math.abs(k - Math.rint(k)) > 1e-6) {
            throw new IllegalArgumentException("Gaussian basis: (dMax - dMin) / step must be an integer, got " + k);
        }
    }

    /** CGCNN's expansion: centres 0..8 angstrom every 0.2, sigma 0.2 (41 features). */
    public static GaussianBasis cgcnn() {
        return new GaussianBasis(0.0, 8.0, 0.2, 0.2);
    }

    @Override
    public int size() {
        return (int) Math.rint((dMax - dMin) / step) + 1;
    }

    /** Centre {@code mu_k}, angstrom. */
    public double centre(int k) {
        return dMin + k * step;
    }

    @Override
    public double value(double d, int k) {
        double x = d - centre(k);
        return Math.exp(-x * x / (sigma * sigma));
    }
}
