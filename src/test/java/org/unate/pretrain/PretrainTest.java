package org.unate.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Element;
import org.unate.crystal.Structure;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.model.TrainingListener;
import org.unate.testing.TinyGraphs;

class PretrainTest {
    /** A small, fast encoder: CGCNN H 16, 2 layers, one thread. */
    static PretrainConfig tiny() {
        return PretrainConfig.defaults("cgcnn", 16).withThreads(1, 1).withTraining(3, 3, 1e-2, 1e-3)
                .withValidationFraction(0.0).withSeed(5);
    }

    static List<CrystalGraph> graphs() {
        List<CrystalGraph> g = new ArrayList<>();
        List<Structure> all = TinyGraphs.all();
        for (int k = 0; k < all.size(); k++) {
            g.add(TinyGraphs.knn("t" + k, all.get(k), 12, 8.0));
        }
        return g;
    }

    // ------------------------------------------------------------------ adjacency targets

    @Test
    void naclMultiplicitiesAreExact() {
        // 6 nearest neighbours within 3 A: each Na touches three Cl of the conventional cell twice (two images along
        // one axis) and the fourth Cl not at all; likewise each Cl
        CrystalGraph g = TinyGraphs.knn("nacl", TinyGraphs.nacl(), 6, 3.0);
        int[] m = AdjacencyTargets.multiplicity(g);
        int n = 8;
        for (int i = 0; i < n; i++) {
            int twos = 0;
            int zeros = 0;
            for (int j = 0; j < n; j++) {
                boolean opposite = (i < 4) != (j < 4);
                if (!opposite) {
                    assertEquals(0, m[i * n + j], "same species " + i + "," + j);
                } else if (m[i * n + j] == 2) {
                    twos++;
                } else {
                    assertEquals(0, m[i * n + j]);
                    zeros++;
                }
            }
            assertEquals(3, twos, "atom " + i);
            assertEquals(1, zeros, "atom " + i);
        }
        // Na(0,0,0) and Cl(1/2,1/2,1/2) are not joined; Na(0,0,0) and Cl(1/2,0,0) twice
        assertEquals(0, m[7]);
        assertEquals(2, m[4]);
        AdjacencyTargets t = AdjacencyTargets.of(g, 5, 24, 1, new SplittableRandom(1));
        assertEquals(64, t.size(), "all ordered pairs of a small cell");
        int joined = 0;
        for (int k = 0; k < t.size(); k++) {
            assertEquals(1f, t.weights()[k]);
            joined += t.classes()[k] == 2 ? 1 : 0;
        }
        assertEquals(24, joined);
    }

    @Test
    void csclMultiplicitiesAreClampedToTheMaximumClass() {
        // within 3.7 A: Cs-Cl eight times (the cube corners), nothing else
        CrystalGraph eight = TinyGraphs.knn("cscl", TinyGraphs.cscl(), 8, 3.7);
        assertArrayEquals(new int[] {0, 8, 8, 0}, AdjacencyTargets.multiplicity(eight));
        AdjacencyTargets t = AdjacencyTargets.of(eight, 5, 24, 1, new SplittableRandom(1));
        assertArrayEquals(new int[] {0, 0, 1, 1}, t.i());
        assertArrayEquals(new int[] {0, 1, 0, 1}, t.j());
        assertArrayEquals(new int[] {0, 5, 5, 0}, t.classes());
        // within 4.2 A also the six images of the atom itself
        CrystalGraph fourteen = TinyGraphs.knn("cscl", TinyGraphs.cscl(), 14, 4.2);
        assertArrayEquals(new int[] {6, 8, 8, 6}, AdjacencyTargets.multiplicity(fourteen));
        assertArrayEquals(new int[] {5, 5, 5, 5}, AdjacencyTargets.of(fourteen, 5, 24, 1, new SplittableRandom(1))
                .classes());
    }

