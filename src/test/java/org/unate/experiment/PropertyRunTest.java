package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.property.TrainConfig;
import org.unate.property.TrainedModel;
import org.unate.model.StatusLine;
import org.unate.model.TrainingListener;

/** A whole run on a small hand-made JSON Lines dataset: files written, record consistent, reproducible. */
class PropertyRunTest {
    @TempDir
    Path tmp;

    /** Rock-salt and CsCl cells of varying lattice constant; the label is a smooth function of it. */
    private Path dataset(int n, boolean withMissingLabel) throws Exception {
        return SweepFixture.dataset(tmp.resolve("tiny.jsonl"), n, withMissingLabel ? 3 : -1);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private PropertyRun.Spec spec(Path data, double fraction) {
        TrainConfig tc = TrainConfig.defaults().withEpochs(3).withBatchSize(8).withSeed(7).withThreads(1, 1);
        return new PropertyRun.Spec(data, "tiny", "y", null, fraction, 0, null, tc, GraphConfig.radius(6.0));
    }

    @Test
    void writesRecordSplitHistoryPredictionsAndModel() throws Exception {
        Path data = dataset(60, true);
        Path out = tmp.resolve("run");
        PropertyRun.Outcome o = PropertyRun.run(spec(data, 1.0), out, TrainingListener.silent(), quiet());
        try (TrainedModel m = o.model()) {
            for (String f : List.of("result.json", "split.json", "history.csv", "test-predictions.csv",
                    "model/graph.json")) {
                assertTrue(Files.isRegularFile(out.resolve(f)), f);
            }
            ResultRecord r = ResultRecord.read(out.resolve("result.json"));
            assertEquals("y", r.property());
            assertEquals("atomic-number", r.features());
            assertEquals(Split.read(out.resolve("split.json")).hash(), r.splitHash());
            assertEquals(59, r.nTrain() + r.nVal() + r.nTest(), "the record without a label is left out");
            assertEquals(3, r.epochs());
            assertEquals(o.test().size(), r.nTest());
            assertEquals(org.unate.eval.RegressionScores.of(o.test()).mae(), r.metrics().mae(), 1e-12);

            // the saved model predicts what the trained one does
            try (TrainedModel loaded = TrainedModel.load(out.resolve("model"))) {
                Structure s = Structure.of(Lattice.cubic(3.3), Site.of("Na", 0, 0, 0), Site.of("Cl", 0.5, 0.5, 0.5));
                var g = List.of(GraphBuilder.of(PropertyRun.graphConfigOf(out.resolve("model"),
                        loaded.config().model())).build("q", s));
                assertArrayEquals(m.predict(g), loaded.predict(g), 0.0);
            }
        }
    }

    @Test
    void sameSeedSameMetricsAndFractionsAreNested() throws Exception {
        Path data = dataset(60, false);
        List<Double> maes = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            PropertyRun.Outcome o = PropertyRun.run(spec(data, 1.0), tmp.resolve("r" + k), TrainingListener.silent(), quiet());
            maes.add(o.record().metrics().mae());
            o.model().close();
        }
        assertEquals(maes.get(0), maes.get(1), 0.0, "same seed, same machine, same threads: identical metrics");
        PropertyRun.Outcome half = PropertyRun.run(spec(data, 0.5), tmp.resolve("half"), TrainingListener.silent(), quiet());
        half.model().close();
        assertEquals(24, half.record().nTrain(), "half of 48 training crystals");
    }

    @Test
    void runningAgainLoadsTheFinishedRunAndTheStatusLineSaysSo() throws Exception {
        Path data = dataset(60, false);
        Path out = tmp.resolve("twice");
        PropertyRun.Spec spec = PropertyRun.Spec.of(data, "tiny", "y", "atomic-number").withEpochs(3).withSeed(7)
                .withGraphCache(null).withGraph(GraphConfig.radius(6.0))
                .withTrain(TrainConfig.defaults().withEpochs(3).withBatchSize(8).withSeed(7).withThreads(1, 1));
        List<String> first = new ArrayList<>();
        PropertyRun.Outcome o = PropertyRun.run(spec, out, StatusLine.of("atomic-number", first::add));
        o.model().close();
        assertTrue(first.get(first.size() - 1).startsWith("atomic-number: done: 3 epochs (epoch cap)"), first.toString());

        List<String> second = new ArrayList<>();
        StatusLine status = StatusLine.of("atomic-number", second::add);
        PropertyRun.Outcome again = PropertyRun.run(spec, out, status);
        again.model().close();
        assertTrue(status.text().startsWith("atomic-number: loaded a finished run (3 epochs; stopped: epoch cap"),
                second.toString());
        assertFalse(second.stream().anyMatch(l -> l.contains("epoch 1 of")), "nothing is trained: " + second);
        assertEquals(o.record().metrics().mae(), again.record().metrics().mae(), 0.0);
        assertEquals(4, again.record().extra().get("resumed_at_epoch"));

        String log = Files.readString(out.resolve(PropertyRun.LOG_FILE));
        assertTrue(log.contains("loaded a finished run (3 epochs") && log.contains("test MAE"), log);
        assertTrue(again.toString().startsWith("Outcome[atomic-number -> y: test MAE "), again.toString());
    }

