package org.unate.property;

/**
 * One row of the training history (a point of the time-to-accuracy curve). MAEs are in target units.
 *
 * @param epoch        1-based
 * @param wallSeconds  seconds since training started, at the end of this epoch's validation
 * @param learningRate the learning rate of the epoch's last step
 * @param trainLoss    mean loss over the epoch's steps (standardised units)
 * @param trainMae     MAE of the training predictions made during the epoch (training mode)
 * @param valMae       validation MAE (inference mode); NaN without validation data
 * @param bestValMae   best validation MAE so far
 */
public record EpochRecord(int epoch, double wallSeconds, double learningRate, double trainLoss, double trainMae,
                          double valMae, double bestValMae) {
    /** The CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER = "epoch,wall_s,lr,train_loss,train_mae,val_mae,best_val_mae";

    public String toCsv() {
        return epoch + "," + wallSeconds + "," + learningRate + "," + trainLoss + "," + trainMae + "," + valMae + ","
                + bestValMae;
    }

    static EpochRecord fromCsv(String line) {
        String[] p = line.split(",");
        if (p.length != 7) {
            throw new IllegalArgumentException("history row needs 7 fields, got: " + line);
        }
        return new EpochRecord(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5]), Double.parseDouble(p[6]));
    }
}