    @Test
    void largeCellsSampleUnjoinedPairsWithTheRightWeight() {
        CrystalGraph g = TinyGraphs.knn("nacl", TinyGraphs.nacl(), 6, 3.0);
        // treat the 8-atom cell as large: 24 joined pairs kept, 24 draws among the 40 unjoined ones
        AdjacencyTargets t = AdjacencyTargets.of(g, 5, 4, 1, new SplittableRandom(3));
        assertEquals(48, t.size());
        double unjoinedWeight = 0;
        int[] m = AdjacencyTargets.multiplicity(g);
        for (int k = 0; k < t.size(); k++) {
            if (t.classes()[k] == 0) {
                assertEquals(0, m[t.i()[k] * 8 + t.j()[k]], "a sampled pair must be unjoined");
                unjoinedWeight += t.weights()[k];
            }
        }
        assertEquals(40.0, unjoinedWeight, 1e-4, "sampled weights sum to the number of unjoined pairs");
    }

    // ------------------------------------------------------------------ views

    @Test
    void viewsAreSeededPerCrystalAndEpoch() {
        List<CrystalGraph> g = graphs();
        PretrainConfig cfg = tiny().withCorruption(0.3, 0.3, 0.0);
        Views a = Views.of(g.subList(0, 3), new int[] {0, 1, 2}, 4, cfg);
        Views b = Views.of(g.subList(0, 3), new int[] {0, 1, 2}, 4, cfg);
        assertArrayEquals(a.batch().atomicNumbers(), b.batch().atomicNumbers());
        assertArrayEquals(a.batch().source(), b.batch().source());
        Views c = Views.of(g.subList(0, 3), new int[] {0, 1, 2}, 5, cfg);
        assertFalse(java.util.Arrays.equals(a.batch().source(), c.batch().source()), "another epoch, other views");
        assertEquals(6, a.batch().numGraphs());
        assertArrayEquals(new int[] {3, 4, 5, 0, 1, 2}, a.positive());
        // masked atoms are fed as Z = 0 and only they carry species weight
        int masked = 0;
        for (int i = 0; i < a.species().length; i++) {
            boolean m = a.batch().atomicNumbers()[i] == Views.MASK;
            assertEquals(m ? 1f : 0f, a.speciesWeight()[i]);
            assertTrue(a.species()[i] >= 1);
            masked += m ? 1 : 0;
        }
        assertEquals(masked, a.maskedAtoms());
        assertTrue(masked > 0);
    }

    @Test
    void maskedSpeciesDoesNotReachTheEncoder() {
        PretrainConfig cfg = tiny().withCorruption(0.5, 0.0, 0.0);
        CrystalGraph nacl = TinyGraphs.knn("nacl", TinyGraphs.nacl(), 12, 8.0);
        Views v = Views.of(List.of(nacl, nacl), new int[] {0, 1}, 1, cfg);
        int masked = -1;
        int visible = -1;
        for (int i = 0; i < 8; i++) {
            if (v.batch().atomicNumbers()[i] == Views.MASK) {
                masked = masked < 0 ? i : masked;
            } else {
                visible = visible < 0 ? i : visible;
            }
        }
        assertTrue(masked >= 0 && visible >= 0, "seed 5 masks some atoms of view A of crystal 0, not all");
        try (PretrainModel model = new PretrainModel(cfg)) {
            // graphs do not mix in inference mode: compare view A of crystal 0, nodes 0..7
            int width = 8 * cfg.dim();
            float[] before = java.util.Arrays.copyOf(model.nodeStates(v.batch()), width);
            Views swapped = Views.of(List.of(withZ(nacl, masked, 19), nacl), new int[] {0, 1}, 1, cfg);
            assertEquals(19, swapped.species()[masked], "the target does see the new species");
            assertArrayEquals(before, java.util.Arrays.copyOf(model.nodeStates(swapped.batch()), width),
                    "encoder output unchanged");
            Views visibleChange = Views.of(List.of(withZ(nacl, visible, 19), nacl), new int[] {0, 1}, 1, cfg);
            assertFalse(java.util.Arrays.equals(before,
                    java.util.Arrays.copyOf(model.nodeStates(visibleChange.batch()), width)),
                    "a visible atom's species does change the output");
        }
    }

