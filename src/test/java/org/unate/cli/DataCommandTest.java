package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unate data} as `make data` runs it on a fresh clone with no mirror and no network: in a child JVM (so that
 * UNATE_DATA_MIRROR, UNATE_DATA and UNATE_ROOT are real environment variables and the project's own data/ is never
 * touched), with a catalogue whose official URLs point at a local address where nothing listens.
 */
class DataCommandTest {
    @TempDir
    Path tmp;

    private Path project() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("project/data"));
        Files.writeString(data.resolve("datasets.json"), """
                {"datasets": [
                 {"name": "jarvis-tiny", "records": 1,
                  "mirror": {"file": "jarvis-tiny.jsonl.gz", "format": "jsonl-cif", "sha256": null},
                  "official": {"url": "http://127.0.0.1:1/files/123", "file": "jarvis-tiny.json.zip",
                               "format": "jarvis-json", "sha256": null}},
                 {"name": "table-tiny",
                  "mirror": {"file": "embeddings/table-tiny.json", "format": "embedding-table", "sha256": null},
                  "official": {"url": "http://127.0.0.1:1/table.csv", "file": "table.csv", "format": "element-csv",
                               "sha256": null}}]}
                """);
        return data;
    }

    private record Run(int code, String out) {
    }

    private Run unateData(Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "data"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().remove("UNATE_DATA_MIRROR");
        pb.environment().put("UNATE_ROOT", tmp.resolve("project").toString());
        pb.environment().put("UNATE_DATA", tmp.resolve("project/data").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "unate data did not end");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void noMirrorAndNoNetworkFailsSayingWhatWasTriedWhatIsMissingAndHowToPointAtACopy() throws Exception {
        Path data = project();
        Path missing = tmp.resolve("nonexistent");
        Run r = unateData(Map.of("UNATE_DATA_MIRROR", missing.toString()));
        assertEquals(1, r.code(), r.out());
        assertFalse(Pattern.compile("\\bnull\\b").matcher(r.out()).find(), r.out());
        assertTrue(r.out().contains("jarvis-tiny          FAILED: mirror " + missing
                + " (UNATE_DATA_MIRROR) does not exist; download of http://127.0.0.1:1/files/123 failed: "
                + "java.net.ConnectException"), r.out());
        assertTrue(r.out().contains("table-tiny           FAILED: mirror " + missing), r.out());
        assertTrue(r.out().contains("2 of 2 datasets could not be resolved into " + data.resolve("raw")), r.out());
        assertTrue(r.out().contains("point UNATE_DATA_MIRROR at a folder that holds:\n    jarvis-tiny.jsonl.gz\n"
                + "    embeddings/table-tiny.json\n"), r.out());
        assertTrue(r.out().contains("UNATE_DATA_MIRROR=/path/to/that/folder make data"), r.out());
    }

    @Test
    void withoutAnyMirrorItSaysSoAndANamedDatasetFailsTheSameWay() throws Exception {
        project();
        Run r = unateData(Map.of(), "jarvis-tiny");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("jarvis-tiny          FAILED: no mirror: UNATE_DATA_MIRROR is not set and "
                + tmp.resolve("shared/data") + " does not exist; download of http://127.0.0.1:1/files/123 failed"),
                r.out());
        assertTrue(r.out().contains("1 of 1 datasets could not be resolved"), r.out());
        assertFalse(r.out().contains("table-tiny"), r.out());
        assertFalse(Pattern.compile("\\bnull\\b").matcher(r.out()).find(), r.out());

        Run unknown = unateData(Map.of(), "nope");
        assertEquals(1, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("FAILED: unknown dataset 'nope'; known: [jarvis-tiny, table-tiny]"),
                unknown.out());
    }

    @Test
    void aMirrorGivenWithTheOptionIsUsed() throws Exception {
        Path data = project();
        Path mirror = Files.createDirectories(tmp.resolve("mirror/embeddings"));
        Files.writeString(mirror.resolve("table-tiny.json"), "{\"meta\": {}, \"vectors\": {\"H\": [1.0]}}\n");
        Run r = unateData(Map.of("UNATE_DATA_MIRROR", tmp.resolve("elsewhere").toString()), "table-tiny",
                "--mirror", tmp.resolve("mirror").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("table-tiny           from mirror " + mirror.resolve("table-tiny.json")), r.out());
        assertTrue(Files.isRegularFile(data.resolve("raw/table-tiny/table-tiny.json")));
    }
}
