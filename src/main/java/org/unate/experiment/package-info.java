/**
 * Experiment bookkeeping for the property-prediction runs: train/validation/test splits ({@link
 * org.unate.experiment.Split}, shared as JSON files), nested label fractions of a training set ({@link
 * org.unate.experiment.LabelFractions}), one result record per run ({@link org.unate.experiment.ResultRecord}) and the
 * code version stamped into it ({@link org.unate.experiment.CodeVersion}).
 * <p>Nothing here trains or evaluates a model; metrics arrive from {@code org.unate.eval} or a training loop.
 */
package org.unate.experiment;