    private static CrystalGraph withZ(CrystalGraph g, int atom, int z) {
        int[] zs = g.atomicNumbers().clone();
        zs[atom] = z;
        return new CrystalGraph(g.id(), zs, g.source(), g.destination(), g.image(), g.distance(), g.vector());
    }

    // ------------------------------------------------------------------ training

    @Test
    void eachLossTermDecreasesOnATinyDataset() {
        List<CrystalGraph> g = graphs().subList(0, 4);
        int[] idx = {0, 1, 2, 3};
        Map<String, PretrainConfig> configs = Map.of(
                "species", tiny().withContrastive("none").withWeights(1, 0, 0).withCorruption(0.5, 0.1, 0),
                "adjacency", tiny().withContrastive("none").withWeights(0, 1, 0),
                "ntxent", tiny().withContrastive("ntxent").withWeights(0, 0, 1),
                "barlow", tiny().withContrastive("barlow").withWeights(0, 0, 1));
        for (var e : configs.entrySet()) {
            int term = e.getKey().equals("species") ? 1 : e.getKey().equals("adjacency") ? 2 : 3;
            try (PretrainModel model = new PretrainModel(e.getValue())) {
                Views v = Views.of(g, idx, 1, e.getValue());
                double first = model.trainStep(v, 1e-2f)[term];
                double last = first;
                for (int s = 0; s < 40; s++) {
                    last = model.trainStep(v, 1e-2f)[term];
                }
                assertTrue(Double.isFinite(first) && last < 0.7 * first,
                        e.getKey() + ": " + first + " -> " + last);
            }
        }
    }

    // ------------------------------------------------------------------ whole runs, export, resume

