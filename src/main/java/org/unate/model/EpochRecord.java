package org.unate.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a training history (a point of the time-to-accuracy curve).
 *
 * @param epoch        1-based
 * @param wallSeconds  seconds since training started, at the end of this epoch's validation
 * @param learningRate the learning rate of the epoch's last step
 * @param trainLoss    mean loss over the epoch's steps (for property models: standardised units)
 * @param trainMae     property models: MAE of the training predictions made during the epoch (training mode), in
 *                     target units; NaN for tasks without one
 * @param valMae       the validation metric the run keeps its best weights by (property models: validation MAE in
 *                     inference mode, target units; pretraining: validation loss); NaN without validation data
 * @param bestValMae   best validation metric so far
 * @param terms        per-term means of the loss over the epoch's steps, in the task's order (empty for property
 *                     models); written as extra CSV columns named by the keys
 */
public record EpochRecord(int epoch, double wallSeconds, double learningRate, double trainLoss, double trainMae,
                          double valMae, double bestValMae, Map<String, Double> terms) {
    /** The CSV header of rows without terms. */
    public static final String CSV_HEADER = "epoch,wall_s,lr,train_loss,train_mae,val_mae,best_val_mae";
    private static final int FIXED = 7;

    public EpochRecord {
        terms = terms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /** A row without loss terms (property models). */
    public EpochRecord(int epoch, double wallSeconds, double learningRate, double trainLoss, double trainMae,
                       double valMae, double bestValMae) {
        this(epoch, wallSeconds, learningRate, trainLoss, trainMae, valMae, bestValMae, Map.of());
    }

    /**
     * One line: "EpochRecord[epoch 3: train loss 0.5000, train MAE 0.4000, val MAE 0.5000 (best 0.4500), lr 1.00e-03,
     * 6.0 s]"; with loss terms, the terms and "val loss".
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "EpochRecord[epoch %d: train loss %.4f",
                epoch, trainLoss));
        terms.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, ", %s %.4f", k, v)));
        if (!Double.isNaN(trainMae)) {
            b.append(String.format(java.util.Locale.ROOT, ", train MAE %.4f", trainMae));
        }
        return b.append(String.format(java.util.Locale.ROOT, ", %s %.4f (best %.4f), lr %.2e, %.1f s]",
                terms.isEmpty() ? "val MAE" : "val loss", valMae, bestValMae, learningRate, wallSeconds)).toString();
    }

    /** The CSV header matching {@link #toCsv()}: the fixed columns, then one per term. */
    public String csvHeader() {
        return terms.isEmpty() ? CSV_HEADER : CSV_HEADER + "," + String.join(",", terms.keySet());
    }

    /** Doubles are written with {@link Double#toString}, so they read back exactly. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder().append(epoch).append(',').append(wallSeconds).append(',')
                .append(learningRate).append(',').append(trainLoss).append(',').append(trainMae).append(',')
                .append(valMae).append(',').append(bestValMae);
        terms.values().forEach(v -> sb.append(',').append(v));
        return sb.toString();
    }

    /** Parses a row written by {@link #toCsv()}, the header naming any term columns. */
    static EpochRecord fromCsv(String header, String line) {
        String[] h = header.split(",");
        String[] p = line.split(",");
        if (h.length < FIXED || p.length != h.length) {
            throw new IllegalArgumentException("history row needs " + Math.max(FIXED, h.length) + " fields, got: " + line);
        }
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int k = FIXED; k < h.length; k++) {
            terms.put(h[k], Double.parseDouble(p[k]));
        }
        return new EpochRecord(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5]), Double.parseDouble(p[6]),
                terms);
    }
}
