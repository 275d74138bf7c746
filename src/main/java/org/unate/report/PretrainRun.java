package org.unate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.unate.model.EpochRecord;
import org.unate.model.TrainingHistory;

/**
 * A pretraining run's files as {@code unate pretrain} leaves them in its folder (results/pretrained/NAME/, or a
 * sweep's unate-stand-in/): {@code history.csv} (per epoch: the loss terms and the held-out loss),
 * {@code result.json} (best epoch, stop reason, ...), and the element tables {@code embeddings.json} (the context
 * table) and {@code embeddings-input.json} (the input table).
 *
 * @param name       the run's name (its folder's name, or {@code SWEEP/unate-stand-in})
 * @param dir        its folder
 * @param scale      "" for a run of its own; for a sweep's stand-in, the sweep's scale ({@code ci}, {@code quick})
 * @param history    the rows of {@code history.csv} (empty without one)
 * @param bestEpoch  from {@code result.json}, else the epoch of the lowest held-out loss, else 0
 * @param stopReason from {@code result.json}, else ""
 * @param tables     the table files present: {@code embeddings.json} first, then {@code embeddings-input.json}
 */
public record PretrainRun(String name, Path dir, String scale, List<EpochRecord> history, int bestEpoch,
                          String stopReason, List<Path> tables) {
    /** The context table's file name. */
    public static final String CONTEXT = "embeddings.json";
    /** The input table's file name. */
    public static final String INPUT = "embeddings-input.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PretrainRun {
        history = List.copyOf(history);
        tables = List.copyOf(tables);
    }

    /**
     * Reads the run in {@code dir}; empty when the folder holds neither a history nor a table.
     *
     * @throws IllegalArgumentException naming the file if {@code history.csv} or {@code result.json} is unreadable
     */
    public static Optional<PretrainRun> read(Path dir, String name, String scale) {
        Path h = dir.resolve("history.csv");
        List<Path> tables = new ArrayList<>();
        for (String t : List.of(CONTEXT, INPUT)) {
            if (Files.isRegularFile(dir.resolve(t))) {
                tables.add(dir.resolve(t));
            }
        }
        if (!Files.isRegularFile(h) && tables.isEmpty()) {
            return Optional.empty();
        }
        List<EpochRecord> rows = Files.isRegularFile(h) ? TrainingHistory.readCsv(h) : List.of();
        int best = 0;
        String stop = "";
        Path result = dir.resolve("result.json");
        if (Files.isRegularFile(result)) {
            try {
                JsonNode r = JSON.readTree(result.toFile());
                best = r.path("best_epoch").asInt(0);
                stop = r.path("stop_reason").asText("");
            } catch (IOException e) {
                throw new IllegalArgumentException(result + ": not a JSON object: " + e.getMessage(), e);
            }
        }
        if (best == 0 && !rows.isEmpty()) {
            EpochRecord min = rows.get(0);
            for (EpochRecord e : rows) {
                min = e.valMae() < min.valMae() ? e : min;
            }
            best = min.epoch();
        }
        return Optional.of(new PretrainRun(name, dir, scale, rows, best, stop, tables));
    }

    /** The run's name for titles: "cgcnn-d128", or "mbj-cgcnn/unate-stand-in, quick stand-in". */
    public String label() {
        return scale.isEmpty() ? name : name + ", " + scale + " stand-in";
    }

    /** The history as {@link TrainingHistory} (for {@link ElementCharts#lossCurves}). */
    public TrainingHistory trainingHistory() {
        return new TrainingHistory(history, bestEpoch, stopReason);
    }

    /** "context table" for {@code embeddings.json}, "input table" for {@code embeddings-input.json}. */
    public static String tableKind(Path table) {
        return table.getFileName().toString().equals(INPUT) ? "input table" : "context table";
    }
}
