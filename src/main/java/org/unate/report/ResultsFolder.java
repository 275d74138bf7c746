package org.unate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result files a report is built from. Either a results root, laid out as the project's {@code results/}:
 * <pre>
 * sweeps/NAME/           sweep folders ({@link SweepFolder}): GNN sweeps and probe sweeps (probe-catalogue-*)
 * pretrained/NAME/       pretraining runs ({@link PretrainRun}): history.csv, result.json, embeddings*.json
 * </pre>
 * A pretraining run is labelled with the scale of the records made with its context table (the table's SHA-256 in
 * their {@code unate_table}), so that the tables of a quick {@code make reproduce} say "quick" too.
 * or a single sweep folder (one with {@code records/} or {@code sweep.json}, e.g. {@code build/sweeps/mbj-quick}).
 * Other folders of the root are not read. Immutable.
 *
 * @param root       the folder as given
 * @param sweeps     the sweep folders, by name
 * @param pretrained the pretraining runs of {@code pretrained/}, by name (stand-ins are in their sweep folders)
 */
public record ResultsFolder(Path root, List<SweepFolder> sweeps, List<PretrainRun> pretrained) {
    public ResultsFolder {
        sweeps = List.copyOf(sweeps);
        pretrained = List.copyOf(pretrained);
    }

    /**
     * Reads {@code root}.
     *
     * @throws IllegalArgumentException if it is not a folder, or a sweep's {@code sweep.json} or a run's history is
     *                                  unreadable (naming the file)
     */
    public static ResultsFolder read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("results folder " + root + ": no such folder (expected results/ with"
                    + " sweeps/ and pretrained/, or a sweep folder with records/)");
        }
        if (Files.isDirectory(root.resolve("records")) || Files.isRegularFile(root.resolve("sweep.json"))) {
            return new ResultsFolder(root, List.of(SweepFolder.read(root)), List.of());
        }
        List<SweepFolder> sweeps = subfolders(root.resolve("sweeps")).stream().map(SweepFolder::read).toList();
        // a run's scale: that of the records made with its context table (same SHA-256 in their unate_table)
        java.util.Map<String, java.util.TreeSet<String>> scalesBySha = new java.util.HashMap<>();
        for (SweepFolder s : sweeps) {
            for (RecordFile r : s.records()) {
                if (r.record().extra().get("unate_table") instanceof java.util.Map<?, ?> m && m.get("sha256") != null) {
                    scalesBySha.computeIfAbsent(m.get("sha256").toString(), k -> new java.util.TreeSet<>())
                            .add(org.unate.experiment.ResultStore.scale(r.record()));
                }
            }
        }
        List<PretrainRun> runs = new ArrayList<>();
        for (Path d : subfolders(root.resolve("pretrained"))) {
            PretrainRun.read(d, d.getFileName().toString(), "", false).ifPresent(r -> runs.add(r.withScale(
                    String.join(", ", r.contextSha256().map(sha -> scalesBySha.getOrDefault(sha,
                            new java.util.TreeSet<>())).orElse(new java.util.TreeSet<>())))));
        }
        return new ResultsFolder(root, sweeps, runs);
    }

    private static List<Path> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every pretraining run: those of {@code pretrained/}, then the sweeps' stand-ins. */
    public List<PretrainRun> pretrainRuns() {
        List<PretrainRun> out = new ArrayList<>(pretrained);
        sweeps.forEach(s -> s.standIn().ifPresent(out::add));
        return out;
    }
}
