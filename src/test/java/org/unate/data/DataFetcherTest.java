package org.unate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
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

    /** A local address where nothing listens: a download fails at once, as without network. */
    private static final String UNREACHABLE = "http://127.0.0.1:1/";
    private static final Pattern BARE_NULL = Pattern.compile("(?i)\\bnull\\b");

    /** A catalogue of datasets NAME (mirror file NAME.jsonl.gz, official file OFFICIAL_URL + NAME.json). */
    private Path catalog(String officialUrl, String... names) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("project/data"));
        StringBuilder b = new StringBuilder("{\"datasets\": [");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ", ").append("""
                    {"name": "%1$s", "records": 2,
                     "mirror": {"file": "sub/%1$s.jsonl.gz", "format": "jsonl-cif", "sha256": null},
                     "official": {"url": "%2$s%1$s.json", "file": "%1$s.json", "format": "jarvis-json", "sha256": null}}
                    """.formatted(names[i], officialUrl));
        }
        Files.writeString(data.resolve("datasets.json"), b.append("]}").toString());
        return data;
    }

    private static void assertNoBareNull(String text) {
        assertFalse(BARE_NULL.matcher(text).find(), "prints a bare 'null': " + text);
    }

    @Test
    void unreachableUrlAndMissingMirrorSayWhatWasTriedWhatIsMissingAndWhatToDo() throws IOException {
        Path data = catalog(UNREACHABLE, "tiny");
        Path mirror = tmp.resolve("no-such-mirror");
        DataFetcher f = new DataFetcher(DataCatalog.load(data), new DataMirror(Optional.of(mirror), "UNATE_DATA_MIRROR"),
                false, quiet());
        DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> f.fetch("tiny"));
        String m = e.getMessage();
        assertNoBareNull(m);
        assertTrue(m.contains("download of " + UNREACHABLE + "tiny.json failed"), m);
        assertTrue(m.contains("java.net.ConnectException"), m);
        assertTrue(m.contains("connection refused"), m);
        assertTrue(m.contains("mirror " + mirror + " (UNATE_DATA_MIRROR) does not exist"), m);
        assertTrue(m.contains("no tiny.jsonl.gz (mirror copy) or tiny.json (official file) in "
                + data.resolve("raw/tiny")), m);
        assertTrue(m.contains("point UNATE_DATA_MIRROR at a folder that holds sub/tiny.jsonl.gz"), m);
        assertEquals(2, e.tried().size(), e.tried().toString());
        assertEquals("sub/tiny.jsonl.gz", e.mirrorFile());
        assertTrue(e.getCause() instanceof IOException, "the network error is kept as the cause");
        try (var files = Files.list(data.resolve("raw/tiny"))) {
            assertEquals(List.of(), files.toList(), "no partial download is left behind");
        }
        assertTrue(DataCatalog.load(data).resolved("tiny").isEmpty());
    }

    @Test
    void mirrorFolderWithoutTheFileAndNoMirrorAtAllAreNamed() throws IOException {
        Path data = catalog(UNREACHABLE, "tiny");
        Path mirror = Files.createDirectories(tmp.resolve("mirror"));
        IOException e = assertThrows(IOException.class, () -> new DataFetcher(DataCatalog.load(data),
                new DataMirror(Optional.of(mirror), "--mirror"), true, quiet()).fetch("tiny"));
        assertTrue(e.getMessage().contains("mirror " + mirror + " (--mirror) has no sub/tiny.jsonl.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("no download of " + UNREACHABLE + "tiny.json: downloads are off (--offline)"),
                e.getMessage());

        DataMirror none = DataMirror.resolve(tmp.resolve("project"), null, null);
        assertEquals(Optional.empty(), none.dir());
        IOException e2 = assertThrows(IOException.class,
                () -> new DataFetcher(DataCatalog.load(data), none, false, quiet()).fetch("tiny"));
        assertTrue(e2.getMessage().contains("no mirror: UNATE_DATA_MIRROR is not set and "
                + tmp.resolve("shared/data") + " does not exist"), e2.getMessage());
        assertTrue(e2.getMessage().contains(UNREACHABLE + "tiny.json"), e2.getMessage());
        assertNoBareNull(e2.getMessage());
    }

    @Test
    void fetchEachGoesOnAfterFailuresAndEndsWithWhatAMirrorMustHold() throws IOException {
        Path data = catalog(UNREACHABLE, "one", "two");
        Path mirror = tmp.resolve("nonexistent");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataFetcher f = new DataFetcher(DataCatalog.load(data), new DataMirror(Optional.of(mirror), "UNATE_DATA_MIRROR"),
                false, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(2, f.fetchAll());
        String log = buf.toString(StandardCharsets.UTF_8);
        assertNoBareNull(log);
        assertTrue(log.contains("one                  FAILED: mirror " + mirror), log);
        assertTrue(log.contains("download of " + UNREACHABLE + "one.json failed: java.net.ConnectException"), log);
        // the same host is not asked again once it could not be reached
        assertTrue(log.contains("download of " + UNREACHABLE + "two.json not tried: 127.0.0.1 was unreachable"), log);
        assertFalse(log.contains("downloading " + UNREACHABLE + "two.json"), log);
        assertTrue(log.contains("2 of 2 datasets could not be resolved into " + data.resolve("raw") + ": one, two"), log);
        assertTrue(log.contains("(mirror " + mirror + " (UNATE_DATA_MIRROR) does not exist)"), log);
        assertTrue(log.contains("point UNATE_DATA_MIRROR at a folder that holds:\n    sub/one.jsonl.gz\n"
                + "    sub/two.jsonl.gz\n"), log);

        // with the mirror in place the same command resolves both
        for (String n : List.of("one", "two")) {
            gzLines(mirror.resolve("sub"), "{}", "{}");
            Files.move(mirror.resolve("sub/tiny.jsonl.gz"), mirror.resolve("sub/" + n + ".jsonl.gz"));
        }
        assertEquals(0, new DataFetcher(DataCatalog.load(data), DataMirror.of(mirror), false, quiet()).fetchAll());
        assertTrue(DataCatalog.load(data).resolved("two").isPresent());
    }

    @Test
    void unknownDatasetInFetchEachIsAFailureWithItsMessage() throws IOException {
        Path data = catalog(UNREACHABLE, "tiny");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(1, new DataFetcher(DataCatalog.load(data), Optional.empty(), true,
                new PrintStream(buf, true, StandardCharsets.UTF_8)).fetchEach(List.of("nope")));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("nope                 FAILED: unknown dataset 'nope'; "
                + "known: [tiny]"), buf.toString(StandardCharsets.UTF_8));
    }

    /** An HTTP server on 127.0.0.1 serving /two.json (a JSON list of two records) and 404 elsewhere. */
    private static HttpServer server(Duration delay) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService pool = Executors.newCachedThreadPool();
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] body = "[{\"jid\": \"a\"}, {\"jid\": \"b\"}]".getBytes(StandardCharsets.UTF_8);
            boolean found = ex.getRequestURI().getPath().equals("/two.json");
            ex.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            if (found) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        return server;
    }

    private static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void aDownloadOffATerminalLogsPlainLines() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeFalse(Terminal.stderr(), "stderr is a terminal here");
        HttpServer server = server(Duration.ZERO);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Path data = catalog(base, "two");
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            new DataFetcher(DataCatalog.load(data), Optional.empty(), false,
                    new PrintStream(buf, true, StandardCharsets.UTF_8)).fetch("two");
            String log = buf.toString(StandardCharsets.UTF_8);
            assertFalse(log.contains("\r") || log.contains("\u001b"), "no carriage return or escape code: " + log);
            assertTrue(log.lines().anyMatch(l -> l.startsWith("download: 0.0 of 0.0 MB (100 %)") && l.contains("done in")),
                    log);
        } finally {
            stop(server);
        }
    }

    @Test
    void downloadsRecordTheirChecksumAndHttpErrorsNameTheUrl() throws IOException {
        HttpServer server = server(Duration.ZERO);
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Path data = catalog(base, "two", "gone");
            DataFetcher f = new DataFetcher(DataCatalog.load(data), Optional.empty(), false, quiet());
            Path got = f.fetch("two");
            assertEquals(data.resolve("raw/two/two.json"), got);
            assertEquals(DataFetcher.sha256(got) + "\n", Files.readString(data.resolve("raw/two/two.json.sha256")));
            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> f.fetch("gone"));
            assertTrue(e.getMessage().contains("download of " + base + "gone.json failed: HTTP 404"), e.getMessage());
            assertFalse(Files.exists(data.resolve("raw/gone/gone.json")));
        } finally {
            stop(server);
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutWithAMessage() throws IOException {
        HttpServer server = server(Duration.ofSeconds(20));
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Path data = catalog(base, "two");
            DataFetcher f = new DataFetcher(DataCatalog.load(data), Optional.empty(), false, quiet())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class, () -> f.fetch("two"));
            assertTrue((System.nanoTime() - t0) / 1e9 < 15, "gave up after the response timeout");
            assertTrue(e.getMessage().contains("download of " + base + "two.json failed: "
                    + "java.net.http.HttpTimeoutException"), e.getMessage());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        } finally {
            stop(server);
        }
    }

    @Test
    void anOfficialSourceWithoutUrlIsSaidInWordsNotAsNull() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("project/data"));
        Files.writeString(data.resolve("datasets.json"), """
                {"datasets": [{"name": "tiny",
                  "mirror": {"file": "tiny.jsonl.gz", "format": "jsonl-cif", "sha256": null},
                  "official": {"file": "tiny.json", "format": "jarvis-json", "sha256": null}}]}
                """);
        IOException e = assertThrows(IOException.class, () -> new DataFetcher(DataCatalog.load(data),
                Optional.empty(), false, quiet()).fetch("tiny"));
        assertTrue(e.getMessage().contains("no download: the catalogue gives no URL for tiny.json"), e.getMessage());
        assertTrue(e.getMessage().contains("no mirror: none given"), e.getMessage());
        assertNoBareNull(e.getMessage());
    }
}
