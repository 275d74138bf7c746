package org.unate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFetcherTest {
    @TempDir
    Path tmp;

    private Path project(String sha, int records, String format, String file) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("project/data"));
        String json = """
                {"datasets": [{"name": "tiny", "records": %d,
                  "mirror": {"file": "%s", "format": "%s", "sha256": %s},
                  "official": {"url": "http://127.0.0.1:9/none", "file": "tiny.json.zip", "format": "jarvis-json", "sha256": null}}]}
                """.formatted(records, file, format, sha == null ? "null" : "\"" + sha + "\"");
        Files.writeString(data.resolve("datasets.json"), json);
        return data;
    }

    private Path gzLines(Path dir, String... lines) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("tiny.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void copiesFromMirrorVerifiesAndIsIdempotent() throws IOException {
        Path mirror = tmp.resolve("mirror");
        Path src = gzLines(mirror, "{\"id\": \"0\"}", "{\"id\": \"1\"}", "{\"id\": \"2\"}");
        Path data = project(DataFetcher.sha256(src), 3, "jsonl-cif", "tiny.jsonl.gz");
        DataCatalog cat = DataCatalog.load(data);
        DataFetcher f = new DataFetcher(cat, Optional.of(mirror), true, quiet());
        Path got = f.fetch("tiny");
        assertEquals(data.resolve("raw/tiny/tiny.jsonl.gz"), got);
        assertEquals(got, cat.path("tiny"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new DataFetcher(cat, Optional.of(mirror), true, new PrintStream(log, true, StandardCharsets.UTF_8)).fetch("tiny");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("up to date"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsWrongChecksumNamingBoth() throws IOException {
        Path mirror = tmp.resolve("mirror");
        gzLines(mirror, "{}");
        Path data = project("00".repeat(32), 1, "jsonl-cif", "tiny.jsonl.gz");
        DataFetcher f = new DataFetcher(DataCatalog.load(data), Optional.of(mirror), true, quiet());
        IOException e = assertThrows(IOException.class, () -> f.fetch("tiny"));
        assertTrue(e.getMessage().contains("differs from the expected " + "00".repeat(32)), e.getMessage());
        assertTrue(DataCatalog.load(data).resolved("tiny").isEmpty(), "a rejected file must not count as resolved");
    }

    @Test
    void rejectsWrongRecordCount() throws IOException {
        Path mirror = tmp.resolve("mirror");
        Path src = gzLines(mirror, "{}", "{}");
        Path data = project(DataFetcher.sha256(src), 5, "jsonl-cif", "tiny.jsonl.gz");
        DataFetcher f = new DataFetcher(DataCatalog.load(data), Optional.of(mirror), true, quiet());
        IOException e = assertThrows(IOException.class, () -> f.fetch("tiny"));
        assertTrue(e.getMessage().contains("2 records, expected 5"), e.getMessage());
    }

    @Test
    void offlineWithoutMirrorSaysWhatToDo() throws IOException {
        Path data = project(null, 1, "jsonl-cif", "tiny.jsonl.gz");
        DataFetcher f = new DataFetcher(DataCatalog.load(data), Optional.of(tmp.resolve("empty")), true, quiet());
        IOException e = assertThrows(IOException.class, () -> f.fetch("tiny"));
        assertTrue(e.getMessage().contains("UNATE_DATA_MIRROR"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DataCatalog.load(data).path("tiny"));
        assertTrue(missing.getMessage().contains("make data"), missing.getMessage());
    }

    @Test
    void countsRecordsOfOfficialZippedJsonList() throws IOException {
        Path zip = tmp.resolve("x.json.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("jdft_3d-8-18-2021.json"));
            z.write("[{\"jid\": \"JVASP-1\", \"atoms\": {\"elements\": [\"Si\"]}}, {\"jid\": \"JVASP-2\"}]"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, DataFetcher.countRecords(zip, "jarvis-json"));
    }

    @Test
    void unknownDatasetListsKnownOnes() throws IOException {
        Path data = project(null, 1, "jsonl-cif", "tiny.jsonl.gz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataCatalog.load(data).spec("nope"));
        assertTrue(e.getMessage().contains("[tiny]"), e.getMessage());
    }
}
