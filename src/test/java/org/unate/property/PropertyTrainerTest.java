package org.unate.property;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.model.EdgeLayout;
import org.unate.model.EpochRecord;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.model.ProgressBarListener;
import org.unate.model.TrainingHistory;
import org.unate.model.TrainingListener;
import org.unate.nn.Tensors;
import org.unate.nn.TfSessions;
import org.unate.testing.TinyGraphs;

class PropertyTrainerTest {
    private static final List<CrystalGraph> DATA = SyntheticGraphs.generate(160, 900, 8, 42);
    private static final double[] Y = SyntheticGraphs.targets(DATA);
    private static final List<CrystalGraph> TRAIN = DATA.subList(0, 128);
    private static final List<CrystalGraph> VAL = DATA.subList(128, 160);
    private static final double[] Y_TRAIN = Arrays.copyOfRange(Y, 0, 128);
    private static final double[] Y_VAL = Arrays.copyOfRange(Y, 128, 160);

    /** Small and quick: H 16, 2 convolutions, batch 16. */
    static TrainConfig small(int epochs) {
        return TrainConfig.defaults().withModel(ModelConfig.cgcnn().withWidths(16, 2, 16)).withBatchSize(16)
                .withEpochs(epochs).withSeed(3).withLearningRate(3e-3, 1e-5);
    }

    private static TrainedModel shared;

