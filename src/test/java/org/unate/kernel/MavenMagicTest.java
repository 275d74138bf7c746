package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven} through a real {@code mvn}, offline (the artifacts are ones this project's build already put in the
 * local repository): an artifact with a transitive dependency, and an unknown one. Slow: Maven starts twice.
 */
@Tag("slow")
class MavenMagicTest {

    @TempDir
    Path dir;

    @Test
    void resolvesTransitiveDependenciesOffline() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("mvn", "-v").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            probe = null;
        }
        Assumptions.assumeTrue(probe != null, "skipped: mvn is not on the PATH");
        probe.getInputStream().readAllBytes();
        probe.waitFor();
        String old = System.setProperty("unate.kernel.maven.offline", "true");
        // A session whose class path is only the kernel's classes, so the artifacts are not there already.
        String cp = System.getProperty("java.class.path");
        System.setProperty("java.class.path",
                Path.of(KernelSession.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        KernelSession session;
        try {
            session = KernelSession.start(dir, new RecordingSink());
        } finally {
            System.setProperty("java.class.path", cp);
        }
        try (KernelSession s = session) {
            // jackson-databind depends on jackson-core and jackson-annotations: those must arrive too, from ~/.m2.
            int before = s.classpath().size();
            s.execute("%maven com.fasterxml.jackson.core:jackson-databind:2.17.2", 1);
            List<String> added = s.classpath().subList(before, s.classpath().size());
            String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
            assertTrue(added.stream().anyMatch(e -> e.endsWith("jackson-databind-2.17.2.jar") && e.startsWith(m2)),
                    added.toString());
            assertTrue(added.stream().anyMatch(e -> e.endsWith("jackson-core-2.17.2.jar")), added.toString());
            assertTrue(added.stream().anyMatch(e -> e.endsWith("jackson-annotations-2.17.2.jar")), added.toString());

            CellException.MagicException e = assertThrows(CellException.MagicException.class,
                    () -> s.execute("%maven org.unate.nothing:missing-artifact:0.0.1", 3));
            assertTrue(e.getMessage().contains("mvn failed"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("unate.kernel.maven.offline");
            } else {
                System.setProperty("unate.kernel.maven.offline", old);
            }
        }
    }
}
