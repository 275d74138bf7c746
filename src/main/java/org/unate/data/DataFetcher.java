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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>A dataset that can be neither copied nor downloaded fails with a {@link DatasetUnavailableException} that names
 * the mirror folder looked at, the URL tried and the network error, and says how to point {@code UNATE_DATA_MIRROR}
 * at a copy. Once a host cannot be reached at all (no network, no DNS, refused), later downloads from the same host
 * are not tried again, so a run without network fails in seconds rather than one connect timeout per dataset.
 */
public final class DataFetcher {
    /** Default connect timeout of a download. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Default wait for the response headers of a download (the body may take longer). */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(120);

    private final DataCatalog catalog;
    private final DataMirror mirror;
    private final PrintStream log;
    private final boolean offline;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    /** Host -> why it could not be reached, for hosts that failed at the connection level in this run. */
    private final Map<String, String> unreachable = new HashMap<>();

    public DataFetcher(DataCatalog catalog, Optional<Path> mirror, boolean offline, PrintStream log) {
        this(catalog, mirror.map(DataMirror::of).orElseGet(() -> new DataMirror(Optional.empty(), "none given")),
                offline, log);
    }

    public DataFetcher(DataCatalog catalog, DataMirror mirror, boolean offline, PrintStream log) {
        this(catalog, mirror, offline, log, CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
    }

    private DataFetcher(DataCatalog catalog, DataMirror mirror, boolean offline, PrintStream log,
                        Duration connectTimeout, Duration responseTimeout) {
        this.catalog = catalog;
        this.mirror = mirror;
        this.offline = offline;
        this.log = log;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    /** This fetcher with other download timeouts: to connect, and to receive the response headers. */
    public DataFetcher withTimeouts(Duration connect, Duration response) {
        return new DataFetcher(catalog, mirror, offline, log, connect, response);
    }

    /** The mirror folder from {@code UNATE_DATA_MIRROR}, or {@code <root>/../shared/data} when it exists. */
    public static Optional<Path> defaultMirror(Path projectRoot) {
        return DataMirror.resolve(projectRoot, null).dir();
    }

    /** The mirror this fetcher copies from. */
    public DataMirror mirror() {
        return mirror;
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
        List<String> tried = new ArrayList<>();
        if (spec.mirror() != null) {
            Optional<Path> src = mirror.find(spec.mirror().file());
            if (src.isPresent()) {
                Path dst = dir.resolve(src.get().getFileName());
                log.printf(Locale.ROOT, "%-20s from mirror %s%n", name, src.get());
                copy(src.get(), dst);
                return verify(spec, spec.mirror(), dst);
            }
            String why = mirror.whyNot(spec.mirror().file());
            log.printf(Locale.ROOT, "%-20s not from a mirror: %s%n", name, why);
            tried.add(why);
        }
        if (spec.official() == null || spec.official().url() == null || spec.official().url().isBlank()) {
            tried.add(spec.official() == null ? "no download: the catalogue lists no official source"
                    : "no download: the catalogue gives no URL for " + spec.official().file());
            throw unavailable(spec, dir, tried, null);
        }
        URI url;
        try {
            url = URI.create(spec.official().url());
        } catch (IllegalArgumentException e) {
            tried.add("no download: the catalogue's URL '" + spec.official().url() + "' is not valid ("
                    + Failures.message(e) + ")");
            throw unavailable(spec, dir, tried, e);
        }
        if (offline) {
            tried.add("no download of " + url + ": downloads are off (--offline)");
            throw unavailable(spec, dir, tried, null);
        }
        String host = url.getHost() == null ? url.toString() : url.getHost();
        if (unreachable.containsKey(host)) {
            tried.add("download of " + url + " not tried: " + host + " was unreachable a moment ago ("
                    + unreachable.get(host) + ")");
            throw unavailable(spec, dir, tried, null);
        }
        Path dst = dir.resolve(spec.official().file());
        try {
            download(url, dst);
        } catch (IOException e) {
            tried.add(Failures.message(e));
            throw unavailable(spec, dir, tried, e);
        }
        return verify(spec, spec.official(), dst);
    }

    private DatasetUnavailableException unavailable(DatasetSpec spec, Path dir, List<String> tried, Throwable cause) {
        String missing;
        if (spec.mirror() != null && spec.official() != null
                && !Path.of(spec.mirror().file()).getFileName().toString().equals(spec.official().file())) {
            missing = Path.of(spec.mirror().file()).getFileName() + " (mirror copy) or " + spec.official().file()
                    + " (official file)";
        } else {
            missing = spec.mirror() != null ? Path.of(spec.mirror().file()).getFileName().toString()
                    : spec.official().file();
        }
        String url = spec.official() == null || spec.official().url() == null || spec.official().url().isBlank()
                ? null : spec.official().url();
        String hint;
        if (spec.mirror() != null) {
            hint = "To use a copy, point " + DataMirror.ENV + " at a folder that holds " + spec.mirror().file()
                    + " (e.g. `" + DataMirror.ENV + "=/path/to/shared/data make data`, or `unate data --mirror DIR`)"
                    + (url != null && !offline ? ", or run where " + url + " can be reached" : "") + ".";
        } else {
            hint = (url != null ? "Download " + url + " by hand into " : "Put the file at ")
                    + dir.resolve(spec.official().file()) + (url != null ? ", or run where it can be reached." : ".");
        }
        return new DatasetUnavailableException(spec.name(), dir, missing, tried,
                spec.mirror() == null ? null : spec.mirror().file(), hint, cause);
    }

    private static void copy(Path src, Path dst) throws IOException {
        Path tmp = dst.resolveSibling(dst.getFileName() + ".part");
        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void download(URI url, Path dst) throws IOException {
        log.printf(Locale.ROOT, "downloading %s%n        -> %s%n", url, dst);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout).build();
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(url).header("User-Agent", "unate-java").timeout(responseTimeout).GET().build();
        } catch (IllegalArgumentException e) {  // e.g. a scheme other than http(s)
            throw new IOException("cannot download " + url + ": " + Failures.message(e), e);
        }
        Path tmp = dst.resolveSibling(dst.getFileName() + ".part");
        try {
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (Failures.isUnreachable(e) && url.getHost() != null) {
                    unreachable.put(url.getHost(), Failures.hint(e));
                }
                throw new IOException("download of " + url + " failed: " + Failures.describe(e), e);
            }
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw new IOException("download of " + url + " failed: HTTP " + resp.statusCode()
                        + (resp.uri().equals(url) ? "" : " from " + resp.uri()));
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

    /** Resolves every dataset of the catalogue; returns the number that failed (see {@link #fetchEach(List)}). */
    public int fetchAll() {
        return fetchEach(catalog.datasets().stream().map(DatasetSpec::name).toList());
    }

    /**
     * Resolves the named datasets, going on after a failure; returns the number that failed. Each failure is logged
     * on one line ({@code NAME FAILED: what was tried and why it failed}); when any failed, a summary follows: which
     * ones, and the files a folder given as {@code UNATE_DATA_MIRROR} should hold.
     */
    public int fetchEach(List<String> names) {
        List<String> failed = new ArrayList<>();
        List<String> mirrorFiles = new ArrayList<>();
        for (String name : names) {
            try {
                fetch(name);
            } catch (DatasetUnavailableException e) {
                failed.add(name);
                if (e.mirrorFile() != null) {
                    mirrorFiles.add(e.mirrorFile());
                }
                log.printf(Locale.ROOT, "%-20s FAILED: %s%n", name, e.reason());
            } catch (IOException | RuntimeException e) {
                failed.add(name);
                log.printf(Locale.ROOT, "%-20s FAILED: %s%n", name, Failures.message(e));
            }
        }
        if (!failed.isEmpty()) {
            log.printf(Locale.ROOT, "%n%d of %d datasets could not be resolved into %s: %s%n", failed.size(),
                    names.size(), catalog.dataDir().resolve("raw"), String.join(", ", failed));
            if (!mirrorFiles.isEmpty()) {
                log.printf(Locale.ROOT, "(%s)%nTo use a copy (no network needed), point %s at a folder that "
                        + "holds:%n", mirror.status(), DataMirror.ENV);
                for (String f : mirrorFiles) {
                    log.printf(Locale.ROOT, "    %s%n", f);
                }
                log.printf(Locale.ROOT, "and run `%s=/path/to/that/folder make data` "
                        + "(or `java -jar target/unate.jar data --mirror DIR`).%n", DataMirror.ENV);
            }
        }
        return failed.size();
    }
}