    @BeforeAll
    static void trainOnce() {
        shared = PropertyTrainer.train(TRAIN, Y_TRAIN, VAL, Y_VAL, small(12), TrainingListener.silent());
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    void trainingReducesTheLossAndKeepsTheBestEpoch() {
        TrainingHistory h = shared.history();
        assertEquals(12, h.epochs().size());
        List<EpochRecord> e = h.epochs();
        assertTrue(e.get(e.size() - 1).trainLoss() < 0.6 * e.get(0).trainLoss(),
                "train loss " + e.get(0).trainLoss() + " -> " + e.get(e.size() - 1).trainLoss());
        double predictMean = PropertyTrainer.mae(constant(Y_VAL.length, shared.scaler().mean()), Y_VAL);
        assertTrue(h.bestValMae() < predictMean, "best val MAE " + h.bestValMae() + " vs mean predictor " + predictMean);
        // the kept weights are the best epoch's: validation MAE now equals the best recorded
        assertEquals(h.bestValMae(), PropertyTrainer.mae(shared.predict(VAL), Y_VAL), 1e-5);
        int best = 0;
        for (EpochRecord r : e) {
            if (r.valMae() == h.bestValMae()) {
                best = r.epoch();
            }
        }
        assertEquals(best, h.bestEpoch());
        assertEquals("epoch cap", h.stopReason());
        // learning rate follows the cosine down to (almost) the minimum
        assertTrue(e.get(0).learningRate() > e.get(e.size() - 1).learningRate());
        assertTrue(e.get(e.size() - 1).learningRate() < 1e-4);
        assertTrue(h.toCsv().startsWith(EpochRecord.CSV_HEADER));
    }

    @Test
    void batchStatisticsPredictionsDependOnTheBatchAndChangeNothing() {
        double[] before = shared.predict(VAL);
        double[] whole = shared.predictWithBatchStatistics(TRAIN);
        assertEquals(TRAIN.size(), whole.length);
        // the first crystal among other company: batch statistics move its prediction; moving ones would not
        double[] small = shared.predictWithBatchStatistics(List.of(TRAIN.get(0), VAL.get(0), VAL.get(1)));
        assertEquals(3, small.length);
        assertNotEquals(whole[0], small[0]);
        assertTrue(Arrays.stream(whole).allMatch(Double::isFinite));
        assertArrayEquals(before, shared.predict(VAL), 0.0, "the model changed");
    }

    private static double[] constant(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    @Test
    void sameSeedSameThreadsGiveBitwiseEqualRuns() {
        TrainConfig cfg = small(2);
        List<CrystalGraph> tr = TRAIN.subList(0, 64);
        double[] y = Arrays.copyOf(Y_TRAIN, 64);
        try (TrainedModel a = PropertyTrainer.train(tr, y, VAL, Y_VAL, cfg, null);
             TrainedModel b = PropertyTrainer.train(tr, y, VAL, Y_VAL, cfg, null);
             TrainedModel c = PropertyTrainer.train(tr, y, VAL, Y_VAL, cfg.withSeed(4), null)) {
            for (int k = 0; k < 2; k++) {
                EpochRecord ra = a.history().epochs().get(k);
                EpochRecord rb = b.history().epochs().get(k);
                assertEquals(ra.trainLoss(), rb.trainLoss(), 0.0);
                assertEquals(ra.trainMae(), rb.trainMae(), 0.0);
                assertEquals(ra.valMae(), rb.valMae(), 0.0);
            }
            assertArrayEquals(a.predict(VAL), b.predict(VAL), 0.0);
            assertNotEquals(a.history().epochs().get(0).trainLoss(), c.history().epochs().get(0).trainLoss());
        }
    }

    @Test
    void predictionsDoNotDependOnBatchOrAtomOrder() {
        List<CrystalGraph> tiny = TinyGraphs.allKnn();
        List<CrystalGraph> mixed = new ArrayList<>(tiny);
        mixed.addAll(VAL.subList(0, 10));
        double[] together = shared.predict(mixed);
        for (int k = 0; k < mixed.size(); k++) {
            double alone = shared.predict(List.of(mixed.get(k)))[0];
            assertEquals(alone, together[k], 1e-5 * Math.max(1, Math.abs(alone)), mixed.get(k).id());
        }
        // reversed order, other batch sizes
        List<CrystalGraph> reversed = new ArrayList<>(mixed);
        java.util.Collections.reverse(reversed);
        double[] back = shared.predict(reversed);
        for (int k = 0; k < mixed.size(); k++) {
            assertEquals(together[k], back[mixed.size() - 1 - k], 1e-5 * Math.max(1, Math.abs(together[k])));
        }
        // atoms renumbered
        CrystalGraph nacl = tiny.get(0);
        CrystalGraph shuffled = TinyGraphs.permute(nacl, new int[] {5, 2, 7, 0, 1, 6, 4, 3});
        assertFalse(Arrays.equals(nacl.atomicNumbers(), shuffled.atomicNumbers()));
        assertEquals(shared.predict(List.of(nacl))[0], shared.predict(List.of(shuffled))[0], 1e-5);
        CrystalGraph syn = VAL.get(3);
        int[] perm = new int[syn.numNodes()];
        for (int k = 0; k < perm.length; k++) {
            perm[k] = perm.length - 1 - k;
        }
        assertEquals(shared.predict(List.of(syn))[0], shared.predict(List.of(TinyGraphs.permute(syn, perm)))[0], 1e-5);
    }

    @Test
    void reshapeAndGatherLayoutsPredictTheSame() {
        GraphBatch b = GraphBatch.pack(VAL);
        assertTrue(EdgeLayout.regularK(b) > 0);
        assertArrayEquals(shared.model().predictGeneral(b), shared.model().predict(b), 1e-5f);
        // an irregular batch (a crystal with 13 edges on one atom) goes through the general layout
        CrystalGraph fe14 = TinyGraphs.knn("fe14", TinyGraphs.bccFe(), 14, 8.0);
        CrystalGraph fe13 = TinyGraphs.knn("fe13", TinyGraphs.bccFe(), 13, 8.0);
        double[] p = shared.predict(List.of(fe14, fe13));
        assertEquals(2, p.length);
        assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
    }

    @Test
    void textbookAndSplitEvaluationsAgree() {
        TrainConfig cfg = small(1);
        TargetScaler sc = TargetScaler.fit(Y_TRAIN);
        NodeFeaturizer f = NodeFeaturizer.parse("atomic-number");
        GraphBatch b = GraphBatch.pack(TRAIN.subList(0, 16));
        float[] t = new float[16];
        for (int k = 0; k < 16; k++) {
            t[k] = sc.forward(Y_TRAIN[k]);
        }
        try (PropertyModel fast = new PropertyModel(cfg, f, sc, true, false);
             PropertyModel naive = new PropertyModel(cfg, f, sc, false, true)) {
            // inference folds batch norm into the weights and uses the vectorised softplus: float rounding only
            float[] pn = naive.predict(b);
            float[] pf = fast.predict(b);
            for (int k = 0; k < pn.length; k++) {
                assertEquals(pn[k], pf[k], 1e-5 * Math.max(1, Math.abs(pn[k])));
            }
            // training steps: the same losses (Adam turns rounding noise in near-zero gradients into small weight
            // differences, so later steps agree to 1e-4, not bitwise)
            for (int step = 0; step < 3; step++) {
                PropertyModel.Step a = fast.trainStep(b, t, 1e-3f);
                PropertyModel.Step c = naive.trainStep(b, t, 1e-3f);
                assertEquals(c.loss(), a.loss(), 1e-4f * Math.max(1f, Math.abs(c.loss())), "step " + step);
            }
        }
    }

    @Test
    void saveLoadPredictRoundTrip(@TempDir Path dir) throws Exception {
        shared.save(dir);
        for (String f : new String[] {"config.json", "model.json", "history.csv", "checkpoint/ckpt.index",
            "saved_model/saved_model.pb"}) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        double[] before = shared.predict(VAL);
        try (TrainedModel back = TrainedModel.load(dir)) {
            assertArrayEquals(before, back.predict(VAL), 0.0);
            assertEquals(shared.config(), back.config());
            assertEquals(shared.scaler(), back.scaler());
            assertEquals(shared.history().epochs(), back.history().epochs());
            assertEquals(shared.history().bestEpoch(), back.history().bestEpoch());
        }
        // the SavedModel (general layout) gives the same numbers through its signature
        GraphBatch b = GraphBatch.pack(VAL);
        try (SavedModelBundle sm = TfSessions.loadSavedModel(dir.resolve("saved_model"), 1, 1);
             Tensor z = Tensors.ints(b.atomicNumbers(), b.numNodes());
             Tensor ng = Tensors.ints(b.nodeGraph(), b.numNodes());
             Tensor s = Tensors.ints(b.source(), b.numEdges());
             Tensor d = Tensors.ints(b.destination(), b.numEdges());
             Tensor npg = Tensors.ints(b.nodesPerGraph(), b.numGraphs());
             Tensor dist = Tensors.floats(b.distance(), b.numEdges());
             Result r = sm.call(Map.of("atomic_numbers", z, "node_graph", ng, "source", s, "destination", d,
                     "nodes_per_graph", npg, "distance", dist))) {
            float[] p = Tensors.toFloats(r.get("prediction").orElseThrow());
            for (int k = 0; k < p.length; k++) {
                assertEquals(before[k], p[k], 1e-5 * Math.max(1, Math.abs(before[k])));
            }
        }
    }

    @Test
    void fineTunedTableIsSavedAndReloaded(@TempDir Path dir) {
        TrainConfig cfg = small(2).withFeaturizer("random:trainable:1:8");
        try (TrainedModel m = PropertyTrainer.train(TRAIN.subList(0, 32), Arrays.copyOf(Y_TRAIN, 32), VAL, Y_VAL, cfg, null)) {
            m.save(dir);
            assertTrue(Files.exists(dir.resolve("element-table.json")));
            assertTrue(Files.exists(dir.resolve("element-table-trained.json")));
            var trained = m.currentTable().orElseThrow();
            assertFalse(Arrays.equals(trained.vector(26), m.model().featurizer().table().orElseThrow().vector(26)));
            try (TrainedModel back = TrainedModel.load(dir)) {
                assertArrayEquals(m.predict(VAL), back.predict(VAL), 0.0);
                assertArrayEquals(trained.vector(26), back.currentTable().orElseThrow().vector(26));
            }
        }
    }

    @Test
    void cartNetLiteTrains() {
        TrainConfig cfg = small(4).withModel(ModelConfig.cartnetLite().withWidths(16, 2, 16));
        try (TrainedModel m = PropertyTrainer.train(TRAIN, Y_TRAIN, VAL, Y_VAL, cfg, null)) {
            List<EpochRecord> e = m.history().epochs();
            assertTrue(e.get(3).trainLoss() < e.get(0).trainLoss());
            assertEquals(VAL.size(), m.predict(VAL).length);
        }
    }

    @Test
    void mseLossOneHotFeaturesAndTheProgressBar() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TrainConfig cfg = small(2).withLoss("mse").withFeaturizer("one-hot");
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
             TrainedModel m = PropertyTrainer.train(TRAIN.subList(0, 32), Arrays.copyOf(Y_TRAIN, 32), VAL, Y_VAL,
                     cfg, new ProgressBarListener(ps))) {
            assertEquals(2, m.history().epochs().size());
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("epoch 1") && out.contains("val MAE") && out.contains("stopped"), out);
    }

