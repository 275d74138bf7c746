package org.unate.graph.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.graph.BuildReport;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;

/**
 * Times graph building on a list of structures (parsing excluded), single-threaded and with T threads, best of
 * R passes, and optionally runs the Python peers on the same structures in the same run.
 * <p>Graphs are built and dropped (edges counted), so all-within-8-angstrom graphs of a whole dataset do not
 * need to fit in memory. Peak memory is the JVM's peak heap over the measurement and the process's peak
 * resident set ({@code VmHWM}, Linux only).
 */
public final class GraphBenchmark {
    private GraphBenchmark() {
    }

    /**
     * One timed configuration.
     *
     * @param config         the graph config
     * @param threads        worker threads
     * @param structures     structures built per pass
     * @param skipped        structures skipped per pass (isolated sites etc.)
     * @param edges          directed edges per pass
     * @param seconds        wall time of every pass
     * @param peakHeapBytes  peak JVM heap use during the passes
     */
    public record Measurement(GraphConfig config, int threads, int structures, int skipped, long edges,
                              double[] seconds, long peakHeapBytes) {
        public double bestSeconds() {
            double b = Double.POSITIVE_INFINITY;
            for (double s : seconds) {
                b = Math.min(b, s);
            }
            return b;
        }

        public double structuresPerSecond() {
            return (structures + skipped) / bestSeconds();
        }

        public double edgesPerSecond() {
            return edges / bestSeconds();
        }

        public String line() {
            return String.format(Locale.ROOT, "java %-40s threads=%d  %8.3f s  %10.1f structures/s  %12.0f edges/s"
                            + "  edges=%d  skipped=%d  peak heap %.0f MB", label(config), threads, bestSeconds(),
                    structuresPerSecond(), edgesPerSecond(), edges, skipped, peakHeapBytes / 1e6);
        }
    }

    /**
     * One method timed by a Python peer.
     *
     * @param source  the script that ran it
     * @param method  the method's name in the script's output
     */
    public record PeerResult(String source, String method, int structures, long edges, double bestSeconds,
                             double structuresPerSecond, double edgesPerSecond) {
        public String line() {
            return String.format(Locale.ROOT, "peer %-40s            %8.3f s  %10.1f structures/s  %12.0f edges/s"
                    + "  edges=%d  (%s)", method, bestSeconds, structuresPerSecond, edgesPerSecond, edges, source);
        }
    }

    /** Short label of a config: "k12<=8.0A" or "all<=5.0A". */
    public static String label(GraphConfig c) {
        return c.mode() == GraphConfig.Mode.K_NEAREST
                ? "k" + c.maxNeighbors() + " within " + c.cutoff() + " A" : "all within " + c.cutoff() + " A";
    }

    /** Times building every structure's graph, best of {@code repeats} passes (after one warm-up pass). */
    public static Measurement time(List<Structure> structures, GraphConfig config, int threads, int repeats,
                                   boolean warmUp) {
        List<CrystalRecord> records = new ArrayList<>(structures.size());
        for (int i = 0; i < structures.size(); i++) {
            records.add(new CrystalRecord(Integer.toString(i), structures.get(i), java.util.Map.of()));
        }
        GraphBuilder builder = GraphBuilder.of(config);
        if (warmUp) {
            pass(builder, records, threads);
        }
        resetPeaks();
        double[] secs = new double[repeats];
        long edges = 0;
        BuildReport rep = null;
        for (int r = 0; r < repeats; r++) {
            long[] e = new long[1];
            long t0 = System.nanoTime();
            rep = builder.forEach(records.iterator(), records.size(), threads, null, (p, rec, g) -> e[0] += g.numEdges());
            secs[r] = (System.nanoTime() - t0) / 1e9;
            edges = e[0];
        }
        return new Measurement(config, threads, rep.built(), rep.skipped().size(), edges, secs, peakHeap());
    }

