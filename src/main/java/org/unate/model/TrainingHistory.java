package org.unate.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch records of a run plus why and where it stopped. {@link #toCsv()} writes
 * {@code epoch,wall_s,lr,train_loss,train_mae,val_mae,best_val_mae}, the columns of the PyTorch reference's curve.csv.
 *
 * @param epochs     one record per finished epoch
 * @param bestEpoch  epoch whose weights were kept (0 if none)
 * @param stopReason "epoch cap", "time budget (next epoch would end past it)", "patience" or "no validation data"
 */
public record TrainingHistory(List<EpochRecord> epochs, int bestEpoch, String stopReason) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** Best validation MAE (NaN if none). */
    public double bestValMae() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).bestValMae();
    }

    /** The validation metric of every epoch, in order: {@code [epochs]} (a learning curve). */
    public double[] valMae() {
        double[] v = new double[epochs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = epochs.get(i).valMae();
        }
        return v;
    }

    /** One line: "TrainingHistory[60 epochs (epoch cap), best epoch 57, val MAE 0.3990]". */
    @Override
    public String toString() {
        String metric = !epochs.isEmpty() && !epochs.get(0).terms().isEmpty() ? "val loss" : "val MAE";
        return String.format(java.util.Locale.ROOT, "TrainingHistory[%d %s (%s), best epoch %d, %s %.4f]",
                epochs.size(), epochs.size() == 1 ? "epoch" : "epochs", stopReason, bestEpoch, metric, bestValMae());
    }

    public String toCsv() {
        String header = epochs.isEmpty() ? EpochRecord.CSV_HEADER : epochs.get(0).csvHeader();
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (EpochRecord r : epochs) {
            sb.append(r.toCsv()).append('\n');
        }
        return sb.toString();
    }

    public void writeCsv(Path file) {
        try {
            Files.writeString(file, toCsv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the rows of a history CSV written by {@link #toCsv()} (term columns included). */
    public static List<EpochRecord> readCsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<EpochRecord> out = new ArrayList<>();
            String header = lines.isEmpty() ? EpochRecord.CSV_HEADER : lines.get(0);
            for (int k = 1; k < lines.size(); k++) {
                if (!lines.get(k).isBlank()) {
                    out.add(EpochRecord.fromCsv(header, lines.get(k)));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