    @Test
    void timeBudgetStopsBeforeAnEpochThatWouldOverrun() {
        TrainConfig cfg = small(50).withTimeBudgetSeconds(1e-3);
        try (TrainedModel m = PropertyTrainer.train(TRAIN.subList(0, 32), Arrays.copyOf(Y_TRAIN, 32), VAL, Y_VAL, cfg, null)) {
            assertEquals(1, m.history().epochs().size());
            assertTrue(m.history().stopReason().startsWith("time budget"));
        }
    }

    @Test
    void patienceStopsAfterEpochsWithoutImprovement() {
        // a learning rate this high makes validation MAE bounce; the run is deterministic, so this always stops early
        TrainConfig cfg = small(40).withLearningRate(0.05, 0.05).withPatience(2);
        try (TrainedModel m = PropertyTrainer.train(TRAIN.subList(0, 48), Arrays.copyOf(Y_TRAIN, 48), VAL, Y_VAL, cfg, null)) {
            TrainingHistory h = m.history();
            assertEquals("patience", h.stopReason());
            int n = h.epochs().size();
            assertTrue(n < 40);
            assertEquals(n - 2, h.bestEpoch());
            for (EpochRecord r : h.epochs().subList(n - 2, n)) {
                assertTrue(r.valMae() >= r.bestValMae());
                assertEquals(h.epochs().get(n - 3).bestValMae(), r.bestValMae());
            }
            assertEquals(h.bestValMae(), PropertyTrainer.mae(m.predict(VAL), Y_VAL), 1e-5);
        }
    }