    @Test
    void specFactoriesAndWithersReadLikeTheRun() throws Exception {
        Path data = dataset(10, false);
        PropertyRun.Spec s = PropertyRun.Spec.of(data, "tiny", "y", "table:cgcnn-92").withEpochs(60).withSeed(3)
                .withLimit(2_000).withFraction(0.25);
        assertEquals("table:cgcnn-92", s.features());
        assertEquals(60, s.train().epochs());
        assertEquals(3, s.seed());
        assertEquals(2_000, s.limit());
        assertEquals(GraphConfig.cgcnn(), s.graph(), "the backbone's graph");
        assertEquals("y of tiny (first 2,000 records), features table:cgcnn-92, cgcnn backbone, 60 epochs, seed 3,"
                + " 0.250 of the training labels", s.toString());
        assertEquals("random:frozen", s.withFeatures("random:frozen").features());
        assertEquals(3, s.withFeatures("random:frozen").seed(), "other settings stay");
    }

    @Test
    void unknownPropertyIsAClearError() throws Exception {
        Path data = dataset(10, false);
        TrainConfig tc = TrainConfig.defaults().withEpochs(1);
        var s = new PropertyRun.Spec(data, "tiny", "band_gap", null, 1.0, 0, null, tc, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PropertyRun.run(s, tmp.resolve("x"), TrainingListener.silent(), quiet()));
        assertTrue(e.getMessage().contains("band_gap"), e.getMessage());
    }

