package org.unate.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.model.TrainingListener;
import org.unate.nn.Params;
import org.unate.nn.Tensors;
import org.unate.nn.TfSessions;
import org.unate.testing.TinyGraphs;

class FeaturizerTest {
    @TempDir
    static Path dir;

    /** A 4-wide table with Na, Cs and Fe but no Cl. */
    private static Path tableWithoutChlorine() {
        Path f = dir.resolve("no-cl.json");
        if (!Files.exists(f)) {
            Map<Integer, float[]> v = new TreeMap<>();
            v.put(11, new float[] {1, 0, 0, 0});
            v.put(55, new float[] {0, 1, 0, 0});
            v.put(26, new float[] {0, 0, 1, 0.5f});
            AtomEmbeddings.of(v, Map.of("name", "tiny")).save(f);
        }
        return f;
    }

    private static float[] apply(NodeFeaturizer f, int width, int[] z) {
        try (Graph g = new Graph()) {
            Params p = new Params(g, 1);
            NodeFeaturizer.Layer layer = f.build(p, width);
            Operand<TInt32> zz = p.tf().constant(z);
            Operand<TFloat32> out = layer.apply(zz);
            assertArrayEquals(new long[] {z.length, width}, new long[] {z.length, out.shape().get(1)});
            try (Session s = TfSessions.open(g, 1, 1)) {
                s.initialize();
                try (Result r = s.runner().fetch(out).run()) {
                    assertArrayEquals(new long[] {z.length, width}, r.get(0).shape().asArray());
                    return Tensors.toFloats(r.get(0));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"atomic-number", "one-hot", "random:frozen", "random:trainable:3", "random:frozen:3:16",
        "table:TINY", "unate:frozen:TINY", "unate:finetune:TINY", "random:frozen:9:TINY"})
    void everySpecBuildsNodeVectorsOfWidthH(String spec) {
        String s = spec.replace("TINY", tableWithoutChlorine().toString());
        NodeFeaturizer f = NodeFeaturizer.parse(s);
        assertEquals(s, f.spec());
        float[] out = apply(f, 5, new int[] {26, 11, 26});
        assertEquals(15, out.length);
        // same element -> same vector
        assertArrayEquals(Arrays.copyOfRange(out, 0, 5), Arrays.copyOfRange(out, 10, 15));
        assertFalse(Arrays.equals(Arrays.copyOfRange(out, 0, 5), Arrays.copyOfRange(out, 5, 10)));
    }

    @Test
    void tableKindsAndWidths() {
        String tiny = tableWithoutChlorine().toString();
        assertTrue(NodeFeaturizer.parse("atomic-number").table().isEmpty());
        assertEquals(4, NodeFeaturizer.parse("table:" + tiny).table().orElseThrow().dim());
        assertFalse(NodeFeaturizer.parse("unate:frozen:" + tiny).trainableTable());
        assertTrue(NodeFeaturizer.parse("unate:finetune:" + tiny).trainableTable());
        assertEquals(92, NodeFeaturizer.parse("random:frozen").table().orElseThrow().dim());
        assertEquals(16, NodeFeaturizer.parse("random:trainable:1:16").table().orElseThrow().dim());
        assertEquals(4, NodeFeaturizer.parse("random:frozen:1:" + tiny).table().orElseThrow().dim());
        // seeded: same seed, same table; another seed, another table; every element covered
        AtomEmbeddings a = NodeFeaturizer.parse("random:frozen:5:8").table().orElseThrow();
        AtomEmbeddings b = NodeFeaturizer.parse("random:frozen:5:8").table().orElseThrow();
        AtomEmbeddings c = NodeFeaturizer.parse("random:frozen:6:8").table().orElseThrow();
        assertArrayEquals(a.vector(26), b.vector(26));
        assertFalse(Arrays.equals(a.vector(26), c.vector(26)));
        assertEquals(Element.MAX_Z, a.size());
    }

    @Test
    void cgcnnTableFromTheSharedFolder() {
        Path shared = Path.of(System.getProperty("unate.shared", "../shared"));
        Assumptions.assumeTrue(Files.isRegularFile(shared.resolve("data/embeddings/cgcnn-atom-init.json")),
                "shared folder with data/embeddings/cgcnn-atom-init.json not found (system property unate.shared)");
        NodeFeaturizer f = NodeFeaturizer.parse("table:cgcnn-92");
        assertEquals(92, f.table().orElseThrow().dim());
        assertEquals(92, NodeFeaturizer.parse("random:frozen:0:cgcnn-92").table().orElseThrow().dim());
        f.requireElements(TinyGraphs.allKnn(), "test");
    }

    @Test
    void missingElementIsNamedBeforeTraining() {
        String spec = "table:" + tableWithoutChlorine();
        CrystalGraph nacl = TinyGraphs.knn("nacl-1", TinyGraphs.nacl(), 12, 8.0);
        NodeFeaturizer f = NodeFeaturizer.parse(spec);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.requireElements(List.of(nacl), "training"));
        assertTrue(e.getMessage().contains("Cl") && e.getMessage().contains("tiny") && e.getMessage().contains("nacl-1"),
                e.getMessage());
        // the trainer raises it before any step
        boolean[] started = {false};
        TrainingListener spy = new TrainingListener() {
            @Override
            public void onStart(int epochs, int steps, int n, int nv, double budget) {
                started[0] = true;
            }
        };
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> PropertyTrainer.train(
                List.of(nacl), new double[] {1.0}, List.of(), new double[0],
                TrainConfig.defaults().withFeaturizer(spec).withEpochs(1), spy));
        assertTrue(e2.getMessage().contains("Cl"));
        assertFalse(started[0]);
        // atomic-number and one-hot accept every element
        NodeFeaturizer.parse("one-hot").requireElements(List.of(nacl), "training");
    }