    @Test
    void noValidationDataKeepsTheFinalWeights() {
        try (TrainedModel m = PropertyTrainer.train(TRAIN.subList(0, 32), Arrays.copyOf(Y_TRAIN, 32), List.of(),
                new double[0], small(2), null)) {
            assertEquals(2, m.history().bestEpoch());
            assertTrue(Double.isNaN(m.history().epochs().get(1).valMae()));
        }
    }

    @Test
    void badDataIsReportedWithTheCrystal() {
        CrystalGraph empty = new CrystalGraph("empty-1", new int[0], new int[0], new int[0], new int[0], new double[0],
                new double[0]);
        List<CrystalGraph> withEmpty = new ArrayList<>(TRAIN.subList(0, 4));
        withEmpty.add(empty);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PropertyTrainer.train(
                withEmpty, new double[5], List.of(), new double[0], small(1), null));
        assertTrue(e.getMessage().contains("empty-1") && e.getMessage().contains("no atoms"), e.getMessage());

        double[] y = Arrays.copyOf(Y_TRAIN, 4);
        y[2] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> PropertyTrainer.train(
                TRAIN.subList(0, 4), y, List.of(), new double[0], small(1), null));
        assertTrue(e.getMessage().contains(TRAIN.get(2).id()) && e.getMessage().contains("missing label"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> PropertyTrainer.train(
                TRAIN.subList(0, 4), new double[3], List.of(), new double[0], small(1), null));
        assertTrue(e.getMessage().contains("4 crystals but 3 targets"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> PropertyTrainer.train(
                List.of(), new double[0], List.of(), new double[0], small(1), null));
        assertTrue(e.getMessage().contains("no training crystals"));

        e = assertThrows(IllegalArgumentException.class, () -> shared.predict(List.of(empty)));
        assertTrue(e.getMessage().contains("empty-1"));
    }

    @Test
    void configRoundTripsThroughJson() {
        TrainConfig c = small(7).withFeaturizer("random:frozen:3:16").withTimeBudgetSeconds(90).withPatience(5)
                .withThreads(2, 2).withModel(ModelConfig.cartnetLite().withFeaturizer("one-hot"));
        assertEquals(c, TrainConfig.fromJson(c.toJson()));
        assertEquals(TrainConfig.defaults(), TrainConfig.fromJson(TrainConfig.defaults().toJson()));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults().withLoss("hinge"));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.cgcnn().withBackbone("schnet"));
        assertEquals(41, ModelConfig.cgcnn().gaussianCentres().length);
        assertEquals(8.0f, ModelConfig.cgcnn().gaussianCentres()[40], 1e-6f);
        // the initialisation: torch for CGCNN, glorot for CartNet-lite and for configurations saved before it was a setting
        assertEquals("torch", ModelConfig.cgcnn().init());
        assertEquals("glorot", ModelConfig.cartnetLite().init());
        String saved = TrainConfig.defaults().toJson().replace("\"init\"", "\"unused\"");
        assertEquals("glorot", TrainConfig.fromJson(saved).model().init());
        TrainConfig glorot = small(7).withModel(ModelConfig.cgcnn().withInit("glorot"));
        assertEquals(glorot, TrainConfig.fromJson(glorot.toJson()));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.cgcnn().withInit("xavier"));
    }

    @Test
    void torchInitialisationTrainsAndDiffersFromGlorot() {
        TrainConfig torch = small(3);
        TrainConfig glorot = torch.withModel(torch.model().withInit("glorot"));
        try (TrainedModel a = PropertyTrainer.train(TRAIN, Y_TRAIN, VAL, Y_VAL, glorot, null);
             TrainedModel b = PropertyTrainer.train(TRAIN, Y_TRAIN, VAL, Y_VAL, torch, null)) {
            List<EpochRecord> e = b.history().epochs();
            assertTrue(e.get(2).trainLoss() < e.get(0).trainLoss(), "torch-initialised model does not learn");
            assertNotEquals(a.history().epochs().get(0).trainLoss(), e.get(0).trainLoss());
        }
    }
}
