package org.unate.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.ReadOptions;

/**
 * A binary cache of the graphs of a dataset, keyed by (dataset checksum, {@link GraphConfig#cacheKey()},
 * {@link #FORMAT_VERSION}), so that a dataset's graphs are built once.
 *
 * <h2>What is stored</h2>
 * Per graph: id, atomic numbers, lattice ({@code [9]} float64), fractional coordinates as given
 * ({@code [nSites * 3]} float64), per-site degree, and per edge the neighbour index and the integer image.
 * Vectors and distances are <em>not</em> stored: they are recomputed on load with
 * {@link NeighborFinder#edgeVector} and {@link NeighborFinder#norm3}, the arithmetic the builder uses, so a
 * cached graph is bit-identical (float64) to a fresh build while the file holds ~5-7 bytes per edge instead of
 * 52. The build report (skipped records and why) is stored too.
 *
 * <h2>File format (version 1)</h2>
 * <pre>
 *   header (plain):  long magic "UNATEGRF"; int version; UTF datasetChecksum; UTF configKey; boolean deflated
 *   payload (deflated when flagged; big-endian DataOutput):
 *     int recordsRead; int nSkipped; nSkipped x (int position, UTF id, UTF reason)
 *     int nGraphs; nGraphs x graph
 *     graph: UTF id; int nNodes; int nEdges; byte widthFlags;
 *            nNodes x unsigned byte Z; 9 x double lattice; 3 nNodes x double frac; nNodes x int degree;
 *            nEdges x destination (unsigned short if nNodes &lt;= 65536 (flag bit 0), else int);
 *            3 nEdges x image (byte if every |n| &lt;= 127 (flag bit 1), else int)
 *   trailer (inside the deflated stream, after the payload): long CRC32 of the uncompressed payload
 * </pre>
 * Files are written to a temporary file in the cache folder and renamed into place. A file that is truncated,
 * fails its CRC, or whose header does not match is reported with a warning and rebuilt.
 */
public final class GraphCache {
    /** Bumped whenever the file layout or the graph conventions change. */
    public static final int FORMAT_VERSION = 1;
    private static final long MAGIC = 0x554E415445475246L; // "UNATEGRF"
    private static final System.Logger LOG = System.getLogger(GraphCache.class.getName());

    private GraphCache() {
    }

    /**
     * The outcome of {@link #loadOrBuild}.
     *
     * @param graphs the graphs and build report
     * @param file   the cache file
     * @param hit    true when read from the cache, false when built (and written)
     */
    public record Loaded(GraphSet graphs, Path file, boolean hit) {
    }

