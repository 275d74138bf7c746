package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeVersionTest {
    @Test
    void currentIsNeverBlank() {
        assertFalse(CodeVersion.current().isBlank());
        assertEquals(CodeVersion.current(), CodeVersion.current());
    }

    @Test
    void outsideARepositoryThereIsNoGitVersion(@TempDir Path dir) {
        assertEquals(Optional.empty(), CodeVersion.gitDescribe(dir.resolve("absent")));
    }

    @Test
    void describesACommitAndMarksUncommittedChanges(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(run(dir, "git", "--version") == 0, "git not installed; skipping");
        assertEquals(0, run(dir, "git", "init", "-q"));
        Files.writeString(dir.resolve("a.txt"), "1");
        assertEquals(0, run(dir, "git", "add", "a.txt"));
        assertEquals(0, run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "c"));
        String clean = CodeVersion.gitDescribe(dir).orElseThrow();
        assertTrue(clean.matches("[0-9a-f]{7,}"), clean);
        Files.writeString(dir.resolve("a.txt"), "2");
        assertEquals(clean + "-dirty", CodeVersion.gitDescribe(dir).orElseThrow());
    }

    private static int run(Path dir, String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
