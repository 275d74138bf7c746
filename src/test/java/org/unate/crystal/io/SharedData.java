package org.unate.crystal.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared read-only data folder (system property {@code unate.shared}); tests skip when it is absent. */
final class SharedData {
    private SharedData() {
    }

    static Path path(String relative) {
        String root = System.getProperty("unate.shared");
        assumeTrue(root != null, "system property unate.shared is not set; skipping a test on shared data");
        Path p = Path.of(root).resolve(relative);
        assumeTrue(Files.exists(p), "shared data " + p + " is absent; skipping");
        return p;
    }
}
