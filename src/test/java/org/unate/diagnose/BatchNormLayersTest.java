package org.unate.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphConfig;
import org.unate.model.ModelConfig;
import org.unate.model.TrainingListener;
import org.unate.property.PropertyTrainer;
import org.unate.property.TrainConfig;
import org.unate.property.TrainedModel;
import org.unate.testing.TinyGraphs;
import org.unate.testing.UnateCli;

/** {@code unate diagnose batchnorm-layers}: the plain-Java CGCNN and what each batch norm sees. */
class BatchNormLayersTest {
    private static List<CrystalGraph> graphs(TinyRun run) {
        return new ArrayList<>(run.dataset().graphs(GraphConfig.cgcnn()).values());
    }

    @Test
    void thePlainJavaNetworkReproducesTheModelsPredictions() {
        TinyRun run = TinyRun.get();
        List<CrystalGraph> all = graphs(run);
        try (TrainedModel m = TrainedModel.load(run.model)) {
            PlainCgcnn net = new PlainCgcnn(m);
            double[] tf = m.predict(all);
            for (int k = 0; k < all.size(); k++) {
                double plain = net.forward(all.get(k), null).prediction();
                assertEquals(tf[k], plain, 1e-4 * Math.max(1, Math.abs(tf[k])), all.get(k).id());
            }
            assertEquals(List.of("conv0.bn_filter", "conv0.bn_core", "conv0.bn_node", "conv1.bn_filter",
                    "conv1.bn_core", "conv1.bn_node"), net.batchNorms());
        }
    }

    @Test
    void theTrainingSampleStatisticsAgreeWithEachCrystalsOwn() {
        TinyRun run = TinyRun.get();
        List<CrystalGraph> pool = run.dataset().trainingGraphs(run.split, GraphConfig.cgcnn());
        List<CrystalGraph> sample = BatchNormLayers.sample(pool, new BatchNormLayers.Config(10, 1));
        List<CrystalGraph> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(1));
        assertEquals(shuffled.subList(0, 10), sample);
        assertEquals(pool.size(), BatchNormLayers.sample(pool, new BatchNormLayers.Config(10_000, 1)).size());

        try (TrainedModel m = TrainedModel.load(run.model)) {
            List<BatchNormLayers.Layer> layers = BatchNormLayers.training(m, sample);
            assertEquals(6, layers.size());
            long edges = sample.stream().mapToLong(CrystalGraph::numEdges).sum();
            long nodes = sample.stream().mapToLong(CrystalGraph::numNodes).sum();
            List<BatchNormLayers.Crystal> own = sample.stream().map(g -> BatchNormLayers.crystal(m, g)).toList();
            Map<String, float[]> vars = m.variables();
            for (BatchNormLayers.Layer l : layers) {
                assertEquals(l.name().endsWith("bn_node") ? nodes : edges, l.rows(), l.name());
                // the sample's per-crystal max |z| are the crystals' own, sorted
                double[] z = own.stream().mapToDouble(c -> c.zMax().get(l.name()).value()).sorted().toArray();
                assertArrayEquals(z, l.zMax(), 0.0, l.name());
                float[] mv = vars.get(l.name() + ".moving_variance");
                double min = Double.MAX_VALUE;
                for (float v : mv) {
                    min = Math.min(min, v);
                }
                assertEquals(min, l.minMovingVariance(), 0.0);
                assertTrue(l.varianceRatio() > 0, l.name());
            }
        }
    }

    @Test
    void theCommandReportsEveryBatchNormAndEachChosenCrystal() {
        TinyRun run = TinyRun.get();
        String id = run.split.test().get(0);
        UnateCli.Result cli = UnateCli.run("diagnose", "batchnorm-layers", "--data", run.data.toString(), "--no-graph-cache",
                "--split", run.splitFile.toString(), "--model", run.model.toString(), "--sample", "12", id, "nope");
        assertEquals(0, cli.code(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(run.model.toString(), lines.get(0));
        assertEquals("12 training crystals: input variance / moving variance (largest over channels), per-crystal max "
                + "|z| (median, p99, p99.9, max)", lines.get(1));
        for (int b = 0; b < 6; b++) {
            assertTrue(lines.get(2 + b).matches("  conv[01]\\.bn_(filter|core|node) +min moving var .* max\\|z\\|( +[0-9.]+){4}"),
                    lines.get(2 + b));
        }
        Matcher p = Pattern.compile(Pattern.quote(id) + " \\(Z \\[[0-9, ]+\\]\\): prediction (\\S+) \\(plain Java (\\S+)\\); "
                + "max\\|z\\| per batch norm:").matcher(lines.get(8));
        assertTrue(p.matches(), lines.get(8));
        assertEquals(Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2)), 0.0015);
        for (int b = 0; b < 6; b++) {
            assertTrue(lines.get(9 + b).matches("  conv[01]\\.bn_\\w+ +[0-9.]+ \\(channel [0-7]\\)"), lines.get(9 + b));
        }
        assertEquals("nope: no graph (not in the dataset, or a site without neighbours)", lines.get(15));
        assertEquals(16, lines.size());
    }

    @Test
    void onlyACgcnnWithAtomicNumberFeaturesCanBeReEvaluated() {
        List<CrystalGraph> g = TinyGraphs.allKnn();
        double[] y = {1, 2, 3, 4, 5, 6};
        TrainConfig oneHot = TrainConfig.defaults().withModel(ModelConfig.cgcnn().withWidths(8, 1, 8)
                .withFeaturizer("one-hot")).withEpochs(1).withBatchSize(6).withThreads(1, 1);
        try (TrainedModel m = PropertyTrainer.train(g, y, g, y, oneHot, TrainingListener.silent())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlainCgcnn(m));
            assertTrue(e.getMessage().contains("needs a cgcnn backbone with atomic-number features, got cgcnn with one-hot"),
                    e.getMessage());
        }
    }
}
