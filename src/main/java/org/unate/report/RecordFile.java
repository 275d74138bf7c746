package org.unate.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.unate.eval.Predictions;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import org.unate.model.EpochRecord;
import org.unate.model.TrainingHistory;

/**
 * A result record and the file it was read from, so that the files it names ({@code history},
 * {@code test_predictions}, relative to the record's folder) can be found.
 *
 * @param record the record
 * @param file   its JSON file
 */
public record RecordFile(ResultRecord record, Path file) {
    /** The record's condition ({@link ResultStore#condition}). */
    public String condition() {
        return ResultStore.condition(record);
    }

    /** The per-epoch history file the record names, if it names one. */
    public Optional<Path> historyFile() {
        return Optional.ofNullable(record.history()).filter(h -> !h.isBlank()).map(this::sibling);
    }

    /** The test-predictions file the record names ({@code test_predictions}, written by sweeps), if any. */
    public Optional<Path> testPredictionsFile() {
        Object p = record.extra().get("test_predictions");
        return p instanceof String s && !s.isBlank() ? Optional.of(sibling(s)) : Optional.empty();
    }

    private Path sibling(String name) {
        Path dir = file.toAbsolutePath().getParent();
        return dir.resolve(name);
    }

    /**
     * The rows of the record's history.
     *
     * @throws IllegalArgumentException naming the record if it names no history or the file is missing or unreadable
     */
    public List<EpochRecord> readHistory() {
        Path h = historyFile().orElseThrow(() -> new IllegalArgumentException(file + ": the record names no"
                + " \"history\" file"));
        if (!Files.isRegularFile(h)) {
            throw new IllegalArgumentException(file + ": its \"history\" " + h.getFileName() + " is missing (expected "
                    + h + ")");
        }
        return TrainingHistory.readCsv(h);
    }

    /**
     * The record's test predictions (id, DFT value, prediction).
     *
     * @throws IllegalArgumentException naming the record if it names no predictions or the file is missing or bad
     */
    public Predictions readTestPredictions() {
        Path p = testPredictionsFile().orElseThrow(() -> new IllegalArgumentException(file + ": the record names no"
                + " \"test_predictions\" file"));
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(file + ": its \"test_predictions\" " + p.getFileName()
                    + " is missing (expected " + p + ")");
        }
        return Predictions.readCsv(p);
    }
}
