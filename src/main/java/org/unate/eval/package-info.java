/**
 * Evaluation of property predictions: test-set metrics through Tribuo's regression evaluation ({@link
 * org.unate.eval.RegressionScores}), paired statistics of two conditions across seeds ({@link
 * org.unate.eval.PairedStatistics}, {@link org.unate.eval.PairedComparison}), a bootstrap interval of the MAE ({@link
 * org.unate.eval.Bootstrap}), and a quick GNN-free probe of an embedding table ({@link
 * org.unate.eval.CompositionProbe}).
 */
package org.unate.eval;
