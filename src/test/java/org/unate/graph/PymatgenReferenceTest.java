package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Structure;
import org.unate.graph.bench.PeerNeighborFile;
import org.unate.testing.DebianPython;

/**
 * Our graphs against pymatgen's {@code get_neighbor_list} on the first 2,000 JARVIS structures, built from the
 * same lattice matrices and literal fractional coordinates ({@code scripts/peer-neighbors.py}; its output is
 * cached under {@code target/peer-neighbors/}).
 */
class PymatgenReferenceTest {
    private static final Path PYTHON = DebianPython.PYTHON;
    private static final int N = 2000;
    private static final double TOL = 1e-4;

    static Path shared() {
        String s = System.getProperty("unate.shared");
        assumeTrue(s != null && Files.isDirectory(Path.of(s)), "shared folder absent (system property unate.shared)");
        Path p = Path.of(s);
        assumeTrue(Files.exists(p.resolve("data/jarvis-dft3d-2021.jsonl.gz")), "JARVIS data absent under " + p);
        assumeTrue(Files.exists(p.resolve("peers/jarvis_io.py")), "peers/jarvis_io.py absent under " + p);
        return p;
    }

    static void assumePymatgen() throws Exception {
        DebianPython.assumePymatgen();
    }

    static Path baseDir() {
        return DebianPython.baseDir();
    }

    static void run(List<String> cmd, long timeoutS) throws Exception {
        DebianPython.run(cmd, timeoutS);
    }

    /** The reference file for the first n records, produced once and kept under target/. */
    static Path reference(int n) throws Exception {
        Path shared = shared();
        assumePymatgen();
        Path dir = baseDir().resolve("target/peer-neighbors");
        Files.createDirectories(dir);
        Path out = dir.resolve("jarvis-" + n + ".jsonl");
        if (!Files.exists(out) || Files.size(out) == 0) {
            Path tmp = dir.resolve("jarvis-" + n + ".jsonl.tmp");
            run(List.of(PYTHON.toString(), baseDir().resolve("scripts/peer-neighbors.py").toString(),
                    Integer.toString(n), "--peers", shared.resolve("peers").toString(), "--out", tmp.toString()), 900);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** Distances of each centre's edges, in graph order: {@code [nNodes][degree]}. */
    static double[][] perSite(CrystalGraph g) {
        int[] deg = g.degrees();
        double[][] out = new double[g.numNodes()][];
        int at = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(g.distance(), at, at + deg[i]);
            at += deg[i];
        }
        return out;
    }

    @Test
    void allWithin5AndTwelveNearestWithin8MatchPymatgen() throws Exception {
        List<PeerNeighborFile.Entry> entries = PeerNeighborFile.read(reference(N));
        assertEquals(N, entries.size());
        GraphBuilder all5 = GraphBuilder.of(GraphConfig.radius(5.0));
        GraphBuilder knn = GraphBuilder.of(GraphConfig.cgcnn());
        GraphBuilder all8 = GraphBuilder.of(GraphConfig.radius(8.0));
        List<String> bad = new ArrayList<>();
        int sites = 0;
        long edges5 = 0, edges8 = 0;
        double worst = 0;
        for (PeerNeighborFile.Entry e : entries) {
            Structure s = e.structure();
            double[][] d5 = perSite(all5.build(e.id(), s)), dk = perSite(knn.build(e.id(), s));
            int[] n8 = all8.build(e.id(), s).degrees();
            for (int i = 0; i < s.size(); i++) {
                sites++;
                edges5 += d5[i].length;
                edges8 += n8[i];
                if (d5[i].length != e.d5()[i].length) {
                    bad.add(e.id() + " site " + i + ": " + d5[i].length + " within 5 A, pymatgen " + e.d5()[i].length);
                } else {
                    for (int t = 0; t < d5[i].length; t++) {
                        worst = Math.max(worst, Math.abs(d5[i][t] - e.d5()[i][t]));
                        if (Math.abs(d5[i][t] - e.d5()[i][t]) > TOL) {
                            bad.add(e.id() + " site " + i + " d5[" + t + "]: " + d5[i][t] + " vs " + e.d5()[i][t]);
                        }
                    }
                }
                if (dk[i].length != e.knn12()[i].length) {
                    bad.add(e.id() + " site " + i + ": " + dk[i].length + " nearest, pymatgen " + e.knn12()[i].length);
                } else {
                    for (int t = 0; t < dk[i].length; t++) {
                        worst = Math.max(worst, Math.abs(dk[i][t] - e.knn12()[i][t]));
                        if (Math.abs(dk[i][t] - e.knn12()[i][t]) > TOL) {
                            bad.add(e.id() + " site " + i + " knn[" + t + "]: " + dk[i][t] + " vs " + e.knn12()[i][t]);
                        }
                    }
                }
                if (n8[i] != e.n8()[i]) {
                    bad.add(e.id() + " site " + i + ": " + n8[i] + " within 8 A, pymatgen " + e.n8()[i]);
                }
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " mismatches, first: " + bad.subList(0, Math.min(10, bad.size())));
        assertEquals(27553, sites, "sites in the first 2000 JARVIS records");
        assertTrue(edges5 > 0 && edges8 > edges5);
        assertTrue(worst < 1e-7, "largest distance difference " + worst + " A");
    }

    /**
     * The peers' oracle ({@code peers/oracle.py}, pymatgen cross-checked with ASE, 300 structures) and its own
     * checker ({@code oracle_check.py}) applied to a candidate file written from our graphs.
     */
    @Test
    @Tag("slow")
    void peersOracleCheckAcceptsOurGraphs() throws Exception {
        Path shared = shared();
        assumePymatgen();
        Path dir = baseDir().resolve("target/peer-neighbors");
        Files.createDirectories(dir);
        Path oracle = dir.resolve("oracle-300.json");
        if (!Files.exists(oracle)) {
            run(List.of(PYTHON.toString(), shared.resolve("peers/oracle.py").toString(), "300", "--out",
                    oracle.toString(), "--max-mb", "100"), 900);
        }
        List<PeerNeighborFile.Entry> entries = PeerNeighborFile.read(reference(N)).subList(0, 300);
        List<Map<String, Object>> structures = new ArrayList<>();
        for (PeerNeighborFile.Entry e : entries) {
            Structure s = e.structure();
            double[][] d5 = perSite(GraphBuilder.of(GraphConfig.radius(5.0)).build(e.id(), s));
            double[][] dk = perSite(GraphBuilder.of(GraphConfig.cgcnn()).build(e.id(), s));
            int[] n8 = GraphBuilder.of(GraphConfig.radius(8.0)).build(e.id(), s).degrees();
            List<Map<String, Object>> sites = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                Map<String, Object> site = new LinkedHashMap<>();
                site.put("n8", n8[i]);
                site.put("d5", round4(d5[i]));
                site.put("knn12", round4(dk[i]));
                sites.add(site);
            }
            structures.add(Map.of("id", e.id(), "sites", sites));
        }
        Path cand = dir.resolve("candidate-300.json");
        new ObjectMapper().writeValue(cand.toFile(), Map.of("structures", structures));
        run(List.of(PYTHON.toString(), shared.resolve("peers/oracle_check.py").toString(), cand.toString(),
                "--oracle", oracle.toString()), 600);
    }

    private static double[] round4(double[] d) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = Math.round(d[i] * 1e4) / 1e4;
        }
        return r;
    }
}
