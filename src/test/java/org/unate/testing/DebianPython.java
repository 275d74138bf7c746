package org.unate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code /usr/bin/python3}, which sees python3-pymatgen (the first python3 on PATH may not): the peer that
 * reference tests compare against. Tests that need it skip (an assumption, not a failure) where it is absent.
 */
public final class DebianPython {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private DebianPython() {
    }

    /** Skips the calling test unless /usr/bin/python3 can import pymatgen and numpy. */
    public static void assumePymatgen() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 absent");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import pymatgen.core, numpy")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0,
                "pymatgen is not importable by /usr/bin/python3");
    }

    /** The project folder (Maven's basedir, else the working directory). */
    public static Path baseDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** Runs a command to its end; its output is shown only when it fails. */
    public static void run(List<String> cmd, long timeoutS) throws Exception {
        Path log = Files.createTempFile("peer", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + " from " + cmd + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
