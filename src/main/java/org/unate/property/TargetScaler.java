package org.unate.property;

/**
 * Target standardisation: the model learns {@code (y - mean) / std}; predictions are mapped back.
 * Fitted on the training targets only; {@code std} is the population standard deviation (1 if the targets are all
 * equal).
 */
public record TargetScaler(double mean, double std) {
    public TargetScaler {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("target scaler needs a finite mean and a positive std, got " + mean + ", " + std);
        }
    }

    public static TargetScaler fit(double[] y) {
        if (y.length == 0) {
            throw new IllegalArgumentException("cannot standardise zero targets");
        }
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - m) * (v - m);
        }
        s = Math.sqrt(s / y.length);
        return new TargetScaler(m, s > 1e-12 ? s : 1.0);
    }

    public float forward(double y) {
        return (float) ((y - mean) / std);
    }

    public double inverse(float z) {
        return z * std + mean;
    }
}
