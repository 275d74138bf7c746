package org.unate.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a training run keeps its resumable state, and what else (beyond the training config and data, which the
 * trainer fingerprints itself) the state must match to be resumed: e.g. the split hash, the graph config, a dataset
 * checksum. Pass it to {@link PropertyTrainer#train(java.util.List, double[], java.util.List, double[], TrainConfig,
 * TrainingListener, ResumeSpec)}; the folder layout and the rules are in {@link TrainingState}'s comment and in
 * docs/model.md ("Checkpoints and resuming").
 *
 * @param dir     the state folder (created if needed); one run per folder
 * @param context extra fingerprint entries, key to value; a resume whose entries differ is refused
 */
public record ResumeSpec(Path dir, Map<String, String> context) {
    public ResumeSpec {
        Objects.requireNonNull(dir, "state folder");
        context = Map.copyOf(new TreeMap<>(context == null ? Map.of() : context));
    }

    /** State kept in {@code dir}, no extra fingerprint entries. */
    public static ResumeSpec in(Path dir) {
        return new ResumeSpec(dir, Map.of());
    }

    /** This spec with one more fingerprint entry (replacing one of the same key). */
    public ResumeSpec with(String key, String value) {
        Map<String, String> m = new TreeMap<>(context);
        m.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
        return new ResumeSpec(dir, m);
    }

    /** Deletes the state folder and everything in it (for a fresh start); nothing happens if it does not exist. */
    public void deleteState() {
        TrainingState.deleteTree(dir);
    }

    /** Whether the folder holds a committed snapshot (valid or not: validity is checked when training starts). */
    public boolean hasState() {
        return TrainingState.hasSnapshot(dir);
    }
}
