package org.unate.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Resolves the datasets of a {@link DataCatalog} into {@code data/raw/<name>/}: from a mirror folder when it holds
 * the file, otherwise by downloading the official file.
 * <p>The mirror is {@code UNATE_DATA_MIRROR} when set, else {@code ../shared/data} beside the project root when that
 * folder exists. Every resolved file is checked: its SHA-256 against the catalogue (or, for a download whose checksum
 * is not published, against the one recorded at its first download), and its record count against the catalogue's.
 * A file already resolved and still matching its recorded checksum is left alone, so the command is cheap to repeat.
 */
public final class DataFetcher {
    private final DataCatalog catalog;
    private final Optional<Path> mirror;
    private final PrintStream log;
    private final boolean offline;

    public DataFetcher(DataCatalog catalog, Optional<Path> mirror, boolean offline, PrintStream log) {
        this.catalog = catalog;
        this.mirror = mirror;
        this.offline = offline;
        this.log = log;
    }

    /** The mirror folder from {@code UNATE_DATA_MIRROR}, or {@code <root>/../shared/data} when it exists. */
    public static Optional<Path> defaultMirror(Path projectRoot) {
        String env = System.getenv("UNATE_DATA_MIRROR");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        Path shared = projectRoot.resolve("..").resolve("shared").resolve("data").normalize();
        return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
    }

    /** Resolves one dataset and returns its file. */
    public Path fetch(String name) throws IOException {
        DatasetSpec spec = catalog.spec(name);
        Path dir = catalog.rawDir(name);
        Files.createDirectories(dir);

        Optional<DataCatalog.Resolved> done = catalog.resolved(name);
        if (done.isPresent() && matchesRecordedChecksum(done.get().file())) {
            log.printf(Locale.ROOT, "%-20s up to date: %s%n", name, done.get().file());
            return done.get().file();
        }
        if (spec.mirror() != null && mirror.isPresent()) {
            Path src = mirror.get().resolve(spec.mirror().file());
            if (Files.isRegularFile(src)) {
                Path dst = dir.resolve(src.getFileName());
                log.printf(Locale.ROOT, "%-20s from mirror %s%n", name, src);
                copy(src, dst);
                return verify(spec, spec.mirror(), dst);
            }
            log.printf(Locale.ROOT, "%-20s not in mirror %s%n", name, mirror.get());
        }
        if (spec.official() == null) {
            throw new IOException("dataset '" + name + "' has no official source and no mirror holds "
                    + spec.mirror().file() + " (set UNATE_DATA_MIRROR)");
        }
        if (offline) {
            throw new IOException("dataset '" + name + "' is not in a mirror and downloads are off (--offline); "
                    + "set UNATE_DATA_MIRROR to a folder holding " + (spec.mirror() == null ? spec.official().file()
                    : spec.mirror().file()));
        }
        Path dst = dir.resolve(spec.official().file());
        download(URI.create(spec.official().url()), dst);
        return verify(spec, spec.official(), dst);
    }

    private static void copy(Path src, Path dst) throws IOException {
        Path tmp = dst.resolveSibling(dst.getFileName() + ".part");
        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void download(URI url, Path dst) throws IOException {
        log.printf(Locale.ROOT, "downloading %s%n        -> %s%n", url, dst);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(url).header("User-Agent", "unate-java").GET().build();
        Path tmp = dst.resolveSibling(dst.getFileName() + ".part");
        try {
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                throw new IOException("download of " + url + " failed: HTTP " + resp.statusCode());
            }
            long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream in = resp.body(); OutputStream out = Files.newOutputStream(tmp);
                 Progress progress = progress(total)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    progress.stepBy(n);
                }
            }
            Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " interrupted", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A download's progress: a bar on a terminal, plain lines on the log otherwise ({@link Terminal#stderr()}). */
    private interface Progress extends AutoCloseable {
        void stepBy(long n);

        @Override
        void close();
    }

