package org.unate.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mirror folder {@link DataFetcher} copies datasets from, and where that choice came from, so that a failure can
 * say which folder was looked at and why.
 *
 * @param dir    the folder, or empty when there is none
 * @param origin where it came from: {@code --mirror}, {@code UNATE_DATA_MIRROR}, {@code ../shared/data beside the
 *               project}, or, without a folder, why there is none
 */
public record DataMirror(Optional<Path> dir, String origin) {
    /** The environment variable that names the mirror folder. */
    public static final String ENV = "UNATE_DATA_MIRROR";

    public DataMirror {
        dir = dir.map(p -> p.toAbsolutePath().normalize());
    }

    /** A folder given directly (a test, or an API caller). */
    public static DataMirror of(Path dir) {
        return new DataMirror(Optional.of(dir), "given");
    }

    /**
     * The mirror to use: {@code option} ({@code --mirror}) when given, else {@code UNATE_DATA_MIRROR} when set, else
     * {@code <root>/../shared/data} when that folder exists, else none.
     */
    public static DataMirror resolve(Path projectRoot, Path option) {
        return resolve(projectRoot, option, System.getenv(ENV));
    }

    /** {@link #resolve(Path, Path)} with the value of {@code UNATE_DATA_MIRROR} given (null when unset). */
    static DataMirror resolve(Path projectRoot, Path option, String env) {
        if (option != null) {
            return new DataMirror(Optional.of(option), "--mirror");
        }
        if (env != null && !env.isBlank()) {
            return new DataMirror(Optional.of(Path.of(env)), ENV);
        }
        Path shared = projectRoot.resolve("..").resolve("shared").resolve("data").toAbsolutePath().normalize();
        if (Files.isDirectory(shared)) {
            return new DataMirror(Optional.of(shared), "../shared/data beside the project");
        }
        return new DataMirror(Optional.empty(), ENV + " is not set and " + shared + " does not exist");
    }

    /** The mirror's copy of {@code relative}, when the mirror holds it as a regular file. */
    public Optional<Path> find(String relative) {
        return dir.map(d -> d.resolve(relative)).filter(Files::isRegularFile);
    }

    /**
     * The mirror and its state, e.g. {@code mirror /x (UNATE_DATA_MIRROR) does not exist} or {@code no mirror:
     * UNATE_DATA_MIRROR is not set and /y does not exist}.
     */
    public String status() {
        if (dir.isEmpty()) {
            return "no mirror: " + origin;
        }
        Path d = dir.get();
        if (!Files.exists(d)) {
            return "mirror " + d + " (" + origin + ") does not exist";
        }
        if (!Files.isDirectory(d)) {
            return "mirror " + d + " (" + origin + ") is not a folder";
        }
        return "mirror " + d + " (" + origin + ")";
    }

    /** Why the mirror does not provide {@code relative}: {@link #status()}, or that the folder lacks the file. */
    public String whyNot(String relative) {
        String status = status();
        return dir.isPresent() && Files.isDirectory(dir.get()) ? status + " has no " + relative : status;
    }

    @Override
    public String toString() {
        return dir.map(d -> d + " (" + origin + ")").orElse("none (" + origin + ")");
    }
}
