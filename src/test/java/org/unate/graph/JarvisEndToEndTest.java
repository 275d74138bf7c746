package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalDataset;
import org.unate.crystal.io.DatasetOptions;
import org.unate.graph.bench.PeerNeighborFile;

/**
 * The whole path a user takes, CIF text -> our reader -> our graphs, against pymatgen's neighbour lists on the
 * first 2,000 JARVIS structures (the cell built by pymatgen from the same CIF's literal coordinates).
 * {@link PymatgenReferenceTest} checks the graphs alone; this adds our CIF reader in front of them.
 */
class JarvisEndToEndTest {
    private static final int N = 2000;
    private static final double TOL = 1e-4;

    @Test
    void cifReaderPlusGraphsAgreeWithPymatgenOnFirst2000() throws Exception {
        List<PeerNeighborFile.Entry> ref = PeerNeighborFile.read(PymatgenReferenceTest.reference(N));
        Path data = PymatgenReferenceTest.shared().resolve("data/jarvis-dft3d-2021.jsonl.gz");
        List<CrystalRecord> records = new ArrayList<>();
        try (CrystalDataset d = CrystalDataset.open(data, DatasetOptions.DEFAULT.withLimit(N).withStrict(true))) {
            d.forEach(records::add);
        }
        assertEquals(N, records.size());
        GraphBuilder all5 = GraphBuilder.of(GraphConfig.radius(5.0));
        GraphBuilder knn = GraphBuilder.of(GraphConfig.cgcnn());
        List<String> bad = new ArrayList<>();
        long compared = 0;
        for (int k = 0; k < N; k++) {
            CrystalRecord r = records.get(k);
            PeerNeighborFile.Entry e = ref.get(k);
            assertEquals(e.id(), r.id(), "record order");
            Structure ours = r.structure(), theirs = e.structure();
            assertEquals(theirs.size(), ours.size(), "sites of " + r.id());
            for (int i = 0; i < ours.size(); i++) {
                assertEquals(theirs.site(i).element(), ours.site(i).element(), r.id() + " site " + i);
            }
            double[][] d5 = PymatgenReferenceTest.perSite(all5.build(r.id(), ours));
            double[][] dk = PymatgenReferenceTest.perSite(knn.build(r.id(), ours));
            for (int i = 0; i < ours.size(); i++) {
                compared += compare(r.id() + " site " + i + " within 5 A", d5[i], e.d5()[i], bad);
                compared += compare(r.id() + " site " + i + " 12 nearest", dk[i], e.knn12()[i], bad);
            }
        }
        assertTrue(bad.isEmpty(), bad.size() + " mismatches, first: " + bad.subList(0, Math.min(10, bad.size())));
        assertTrue(compared > 1_000_000, "compared " + compared + " distances");
    }

    private static int compare(String what, double[] ours, double[] theirs, List<String> bad) {
        if (ours.length != theirs.length) {
            bad.add(what + ": " + ours.length + " neighbours, pymatgen " + theirs.length);
            return 0;
        }
        for (int t = 0; t < ours.length; t++) {
            if (Math.abs(ours[t] - theirs[t]) > TOL) {
                bad.add(what + " [" + t + "]: " + ours[t] + " vs " + theirs[t]);
            }
        }
        return ours.length;
    }
}
