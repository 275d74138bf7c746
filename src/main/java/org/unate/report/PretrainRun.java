package org.unate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.unate.data.DataFetcher;
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
 * @param scale      the scale of the records made with its context table ({@code ci}, {@code quick}, {@code paper};
 *                   several joined by ", "), found by the table's SHA-256 in the records' {@code unate_table}; for a
 *                   sweep's stand-in, the sweep's scale; "" when no record used it
 * @param standIn    whether it is a sweep's stand-in pretraining ({@code unate-stand-in/})
 * @param history    the rows of {@code history.csv} (empty without one)
 * @param bestEpoch  from {@code result.json}, else the epoch of the lowest held-out loss, else 0
 * @param stopReason from {@code result.json}, else ""
 * @param tables     the table files present: {@code embeddings.json} first, then {@code embeddings-input.json}
 */
public record PretrainRun(String name, Path dir, String scale, boolean standIn, List<EpochRecord> history,
                          int bestEpoch, String stopReason, List<Path> tables) {
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
    public static Optional<PretrainRun> read(Path dir, String name, String scale, boolean standIn) {
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
        return Optional.of(new PretrainRun(name, dir, scale, standIn, rows, best, stop, tables));
    }

    /**
     * The run's name for titles, with the scale of the records made with it: "cgcnn-d128, paper",
     * "mbj-cgcnn/unate-stand-in, quick stand-in", or the name alone when no record used it.
     */
    public String label() {
        return scale.isEmpty() ? name + (standIn ? ", stand-in" : "") : name + ", " + scale + (standIn ? " stand-in" : "");
    }

    /** This run labelled with another scale. */
    public PretrainRun withScale(String s) {
        return new PretrainRun(name, dir, s, standIn, history, bestEpoch, stopReason, tables);
    }

    /** The SHA-256 (hex) of its context table, as records give it in {@code unate_table.sha256}; empty without one. */
    public Optional<String> contextSha256() {
        Path t = dir.resolve(CONTEXT);
        if (!Files.isRegularFile(t)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DataFetcher.sha256(t));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + t + ": " + e.getMessage(), e);
        }
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
