package org.unate.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.unate.experiment.ResultRecord;
import org.unate.experiment.ResultStore;
import org.unate.experiment.Sweep;
import org.unate.experiment.SweepConfig;
import org.unate.experiment.SweepSummary;

/**
 * A sweep folder as {@code unate sweep} leaves it (docs/experiments.md): {@code sweep.json} (the config and scale of
 * its latest start), {@code records/} (one record per finished run, with its history and test predictions beside
 * it) and, at {@code ci} and {@code quick} scale, {@code unate-stand-in/} (the stand-in pretraining). A folder of
 * records without {@code records/} is read as it is. Nothing is written; a sweep still running is read as it stands.
 * Immutable.
 */
public final class SweepFolder {
    /** Subfolders of a sweep never read for records. */
    private static final Set<String> SKIPPED = Set.of("runs", "state", "unate-stand-in");

    private final String name;
    private final Path dir;
    private final Optional<Sweep.Started> started;
    private final List<RecordFile> records;
    private final Map<Path, String> skipped;
    private final Optional<PretrainRun> standIn;

    private SweepFolder(String name, Path dir, Optional<Sweep.Started> started, List<RecordFile> records,
                        Map<Path, String> skipped, Optional<PretrainRun> standIn) {
        this.name = name;
        this.dir = dir;
        this.started = started;
        this.records = List.copyOf(records);
        this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        this.standIn = standIn;
    }

    /**
     * Reads the sweep folder {@code dir}.
     *
     * @throws IllegalArgumentException naming the file if {@code sweep.json} or the stand-in's history is unreadable;
     *                                  unreadable records are not thrown but listed in {@link #skipped()}
     */
    public static SweepFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("sweep folder " + dir + ": no such folder");
        }
        Optional<Sweep.Started> started = Sweep.started(dir);
        Path recs = dir.resolve("records");
        ResultRecord.Folder f = Files.isDirectory(recs) ? ResultRecord.readFolder(recs)
                : ResultRecord.readFolder(dir, SKIPPED);
        Map<Path, String> skipped = new LinkedHashMap<>(f.skipped());
        skipped.remove(dir.resolve("sweep.json"));
        skipped.remove(dir.resolve("split.json"));
        List<RecordFile> records = new ArrayList<>();
        for (int i = 0; i < f.records().size(); i++) {
            records.add(new RecordFile(f.records().get(i), f.files().get(i)));
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        String scale = records.isEmpty() ? started.map(Sweep.Started::scale).orElse("")
                : ResultStore.scale(records.get(0).record());
        Optional<PretrainRun> standIn = PretrainRun.read(dir.resolve("unate-stand-in"), name + "/unate-stand-in",
                scale, true);
        return new SweepFolder(name, dir, started, records, skipped, standIn);
    }

    /** The folder's name, e.g. {@code mbj-cgcnn}. */
    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** What {@code sweep.json} says, if the folder has one. */
    public Optional<Sweep.Started> started() {
        return started;
    }

    /** The records, in path order. */
    public List<RecordFile> records() {
        return records;
    }

    /** The {@code .json} files under the records that are not result records, and why. */
    public Map<Path, String> skipped() {
        return skipped;
    }

    /** The stand-in pretraining run in {@code unate-stand-in/}, if any. */
    public Optional<PretrainRun> standIn() {
        return standIn;
    }

    /** The records as a store. */
    public ResultStore store() {
        return ResultStore.of(records.stream().map(RecordFile::record).toList());
    }

    /** Whether this is a sweep of the GNN-free probe (by its config, else by its records' backbone). */
    public boolean probe() {
        return started.map(s -> s.config().backbone().equals(SweepConfig.PROBE))
                .orElse(!records.isEmpty() && records.stream()
                        .allMatch(r -> r.record().backbone().equals(SweepConfig.PROBE)));
    }

    /** The baseline: the config's, else {@code atomic-number}. */
    public String baseline() {
        return started.map(s -> s.config().baseline()).orElse("atomic-number");
    }

    /** The controls: the config's, else null (those of {@link SweepConfig#DEFAULT_CONTROLS} present). */
    public List<String> controls() {
        return started.map(s -> s.config().controls()).orElse(null);
    }

    /** The conditions in the config's order (empty without a config). */
    public List<String> order() {
        return started.map(s -> s.config().conditionNames()).orElse(List.of());
    }

    /** The runs the config plans at {@code scale} (empty without a config). */
    public List<Sweep.Planned> planned(String scale) {
        return started.map(s -> Sweep.planned(s.config(), scale)).orElse(List.of());
    }

    /**
     * The sweep's results, one per (property, scale) of its records, scales in name order. Where the baseline has
     * no record yet (a sweep that has just started), the summary is made against the first condition present and
     * {@link SweepResult#baselinePresent()} is false: its cells are right, its comparisons are not to be shown.
     */
    public List<SweepResult> results() {
        List<SweepResult> out = new ArrayList<>();
        ResultStore all = store();
        for (String scale : all.scales()) {
            ResultStore atScale = all.filter(r -> ResultStore.scale(r).equals(scale));
            for (String property : atScale.properties()) {
                ResultStore s = atScale.property(property);
                List<String> present = s.conditionNames();
                boolean hasBaseline = present.contains(baseline());
                String base = hasBaseline ? baseline()
                        : order().stream().filter(present::contains).findFirst().orElse(present.get(0));
                SweepSummary summary = SweepSummary.of(s, "mae", base, hasBaseline ? controls() : List.of(), order())
                        .get(0);
                List<RecordFile> files = records.stream().filter(r -> ResultStore.scale(r.record()).equals(scale)
                        && r.record().property().equals(property)).toList();
                out.add(new SweepResult(this, scale, summary, hasBaseline, files, planned(scale)));
            }
        }
        return out;
    }
}