    private static void pass(GraphBuilder b, List<CrystalRecord> records, int threads) {
        b.forEach(records.iterator(), records.size(), threads, null, (p, rec, g) -> { });
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset, bytes. */
    public static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                s += p.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    /** Peak resident set size of this process (VmHWM) in bytes, or -1 where /proc is unavailable. */
    public static long peakResidentBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    String[] p = l.trim().split("\\s+");
                    return Long.parseLong(p[1]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Runs the peers' {@code neighbors.py N --repeat R --json PATH [--data FILE] [--cutoff C]} (pymatgen
     * get_all_neighbors / get_neighbor_list and ASE on the first N records, CIFs parsed by the script) and returns
     * its timings.
     *
     * @param python  e.g. {@code /usr/bin/python3}
     * @param script  path to {@code neighbors.py}
     * @param data    the JARVIS file, or null for the script's default
     */
    public static List<PeerResult> runNeighborsPy(Path python, Path script, int n, int repeat, Path data,
                                                  double cutoff, long timeoutSeconds) throws IOException {
        Path json = Files.createTempFile("peer-neighbors-", ".json");
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), Integer.toString(n),
                    "--repeat", Integer.toString(repeat), "--cutoff", Double.toString(cutoff), "--json",
                    json.toString()));
            if (data != null) {
                cmd.add("--data");
                cmd.add(data.toString());
            }
            runProcess(cmd, timeoutSeconds);
            return parsePeerJson(script.getFileName().toString(), json);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /**
     * Runs {@code scripts/peer-neighbors.py N --structures-only --time R} (pymatgen get_neighbor_list within 8 and
     * 5 angstrom, and within 8 angstrom + top 12, on the CIFs' literal cells) and returns its timings.
     */
    public static List<PeerResult> runPeerNeighborsScript(Path python, Path script, Path peersDir, int n,
                                                          int repeat, Path data, long timeoutSeconds)
            throws IOException {
        Path json = Files.createTempFile("peer-timing-", ".json");
        Path out = Files.createTempFile("peer-structures-", ".jsonl");
        try {
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), Integer.toString(n),
                    "--structures-only", "--time", Integer.toString(repeat), "--timing-json", json.toString(),
                    "--out", out.toString()));
            if (peersDir != null) {
                cmd.add("--peers");
                cmd.add(peersDir.toString());
            }
            if (data != null) {
                cmd.add("--data");
                cmd.add(data.toString());
            }
            runProcess(cmd, timeoutSeconds);
            return parsePeerJson(script.getFileName().toString(), json);
        } finally {
            Files.deleteIfExists(json);
            Files.deleteIfExists(out);
        }
    }

    static List<PeerResult> parsePeerJson(String source, Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        int n = root.path("n_structures").asInt();
        List<PeerResult> out = new ArrayList<>();
        for (Iterator<String> it = root.path("methods").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode m = root.path("methods").path(name);
            long edges = m.has("edges") ? m.get("edges").asLong() : m.path("total_edges").asLong();
            out.add(new PeerResult(source, name, n, edges, m.path("seconds_best").asDouble(),
                    m.path("structures_per_s").asDouble(), m.path("edges_per_s").asDouble()));
        }
        return out;
    }

    private static void runProcess(List<String> cmd, long timeoutSeconds) throws IOException {
        Path log = Files.createTempFile("peer-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + cmd, e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                String text = Files.readString(log);
                throw new IOException("exit status " + p.exitValue() + " from " + String.join(" ", cmd) + ":\n"
                        + text.substring(Math.max(0, text.length() - 2000)));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Benchmark from the command line (the {@code bench graphs} command calls the same methods):
     * {@code GraphBenchmark FILE.jsonl [--threads T] [--repeat R] [--limit N] [--peers DIR] [--data FILE]
     * [--peer-script scripts/peer-neighbors.py] [--neighbors-py]}; FILE.jsonl is written by
     * {@code scripts/peer-neighbors.py}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: GraphBenchmark FILE.jsonl [--threads T] [--repeat R] [--limit N] "
                    + "[--peer-script PATH] [--peers DIR] [--data FILE] [--neighbors-py]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int threads = 2, repeat = 3, limit = Integer.MAX_VALUE;
        Path peerScript = null, peers = null, data = null;
        boolean neighborsPy = false, hold = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--peer-script" -> peerScript = Path.of(args[++i]);
                case "--peers" -> peers = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--neighbors-py" -> neighborsPy = true;
                case "--hold" -> hold = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        List<PeerNeighborFile.Entry> entries = PeerNeighborFile.read(file);
        List<Structure> structures = new ArrayList<>();
        for (PeerNeighborFile.Entry e : entries.subList(0, Math.min(limit, entries.size()))) {
            structures.add(e.structure());
        }
        int sites = structures.stream().mapToInt(Structure::size).sum();
        System.out.printf(Locale.ROOT, "# %d structures, %d sites, read in %.1f s (excluded); %d cpus, %s %s%n",
                structures.size(), sites, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (hold) {
            // cold build of every graph, kept in memory (what a training run does before its first epoch)
            List<CrystalRecord> records = new ArrayList<>();
            for (int i = 0; i < structures.size(); i++) {
                records.add(new CrystalRecord(entries.get(i).id(), structures.get(i), java.util.Map.of()));
            }
            for (GraphConfig c : List.of(GraphConfig.cgcnn(), GraphConfig.radius(5.0))) {
                long t1 = System.nanoTime();
                org.unate.graph.GraphSet set = GraphBuilder.of(c).buildAll(records, threads, null);
                double sec = (System.nanoTime() - t1) / 1e9;
                System.out.printf(Locale.ROOT, "hold %-40s threads=%d  %8.3f s (cold, kept in memory)  %d graphs, "
                                + "%d edges, %d skipped; peak resident set %.0f MB%n", label(c), threads, sec,
                        set.size(), set.numEdges(), set.report().skipped().size(), peakResidentBytes() / 1e6);
            }
        }
        List<GraphConfig> configs = List.of(GraphConfig.radius(8.0), GraphConfig.cgcnn(), GraphConfig.radius(5.0));
        for (GraphConfig c : configs) {
            System.out.println(time(structures, c, 1, repeat, true).line());
            if (threads > 1) {
                System.out.println(time(structures, c, threads, repeat, true).line());
            }
        }
        System.out.printf(Locale.ROOT, "# peak resident set %.0f MB%n", peakResidentBytes() / 1e6);
        Path python = Path.of("/usr/bin/python3");
        if (peerScript != null) {
            for (PeerResult r : runPeerNeighborsScript(python, peerScript, peers, structures.size(), repeat, data,
                    3600)) {
                System.out.println(r.line());
            }
        }
        if (neighborsPy && peers != null) {
            for (PeerResult r : runNeighborsPy(python, peers.resolve("neighbors.py"), structures.size(), repeat,
                    data, 8.0, 3600)) {
                System.out.println(r.line());
            }
        }
    }
}