    @Test
    void badSpecsAreRejectedWithTheSpec() {
        for (String s : new String[] {"", "foo", "random:warm", "random:frozen:x", "unate:frozen", "table:",
            "atomic-number:3", "unate:melt:/x.json", "table:/does/not/exist.json"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NodeFeaturizer.parse(s), s);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void frozenTablesStayFixedAndFineTunedTablesMove() {
        String tiny = tableWithoutChlorine().toString();
        List<CrystalGraph> graphs = List.of(TinyGraphs.knn("fe", TinyGraphs.bccFe(), 12, 8.0),
                TinyGraphs.knn("cs", Structure1.csFe(), 12, 8.0));
        for (String spec : new String[] {"unate:frozen:" + tiny, "unate:finetune:" + tiny, "random:frozen:2:4",
            "random:trainable:2:4"}) {
            NodeFeaturizer f = NodeFeaturizer.parse(spec);
            TrainConfig cfg = TrainConfig.defaults().withFeaturizer(spec)
                    .withModel(ModelConfig.cgcnn().withFeaturizer(spec).withWidths(8, 1, 8));
            try (PropertyModel m = new PropertyModel(cfg, f, new TargetScaler(0, 1), true)) {
                float[] before = m.tableValues().orElseThrow();
                GraphBatch b = GraphBatch.pack(graphs);
                m.trainStep(b, new float[] {1f, -1f}, 1e-2f);
                float[] after = m.tableValues().orElseThrow();
                if (f.trainableTable()) {
                    assertFalse(Arrays.equals(before, after), spec + ": a trainable table must move");
                    // only rows of elements present in the batch (Fe, Cs) receive gradient
                    int dim = f.table().orElseThrow().dim();
                    assertArrayEquals(Arrays.copyOfRange(before, 11 * dim, 12 * dim),
                            Arrays.copyOfRange(after, 11 * dim, 12 * dim));
                    assertNotEquals(before[26 * dim], after[26 * dim]);
                } else {
                    assertArrayEquals(before, after, spec + ": a frozen table must not move");
                }
            }
        }
    }

    /** A CsFe "CsCl-type" cell: both elements in the tiny table. */
    private static final class Structure1 {
        static org.unate.crystal.Structure csFe() {
            return org.unate.crystal.Structure.of(org.unate.crystal.Lattice.cubic(3.5),
                    org.unate.crystal.Site.of("Cs", 0, 0, 0), org.unate.crystal.Site.of("Fe", 0.5, 0.5, 0.5));
        }
    }
}
