package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kernel.json content and the --install command line. */
class KernelSpecTest {

    @TempDir
    Path prefix;

    @Test
    void installWritesKernelJsonUnderPrefix() throws Exception {
        int rc = KernelMain.install(new String[] {"--install", prefix.toString(), "--display-name", "Java (test)"});
        assertEquals(0, rc);
        Path file = prefix.resolve("share/jupyter/kernels/java/kernel.json");
        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("java", json.get("language").asText());
        assertEquals("Java (test)", json.get("display_name").asText());
        assertEquals("message", json.get("interrupt_mode").asText());
        List<String> argv = new ArrayList<>();
        json.get("argv").forEach(n -> argv.add(n.asText()));
        assertTrue(Path.of(argv.get(0)).isAbsolute() && Files.isExecutable(Path.of(argv.get(0))), argv.get(0));
        assertTrue(argv.contains("-Djava.awt.headless=true"), argv.toString());
        assertTrue(argv.contains("-Xmx" + KernelSpec.DEFAULT_XMX), argv.toString());
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
        assertEquals(KernelMain.class.getName(), argv.get(argv.size() - 2));
        String cp = argv.get(argv.indexOf("-cp") + 1);
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
    }

    @Test
    void optionsAreApplied() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int rc = KernelMain.install(new String[] {"--install", prefix.toString(), "--name", "java-x", "--java",
                java.toString(), "--xmx", "2g"});
        assertEquals(0, rc);
        String json = Files.readString(prefix.resolve("share/jupyter/kernels/java-x/kernel.json"));
        assertTrue(json.contains("\"-Xmx2g\""), json);
        assertTrue(json.contains(java.toAbsolutePath().normalize().toString()), json);
    }

    @Test
    void badArgumentsAreRejected() throws Exception {
        assertEquals(2, KernelMain.install(new String[] {"--install"}));
        assertEquals(2, KernelMain.install(new String[] {"--install", prefix.toString(), "--colour", "red"}));
        assertEquals(2, KernelMain.install(new String[] {"--install", prefix.toString(), "--java", "/no/such/java"}));
        assertThrows(IllegalArgumentException.class, () -> new KernelSpec("bad name", "x", List.of()));
    }
}