    private static Pretrainer.Spec spec(Path data, PretrainConfig cfg, boolean fresh) {
        return new Pretrainer.Spec(data, "tiny", 0, cfg, List.of(), true, null, fresh, null);
    }

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8);

    @Test
    void exportCoversEveryElementPresentAndListsTheRest(@TempDir Path tmp) throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("tiny.jsonl"), TinyGraphs.all());
        Pretrainer.Outcome o = Pretrainer.run(spec(data, tiny(), false), tmp.resolve("out"), null, QUIET);
        Set<String> present = Set.of("Na", "Cl", "Cs", "Fe", "Si", "Po", "Ti", "O");
        for (String file : new String[] {"embeddings.json", "embeddings-input.json"}) {
            AtomEmbeddings t = AtomEmbeddings.load(tmp.resolve("out").resolve(file));
            assertEquals(16, t.dim());
            Set<String> have = new TreeSet<>();
            for (int z = 1; z <= Element.MAX_Z; z++) {
                if (t.has(z)) {
                    have.add(Element.ofZ(z).symbol());
                }
            }
            assertEquals(present, have, file);
            @SuppressWarnings("unchecked")
            List<String> unseen = (List<String>) t.meta().get("unseen_elements");
            assertEquals(Element.MAX_Z - present.size(), unseen.size());
            assertFalse(unseen.contains("Na"));
            assertTrue(unseen.contains("He"));
            for (String key : new String[] {"source", "dim", "structures", "epochs", "seed", "data_sha256", "config",
                "unseen_elements", "excluded_test_ids"}) {
                assertTrue(t.meta().containsKey(key), file + " meta." + key);
            }
        }
        for (int z : new int[] {11, 17, 26}) {
            float[] v = o.context().vector(z);
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-5, "context vectors are unit length");
        }
        assertTrue(Files.readString(tmp.resolve("out/history.csv")).startsWith(
                "epoch,wall_s,lr,train_loss,train_mae,val_mae,best_val_mae,species,adjacency,contrastive\n"));
    }

    @Test
    void aRunStoppedMidEpochResumesToTheSameTables(@TempDir Path tmp) throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("tiny.jsonl"), TinyGraphs.all());
        PretrainConfig cfg = tiny().withTraining(4, 3, 1e-2, 1e-3);
        Pretrainer.Outcome straight = Pretrainer.run(spec(data, cfg, false), tmp.resolve("straight"), null, QUIET);
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss, double lr) {
                if (epoch == 3 && step == 1) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> Pretrainer.run(spec(data, cfg, false), tmp.resolve("resumed"), crash, QUIET));
        assertTrue(Files.isDirectory(tmp.resolve("resumed/state/epoch-000002")));
        int[] resumedAt = {0};
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onResume(int next, int cap, double elapsed) {
                resumedAt[0] = next;
            }
        };
        Pretrainer.Outcome resumed = Pretrainer.run(spec(data, cfg, false), tmp.resolve("resumed"), spy, QUIET);
        assertEquals(3, resumedAt[0]);
        for (int z = 1; z <= Element.MAX_Z; z++) {
            assertEquals(straight.context().has(z), resumed.context().has(z));
            if (straight.context().has(z)) {
                assertArrayEquals(straight.context().vector(z), resumed.context().vector(z), "context " + z);
                assertArrayEquals(straight.input().vector(z), resumed.input().vector(z), "input " + z);
            }
        }
        assertEquals(straight.history().epochs().get(3).trainLoss(), resumed.history().epochs().get(3).trainLoss());
        // another seed gives other tables (the comparison above can fail)
        Pretrainer.Outcome other = Pretrainer.run(spec(data, cfg.withSeed(6), false), tmp.resolve("other"), null, QUIET);
        assertNotEquals(straight.context().vector(11)[0], other.context().vector(11)[0]);
    }

    /**
     * A finished run started again trains nothing and leaves its tables byte for byte as they were (sweep records
     * name a table by its SHA-256); deleted, they are exported again from the saved state.
     */
    @Test
    void aFinishedRunStartedAgainKeepsItsTables(@TempDir Path tmp) throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("tiny.jsonl"), TinyGraphs.all());
        Path out = tmp.resolve("out");
        Pretrainer.Outcome first = Pretrainer.run(spec(data, tiny(), false), out, null, QUIET);
        // mark the files: a rewrite (what a newer code version in meta would cause) would lose the marks
        Path context = out.resolve("embeddings.json");
        first.context().withMeta("marker", "kept").save(context);
        byte[] contextBytes = Files.readAllBytes(context);
        byte[] inputBytes = Files.readAllBytes(out.resolve("embeddings-input.json"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Pretrainer.Outcome again = Pretrainer.run(spec(data, tiny(), false), out, null,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertArrayEquals(contextBytes, Files.readAllBytes(context));
        assertArrayEquals(inputBytes, Files.readAllBytes(out.resolve("embeddings-input.json")));
        assertEquals("kept", again.context().meta().get("marker"));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("tables are kept as they were"), log.toString());

        Files.delete(context);
        Pretrainer.Outcome exported = Pretrainer.run(spec(data, tiny(), false), out, null, QUIET);
        assertTrue(Files.isRegularFile(context));
        assertArrayEquals(first.context().vector(26), exported.context().vector(26));
        assertFalse(exported.context().meta().containsKey("marker"));
    }

    @Test
    void anEmptyPretrainingSetIsAClearError(@TempDir Path tmp) throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("tiny.jsonl"), TinyGraphs.all().subList(0, 2));
        Path split = tmp.resolve("split.json");
        Files.writeString(split, "{\"train\": [], \"val\": [], \"test\": [\"t0\", \"t1\"]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pretrainer.run(
                new Pretrainer.Spec(data, "tiny", 0, tiny(), List.of(split), false, null, false, null),
                tmp.resolve("out"), null, QUIET));
        assertTrue(e.getMessage().contains("no structure to pretrain on") && e.getMessage().contains("2 excluded"),
                e.getMessage());
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "");
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Pretrainer.run(spec(empty, tiny(), false), tmp.resolve("out2"), null, QUIET));
        assertTrue(e2.getMessage().contains("empty.jsonl") && e2.getMessage().contains("0 read"), e2.getMessage());
        assertFalse(Files.exists(tmp.resolve("out2")), "nothing written for a refused run");
    }

    @Test
    void aTableWithABadElementSymbolNamesFileAndSymbol(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"),
                "{\"meta\": {\"name\": \"bad\"}, \"vectors\": {\"Na\": [1, 0], \"Xq\": [0, 1]}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AtomEmbeddings.load(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("Xq"), e.getMessage());
    }
}