    @Test
    void anInterruptedRunResumesToTheSameResultAndFreshStartsOver() throws Exception {
        Path data = dataset(60, false);
        PropertyRun.Outcome straight = PropertyRun.run(spec(data, 1.0), tmp.resolve("straight"),
                TrainingListener.silent(), quiet());
        straight.model().close();

        Path out = tmp.resolve("interrupted");
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                if (epoch == 2 && step == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> PropertyRun.run(spec(data, 1.0), out, crash, quiet()));
        assertTrue(Files.isDirectory(out.resolve("state/epoch-000001")));
        assertFalse(Files.exists(out.resolve("result.json")));

        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PropertyRun.Outcome resumed = PropertyRun.run(spec(data, 1.0), out, TrainingListener.silent(),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        resumed.model().close();
        String log = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("resumed at epoch 2 of 3"), log);
        assertEquals(2, resumed.record().extra().get("resumed_at_epoch"));
        assertEquals(straight.record().metrics().mae(), resumed.record().metrics().mae(), 0.0);
        assertEquals(straight.record().metrics().rmse(), resumed.record().metrics().rmse(), 0.0);
        assertArrayEquals(straight.test().predicted(), resumed.test().predicted(), 0.0);

        // other settings into the same folder are refused, naming the difference; --fresh starts over
        PropertyRun.Spec other = spec(data, 0.5);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PropertyRun.run(other, out, TrainingListener.silent(), quiet()));
        assertTrue(e.getMessage().contains("run.fraction (saved '1.0', now '0.5')"), e.getMessage());
        ByteArrayOutputStream freshLog = new ByteArrayOutputStream();
        PropertyRun.Outcome fresh = PropertyRun.run(other, out, TrainingListener.silent(),
                new PrintStream(freshLog, true, StandardCharsets.UTF_8), true);
        fresh.model().close();
        assertTrue(freshLog.toString(StandardCharsets.UTF_8).contains("fresh start"));
        assertEquals(24, fresh.record().nTrain());
        assertEquals(0, fresh.record().extra().get("resumed_at_epoch"));
    }

    /** A table for Na and Cl only: the CsCl crystals of {@link #dataset} lack Cs. */
    private Path naClTable() {
        java.util.Map<Integer, float[]> v = new java.util.TreeMap<>();
        v.put(11, new float[] {1f, 0f, 2f});
        v.put(17, new float[] {0f, 1f, -1f});
        Path f = tmp.resolve("nacl-table.json");
        org.unate.embedding.AtomEmbeddings.of(v, java.util.Map.of("name", "nacl")).save(f);
        return f;
    }

    @Test
    void aMissingElementIsRefusedByDefaultAndEachPolicyIsRecorded() throws Exception {
        Path data = dataset(40, false); // even ids CsCl, odd ids NaCl
        String features = "table:" + naClTable();
        PropertyRun.Spec base = spec(data, 1.0).withTrain(spec(data, 1.0).train().withFeaturizer(features).withEpochs(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PropertyRun.run(base, tmp.resolve("refused"), TrainingListener.silent(), quiet()));
        assertTrue(e.getMessage().contains("element Cs of record 's0' has no vector in the embedding table"), e.getMessage());
        assertTrue(e.getMessage().contains("no vector for Cs: 20 of 40 crystals"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("refused")), "a refused run writes nothing");

        // drop: the 20 CsCl crystals leave train, val and test; the split written is the reduced one
        PropertyRun.Outcome drop = PropertyRun.run(base.withMissing(org.unate.embedding.MissingElements.Policy.DROP),
                tmp.resolve("drop"), TrainingListener.silent(), quiet());
        drop.model().close();
        ResultRecord d = drop.record();
        assertEquals(20, d.nTrain() + d.nVal() + d.nTest());
        Split written = Split.read(tmp.resolve("drop/split.json"));
        assertEquals(written.hash(), d.splitHash());
        assertTrue(written.ids().stream().allMatch(id -> Integer.parseInt(id.substring(1)) % 2 == 1));
        java.util.Map<?, ?> info = (java.util.Map<?, ?>) d.extra().get("missing_element");
        assertEquals("drop", info.get("policy"));
        assertEquals(java.util.Map.of("Cs", 20), info.get("elements"));
        java.util.Map<?, ?> dropped = (java.util.Map<?, ?>) info.get("dropped");
        assertEquals(20, ((Number) dropped.get("train")).intValue() + ((Number) dropped.get("val")).intValue()
                + ((Number) dropped.get("test")).intValue());

        // mean and zero: every crystal stays; the table saved with the model holds the filled Cs row
        for (var p : List.of(org.unate.embedding.MissingElements.Policy.MEAN,
                org.unate.embedding.MissingElements.Policy.ZERO)) {
            PropertyRun.Outcome o = PropertyRun.run(base.withMissing(p), tmp.resolve(p.toString()),
                    TrainingListener.silent(), quiet());
            o.model().close();
            assertEquals(40, o.record().nTrain() + o.record().nVal() + o.record().nTest());
            java.util.Map<?, ?> m = (java.util.Map<?, ?>) o.record().extra().get("missing_element");
            assertEquals(p.toString(), m.get("policy"));
            java.util.Map<?, ?> filled = (java.util.Map<?, ?>) m.get("filled_crystals");
            assertEquals(20, ((Number) filled.get("train")).intValue() + ((Number) filled.get("val")).intValue()
                    + ((Number) filled.get("test")).intValue());
            var saved = org.unate.embedding.AtomEmbeddings.load(tmp.resolve(p + "/model/element-table.json"));
            assertArrayEquals(p == org.unate.embedding.MissingElements.Policy.MEAN ? new float[] {0.5f, 0.5f, 0.5f}
                    : new float[] {0f, 0f, 0f}, saved.vector(55), 0f);
        }
    }

    @Test
    void runsOnDataReadOnceMatchTheRunThatReadsItself() throws Exception {
        Path data = dataset(60, false);
        PropertyRun.Spec s = spec(data, 0.5);
        PropertyRun.Outcome own = PropertyRun.run(s, tmp.resolve("own"), TrainingListener.silent(), quiet());
        own.model().close();
        PropertyRun.Data shared = PropertyRun.read(s, quiet());
        PropertyRun.Outcome reused = PropertyRun.run(s, shared, tmp.resolve("shared"), TrainingListener.silent(),
                quiet(), false);
        reused.model().close();
        assertArrayEquals(own.test().predicted(), reused.test().predicted(), 0.0);
        assertEquals(own.record().splitHash(), reused.record().splitHash());
        // another property or split is refused
        PropertyRun.Spec other = new PropertyRun.Spec(data, "tiny", "y", tmp.resolve("x.json"), 0.5, 0, null,
                s.train(), s.graph());
        assertThrows(IllegalArgumentException.class,
                () -> PropertyRun.run(other, shared, tmp.resolve("other"), TrainingListener.silent(), quiet(), false));
    }
}