    private Progress progress(long totalBytes) {
        if (Terminal.stderr()) {
            ProgressBar pb = new ProgressBarBuilder().setTaskName("download").setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" MB", 1 << 20).setInitialMax(totalBytes).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            return new Progress() {
                @Override
                public void stepBy(long n) {
                    pb.stepBy(n);
                }

                @Override
                public void close() {
                    pb.close();
                }
            };
        }
        ProgressLines lines = ProgressLines.of(log, "download", totalBytes, "MB", 1 << 20, PLAIN_INTERVAL_S);
        return new Progress() {
            @Override
            public void stepBy(long n) {
                lines.stepBy(n);
            }

            @Override
            public void close() {
                lines.close();
            }
        };
    }

    /** Seconds between two plain progress lines of a download. */
    static final int PLAIN_INTERVAL_S = 10;

    private Path verify(DatasetSpec spec, DatasetSpec.Source src, Path file) throws IOException {
        String got = sha256(file);
        Path sidecar = sidecar(file);
        String expected = src.sha256();
        if (expected == null && Files.isRegularFile(sidecar)) {
            expected = Files.readString(sidecar).trim();
        }
        if (expected != null && !expected.equalsIgnoreCase(got)) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".rejected"), StandardCopyOption.REPLACE_EXISTING);
            throw new IOException(file + ": SHA-256 " + got + " differs from the expected " + expected
                    + " (file kept as " + file.getFileName() + ".rejected)");
        }
        if (spec.records() != null) {
            long n = countRecords(file, src.format());
            if (n >= 0 && n != spec.records()) {
                throw new IOException(file + ": " + n + " records, expected " + spec.records() + " for " + spec.name());
            }
            log.printf(Locale.ROOT, "%-20s %,d records, sha256 %s%s%n", spec.name(), n, got.substring(0, 16),
                    src.sha256() == null ? " (recorded)" : " (verified)");
        } else {
            log.printf(Locale.ROOT, "%-20s sha256 %s%s%n", spec.name(), got.substring(0, 16),
                    src.sha256() == null ? " (recorded)" : " (verified)");
        }
        Files.writeString(sidecar, got + "\n");
        return file;
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    private static boolean matchesRecordedChecksum(Path file) throws IOException {
        Path sc = sidecar(file);
        return Files.isRegularFile(sc) && Files.readString(sc).trim().equalsIgnoreCase(sha256(file));
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digest as we read
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts records without parsing structures: lines of a JSON Lines file (gzip or plain), top-level elements of a
     * JSON list (plain or the first {@code .json} entry of a zip); -1 for formats without records.
     */
    public static long countRecords(Path file, String format) throws IOException {
        switch (format) {
            case "jsonl-cif": {
                InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    long n = 0;
                    for (String line; (line = r.readLine()) != null; ) {
                        if (!line.isBlank()) {
                            n++;
                        }
                    }
                    return n;
                }
            }
            case "jarvis-json": {
                try (InputStream in = openJson(file); JsonParser p = new JsonFactory().createParser(in)) {
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException(file + ": expected a JSON list of records");
                    }
                    long n = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        p.skipChildren();
                        n++;
                    }
                    return n;
                }
            }
            default:
                return -1;
        }
    }

    private static InputStream openJson(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!file.toString().endsWith(".zip")) {
            return raw;
        }
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            if (!e.isDirectory() && e.getName().endsWith(".json")) {
                return zip;
            }
        }
        zip.close();
        throw new IOException(file + ": the zip holds no .json file");
    }

    /** Resolves every dataset of the catalogue; returns the number that failed (each failure is logged). */
    public int fetchAll() {
        int failed = 0;
        for (DatasetSpec s : catalog.datasets()) {
            try {
                fetch(s.name());
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                failed++;
                log.printf(Locale.ROOT, "%-20s FAILED: %s%n", s.name(), e.getMessage());
            }
        }
        return failed;
    }
}