    /**
     * Reads the graphs from the cache under {@code cacheDir}, or builds them from {@code records} with
     * {@code threads} threads and writes the cache. A corrupt or mismatching cache file is rebuilt with a warning.
     *
     * @param datasetChecksum e.g. {@link #sha256(Path)} of the dataset file
     * @param records         called only on a cache miss
     * @param deflate         compress the payload (about half the size, slower to write)
     */
    public static Loaded loadOrBuild(Path cacheDir, String datasetChecksum, GraphConfig config,
                                     Supplier<? extends Iterator<? extends CrystalRecord>> records, int threads,
                                     GraphBuilder.BuildProgress progress, boolean deflate) throws IOException {
        Path file = cacheFile(cacheDir, datasetChecksum, config);
        if (Files.exists(file)) {
            try {
                return new Loaded(read(file, datasetChecksum, config), file, true);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "graph cache " + file + " is unreadable (" + e.getMessage()
                        + "); rebuilding it");
            }
        }
        List<CrystalGraph> graphs = new ArrayList<>();
        List<double[]> lattices = new ArrayList<>();
        List<double[]> fracs = new ArrayList<>();
        BuildReport report = GraphBuilder.of(config).forEach(records.get(), -1, threads, progress, (p, rec, g) -> {
            Structure s = rec.structure();
            graphs.add(g);
            lattices.add(GraphBuilder.latticeArray(s.lattice()));
            fracs.add(GraphBuilder.fractionalArray(s));
        });
        GraphSet set = new GraphSet(graphs, report);
        Files.createDirectories(cacheDir);
        write(file, datasetChecksum, config, set, lattices, fracs, deflate);
        return new Loaded(set, file, false);
    }

    /** {@link #loadOrBuild(Path, String, GraphConfig, Supplier, int, GraphBuilder.BuildProgress, boolean)}, deflated. */
    public static Loaded loadOrBuild(Path cacheDir, String datasetChecksum, GraphConfig config,
                                     Supplier<? extends Iterator<? extends CrystalRecord>> records, int threads)
            throws IOException {
        return loadOrBuild(cacheDir, datasetChecksum, config, records, threads, GraphBuilder.BuildProgress.NONE, true);
    }

    /**
     * The key of the structures a dataset file gives under some read options: the file's SHA-256 alone for the
     * default options (so caches written before options existed stay valid), else the SHA-256 followed by the options.
     * Another occupancy policy can give other structures from the same file, so it must not share their cache.
     */
    public static String sourceKey(String datasetSha256, ReadOptions read) {
        if (read == null || read.equals(ReadOptions.DEFAULT)) {
            return datasetSha256;
        }
        return datasetSha256 + "+read:" + read.occupancy() + "," + read.mergeTolerance() + ","
                + read.occupancyTolerance();
    }

    /** The cache file for this key: {@code graphs-<first 16 hex digits of SHA-256 of the key>.bin}. */
    public static Path cacheFile(Path cacheDir, String datasetChecksum, GraphConfig config) {
        String key = datasetChecksum + "|" + config.cacheKey() + "|v" + FORMAT_VERSION;
        return cacheDir.resolve("graphs-" + sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16) + ".bin");
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a cache file atomically (temporary file + rename).
     *
     * @param lattices per graph, row-major {@code [9]}
     * @param fracs    per graph, the fractional coordinates the graph was built from, {@code [nNodes * 3]}
     */
    public static void write(Path file, String datasetChecksum, GraphConfig config, GraphSet set,
                             List<double[]> lattices, List<double[]> fracs, boolean deflate) throws IOException {
        Objects.requireNonNull(datasetChecksum, "datasetChecksum");
        List<CrystalGraph> graphs = set.graphs();
        if (lattices.size() != graphs.size() || fracs.size() != graphs.size()) {
            throw new IllegalArgumentException("need one lattice and one coordinate array per graph");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Deflater deflater = null;
        try {
            try (OutputStream fos = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                DataOutputStream head = new DataOutputStream(fos);
                head.writeLong(MAGIC);
                head.writeInt(FORMAT_VERSION);
                head.writeUTF(datasetChecksum);
                head.writeUTF(config.cacheKey());
                head.writeBoolean(deflate);
                head.flush();
                deflater = deflate ? new Deflater(Deflater.BEST_SPEED) : null;
                OutputStream body = deflate ? new DeflaterOutputStream(fos, deflater, 1 << 16) : fos;
                CheckedOutputStream checked = new CheckedOutputStream(body, new CRC32());
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
                writePayload(out, set, lattices, fracs);
                out.flush();
                DataOutputStream trailer = new DataOutputStream(body);
                trailer.writeLong(checked.getChecksum().getValue());
                trailer.flush();
                if (body instanceof DeflaterOutputStream d) {
                    d.finish();
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            if (deflater != null) {
                deflater.end();
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static void writePayload(DataOutputStream out, GraphSet set, List<double[]> lattices,
                                     List<double[]> fracs) throws IOException {
        BuildReport r = set.report();
        out.writeInt(r.recordsRead());
        out.writeInt(r.skipped().size());
        for (BuildReport.Skipped s : r.skipped()) {
            out.writeInt(s.position());
            out.writeUTF(s.id());
            String reason = s.reason() == null ? "" : s.reason();
            out.writeUTF(reason.length() > 2000 ? reason.substring(0, 2000) : reason);
        }
        List<CrystalGraph> graphs = set.graphs();
        out.writeInt(graphs.size());
        for (int gi = 0; gi < graphs.size(); gi++) {
            CrystalGraph g = graphs.get(gi);
            int n = g.numNodes(), e = g.numEdges();
            double[] lat = lattices.get(gi), frac = fracs.get(gi);
            if (lat.length != 9 || frac.length != 3 * n) {
                throw new IllegalArgumentException("graph " + g.id() + ": geometry does not match its " + n + " nodes");
            }
            int[] img = g.image();
            boolean shortDst = n <= 65536;
            boolean byteImg = true;
            for (int v : img) {
                if (v < -127 || v > 127) {
                    byteImg = false;
                    break;
                }
            }
            out.writeUTF(g.id());
            out.writeInt(n);
            out.writeInt(e);
            out.writeByte((shortDst ? 1 : 0) | (byteImg ? 2 : 0));
            for (int z : g.atomicNumbers()) {
                out.writeByte(z);
            }
            for (double x : lat) {
                out.writeDouble(x);
            }
            for (double x : frac) {
                out.writeDouble(x);
            }
            for (int d : g.degrees()) {
                out.writeInt(d);
            }
            int[] src = g.source();
            for (int k = 1; k < e; k++) {
                if (src[k] < src[k - 1]) {
                    throw new IllegalArgumentException("graph " + g.id() + ": edges are not grouped by centre");
                }
            }
            for (int d : g.destination()) {
                if (shortDst) {
                    out.writeShort(d);
                } else {
                    out.writeInt(d);
                }
            }
            for (int v : img) {
                if (byteImg) {
                    out.writeByte(v);
                } else {
                    out.writeInt(v);
                }
            }
        }
    }

    /**
     * Reads the graphs an earlier {@link #loadOrBuild} cached in {@code cacheDir} for this dataset file and config
     * (the file is hashed once to find them).
     *
     * @throws IOException when there is no such cache file, or it is truncated, corrupt, or of another version
     */
    public static GraphSet readCached(Path cacheDir, Path dataFile, GraphConfig config) throws IOException {
        String checksum = sha256(dataFile);
        return read(cacheFile(cacheDir, checksum, config), checksum, config);
    }

    /**
     * Reads a cache file written for this dataset checksum and config.
     *
     * @throws IOException when the file is truncated, corrupt, or was written for another key or version
     */
    public static GraphSet read(Path file, String datasetChecksum, GraphConfig config) throws IOException {
        Inflater inflater = null;
        try (InputStream fis = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream head = new DataInputStream(fis);
            if (head.readLong() != MAGIC) {
                throw new IOException(file + ": not a graph cache file (bad magic)");
            }
            int version = head.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + ": format version " + version + ", expected " + FORMAT_VERSION);
            }
            String sum = head.readUTF();
            String key = head.readUTF();
            if (!sum.equals(datasetChecksum) || !key.equals(config.cacheKey())) {
                throw new IOException(file + ": written for dataset " + sum + " / " + key + ", expected "
                        + datasetChecksum + " / " + config.cacheKey());
            }
            boolean deflated = head.readBoolean();
            inflater = deflated ? new Inflater() : null;
            InputStream body = deflated ? new InflaterInputStream(fis, inflater, 1 << 16) : fis;
            CrcInput crcIn = new CrcInput(body);
            DataInputStream in = new DataInputStream(crcIn);
            GraphSet set;
            long actual;
            long stored;
            try {
                set = readPayload(in, file);
                actual = crcIn.crc();
                stored = in.readLong();
            } catch (EOFException e) {
                throw new IOException(file + ": truncated", e);
            }
            if (actual != stored) {
                throw new IOException(file + ": CRC mismatch (stored " + Long.toHexString(stored) + ", computed "
                        + Long.toHexString(actual) + ")");
            }
            if (in.read() != -1) {
                throw new IOException(file + ": unexpected bytes after the trailer");
            }
            return set;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt compressed data: " + e.getMessage(), e);
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** A buffered stream that keeps a CRC32 of the bytes handed out so far (not of bytes merely read ahead). */
    private static final class CrcInput extends InputStream {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private final CRC32 crc = new CRC32();
        private int pos, lim, crcPos;

        CrcInput(InputStream in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            crc.update(buf, crcPos, pos - crcPos);
            pos = lim = crcPos = 0;
            int r;
            do {
                r = in.read(buf, 0, buf.length);
            } while (r == 0);
            if (r < 0) {
                return false;
            }
            lim = r;
            return true;
        }

        /** CRC32 of every byte returned so far. */
        long crc() {
            crc.update(buf, crcPos, pos - crcPos);
            crcPos = pos;
            return crc.getValue();
        }

        @Override
        public int read() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == lim && !fill()) {
                return -1;
            }
            int k = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    private static GraphSet readPayload(DataInputStream in, Path file) throws IOException {
        int recordsRead = in.readInt();
        int nSkipped = in.readInt();
        if (recordsRead < 0 || nSkipped < 0 || nSkipped > recordsRead) {
            throw new IOException(file + ": corrupt header counts");
        }
        List<BuildReport.Skipped> skipped = new ArrayList<>(nSkipped);
        for (int i = 0; i < nSkipped; i++) {
            skipped.add(new BuildReport.Skipped(in.readInt(), in.readUTF(), in.readUTF()));
        }
        int nGraphs = in.readInt();
        if (nGraphs < 0 || nGraphs + nSkipped != recordsRead) {
            throw new IOException(file + ": corrupt graph count " + nGraphs);
        }
        List<CrystalGraph> graphs = new ArrayList<>(nGraphs);
        double[] lat = new double[9];
        for (int gi = 0; gi < nGraphs; gi++) {
            String id = in.readUTF();
            int n = in.readInt(), e = in.readInt();
            int flags = in.readByte();
            if (n < 1 || e < 0) {
                throw new IOException(file + ": graph " + gi + " (" + id + ") has corrupt sizes " + n + ", " + e);
            }
            int[] z = new int[n];
            for (int i = 0; i < n; i++) {
                z[i] = in.readUnsignedByte();
            }
            for (int k = 0; k < 9; k++) {
                lat[k] = in.readDouble();
            }
            double[] frac = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                frac[k] = in.readDouble();
            }
            int[] src = new int[e];
            int at = 0;
            for (int i = 0; i < n; i++) {
                int deg = in.readInt();
                if (deg < 0 || at + deg > e) {
                    throw new IOException(file + ": graph " + id + " has corrupt degrees");
                }
                java.util.Arrays.fill(src, at, at + deg, i);
                at += deg;
            }
            if (at != e) {
                throw new IOException(file + ": graph " + id + " degrees sum to " + at + ", expected " + e);
            }
            int[] dst = new int[e];
            for (int k = 0; k < e; k++) {
                dst[k] = (flags & 1) != 0 ? in.readUnsignedShort() : in.readInt();
                if (dst[k] >= n) {
                    throw new IOException(file + ": graph " + id + " has a neighbour index out of range");
                }
            }
            int[] img = new int[3 * e];
            for (int k = 0; k < 3 * e; k++) {
                img[k] = (flags & 2) != 0 ? in.readByte() : in.readInt();
            }
            double[] vec = new double[3 * e], dist = new double[e];
            for (int k = 0; k < e; k++) {
                NeighborFinder.edgeVector(lat, frac, src[k], dst[k], img[3 * k], img[3 * k + 1], img[3 * k + 2],
                        vec, 3 * k);
                dist[k] = NeighborFinder.norm3(vec, 3 * k);
            }
            graphs.add(new CrystalGraph(id, z, src, dst, img, dist, vec));
        }
        return new GraphSet(graphs, new BuildReport(recordsRead, nGraphs, skipped));
    }

}
