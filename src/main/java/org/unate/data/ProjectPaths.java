package org.unate.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the project's folders from wherever code runs: the project root, {@code notebooks/}, or a test. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The project root: the nearest folder at or above the working directory that holds {@code data/datasets.json}. */
    public static Path root() {
        String prop = System.getProperty("unate.root", System.getenv("UNATE_ROOT"));
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("data").resolve("datasets.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (a folder with data/datasets.json) at or above "
                + dir + "; set UNATE_ROOT");
    }

    /** {@code data/} of the project, or {@code UNATE_DATA} / {@code -Dunate.data}. */
    public static Path dataDir() {
        String prop = System.getProperty("unate.data", System.getenv("UNATE_DATA"));
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return root().resolve("data");
    }

    /** {@code results/} of the project: committed result records of real runs. */
    public static Path resultsDir() {
        return root().resolve("results");
    }

    /**
     * A file under the shared mirror folder: system property {@code unate.shared}, environment variable
     * {@code UNATE_SHARED}, else {@code ./shared}, {@code ../shared}, or {@code ../shared} beside the project root.
     */
    public static Optional<Path> sharedFile(String relative) {
        List<String> bases = new ArrayList<>();
        bases.add(System.getProperty("unate.shared"));
        bases.add(System.getenv("UNATE_SHARED"));
        bases.add("shared");
        bases.add("../shared");
        try {
            bases.add(root().resolve("../shared").normalize().toString());
        } catch (IllegalStateException notInAProject) {
            // only the other places
        }
        for (String base : bases) {
            if (base != null && Files.isRegularFile(Path.of(base).resolve(relative))) {
                return Optional.of(Path.of(base).resolve(relative).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
