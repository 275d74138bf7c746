/**
 * Metrics and statistics, with no run logic: test-set metrics through Tribuo's regression evaluation ({@link
 * org.unate.eval.RegressionScores}) of a model's {@link org.unate.eval.Predictions}, a bootstrap interval of the MAE
 * ({@link org.unate.eval.Bootstrap}), and the statistics of conditions measured over seeds ({@link
 * org.unate.eval.PairedStatistics}).
 * <p>It reads no result record and runs nothing: {@code org.unate.experiment} matches runs and hands this package plain
 * numbers, so the dependency points one way only.
 */
package org.unate.eval;
