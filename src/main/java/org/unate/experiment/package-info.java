/**
 * Experiments: train/validation/test splits ({@link org.unate.experiment.Split}, shared as JSON files), nested label
 * fractions of a training set ({@link org.unate.experiment.LabelFractions}), one property run end to end ({@link
 * org.unate.experiment.PropertyRun}) or one GNN-free probe of a table ({@link
 * org.unate.experiment.CompositionProbe}), one result record per run ({@link org.unate.experiment.ResultRecord}) and
 * the code version stamped into it ({@link org.unate.experiment.CodeVersion}), and runs matched into pairs across
 * conditions ({@link org.unate.experiment.PairedComparison}).
 * <p>Metrics and statistics come from {@code org.unate.eval}, which imports nothing from here.
 */
package org.unate.experiment;
