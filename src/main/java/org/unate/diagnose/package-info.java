/**
 * Diagnostics of trained property models, each a question asked of saved models and a split over a dataset, printed
 * as plain text ({@code unate diagnose ...}): predictions far outside the training labels' range
 * ({@link org.unate.diagnose.OutOfRange}), the gap between inference (moving batch-norm statistics) and training-mode
 * predictions ({@link org.unate.diagnose.BatchNormGap}), and, layer by layer, how a crystal's batch-norm inputs stand
 * against the moving statistics, from a plain-Java re-evaluation of a CGCNN model
 * ({@link org.unate.diagnose.BatchNormLayers}). The dataset and its graphs (from the graph cache when there is one)
 * come through {@link org.unate.diagnose.DatasetGraphs}. docs/results.md reports what they found.
 */
package org.unate.diagnose;
