package org.unate.eval;

import java.util.List;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionMetrics;
import org.tribuo.regression.evaluation.RegressionSufficientStatistics;

/**
 * MAE, RMSE and R<sup>2</sup> of a set of predictions, computed by Tribuo's regression evaluation
 * ({@link RegressionSufficientStatistics} + {@link RegressionMetrics}, the same code {@code RegressionEvaluator} runs),
 * so that every number in a result record comes from one audited implementation.
 * <p>Definitions (unweighted, over the {@code n} crystals): MAE = mean |y - y&#770;|; RMSE = sqrt(mean (y - y&#770;)^2);
 * R<sup>2</sup> = 1 - sum (y - y&#770;)^2 / sum (y - mean y)^2 (NaN-free only if the truths are not all equal).
 *
 * @param n    number of crystals
 * @param mae  mean absolute error, property units
 * @param rmse root mean squared error, property units
 * @param r2   coefficient of determination, unitless
 */
public record RegressionScores(int n, double mae, double rmse, double r2) {

    /** One line: "RegressionScores[n 180: MAE 0.4123, RMSE 0.6100, R2 0.7100]". */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RegressionScores[n %,d: MAE %.4f, RMSE %.4f, R2 %.4f]", n, mae,
                rmse, r2);
    }

    /** Scores of predictions made outside Tribuo (ids, truth, predicted). */
    public static RegressionScores of(Predictions p) {
        if (p.size() == 0) {
            throw new IllegalArgumentException("cannot score an empty set of predictions");
        }
        return ofTribuo(p.toTribuo());
    }

    /**
     * Scores of Tribuo regression predictions with a single output dimension; the truth is each example's output.
     */
    public static RegressionScores ofTribuo(List<Prediction<Regressor>> predictions) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("cannot score an empty set of predictions");
        }
        MutableOutputInfo<Regressor> info = new RegressionFactory().generateInfo();
        for (Prediction<Regressor> p : predictions) {
            info.observe(p.getExample().getOutput());
        }
        ImmutableOutputInfo<Regressor> domain = info.generateImmutableOutputInfo();
        if (domain.size() != 1) {
            throw new IllegalArgumentException("expected one regression target, got dimensions " + domain.getDomain());
        }
        Regressor dim = domain.getDomain().iterator().next();
        RegressionSufficientStatistics stats = new RegressionSufficientStatistics(domain, predictions, false);
        return new RegressionScores(predictions.size(), RegressionMetrics.mae(dim, stats),
                RegressionMetrics.rmse(dim, stats), RegressionMetrics.r2(dim, stats));
    }
}
