package org.unate.property;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.model.EpochRecord;
import org.unate.model.ResumeSpec;
import org.unate.model.TrainingHistory;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingState;

/** Checkpointed training: a run interrupted and resumed equals an uninterrupted one, bit for bit. */
class ResumeTest {
    static final int EPOCHS = 5;
    /** The uninterrupted run, without any saved state. */
    private static TrainedModel straight;

    @BeforeAll
    static void trainStraight() {
        straight = ResumeFixture.train(ResumeFixture.config(EPOCHS), null, null);
    }

    @AfterAll
    static void close() {
        straight.close();
    }

    /** Throws at the first step of epoch {@code at}, as if the process had died there. */
    static TrainingListener crashAt(int at) {
        return new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                if (epoch == at && step == 2) {
                    throw new SimulatedCrash();
                }
            }
        };
    }

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** Records resumes, notices and steps. */
    static final class Recorder implements TrainingListener {
        final List<String> notices = new ArrayList<>();
        int resumedAt;
        int resumeCap;
        double resumedElapsed = -1;
        int steps;
        TrainingHistory loaded;
        final List<Integer> epochsSeen = new ArrayList<>();

        @Override
        public void onLoaded(TrainingHistory history, double elapsedSeconds) {
            loaded = history;
        }

        @Override
        public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
            resumedAt = nextEpoch;
            resumeCap = epochCap;
            resumedElapsed = elapsedSeconds;
        }

        @Override
        public void onNotice(String message) {
            notices.add(message);
        }

        @Override
        public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
            steps++;
        }

        @Override
        public void onEpoch(EpochRecord record, double etaSeconds) {
            epochsSeen.add(record.epoch());
        }
    }

    /** Every column but the wall time, bit for bit, and the same best epoch and stop reason. */
    static void assertSameHistory(TrainingHistory expected, TrainingHistory actual) {
        assertEquals(expected.epochs().size(), actual.epochs().size(), "epochs");
        for (int k = 0; k < expected.epochs().size(); k++) {
            EpochRecord a = expected.epochs().get(k);
            EpochRecord b = actual.epochs().get(k);
            String where = "epoch " + a.epoch();
            assertEquals(a.epoch(), b.epoch(), where);
            assertEquals(a.learningRate(), b.learningRate(), 0.0, where + " lr");
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, where + " train loss");
            assertEquals(a.trainMae(), b.trainMae(), 0.0, where + " train MAE");
            assertEquals(a.valMae(), b.valMae(), 0.0, where + " val MAE");
            assertEquals(a.bestValMae(), b.bestValMae(), 0.0, where + " best val MAE");
        }
        assertEquals(expected.bestEpoch(), actual.bestEpoch(), "best epoch");
        assertEquals(expected.stopReason(), actual.stopReason(), "stop reason");
    }

    /** Same history, same predictions on unseen crystals, same weights. */
    static void assertSameRun(TrainedModel expected, TrainedModel actual) {
        assertSameHistory(expected.history(), actual.history());
        assertArrayEquals(expected.predict(ResumeFixture.TEST), actual.predict(ResumeFixture.TEST), 0.0);
        assertArrayEquals(expected.predict(ResumeFixture.VAL), actual.predict(ResumeFixture.VAL), 0.0);
        List<float[]> a = expected.model().trainableValues();
        List<float[]> b = actual.model().trainableValues();
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k), b.get(k), 0.0f, "variable " + k);
        }
    }

    /** The folder's entries other than the lock file. */
    static List<String> snapshots(Path state) throws IOException {
        try (Stream<Path> s = Files.list(state)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")).sorted().toList();
        }
    }

    @Test
    void theFixtureKeepsAnEarlierBestEpoch() {
        // so that the tests below also cover a best checkpoint carried over from an earlier snapshot
        assertTrue(straight.history().bestEpoch() < EPOCHS, "best epoch " + straight.history().bestEpoch()
                + "; val MAEs " + straight.history().epochs().stream().map(EpochRecord::valMae).toList());
    }

    @Test
    void savingStateChangesNothing(@TempDir Path tmp) throws IOException {
        try (TrainedModel m = ResumeFixture.train(ResumeFixture.config(EPOCHS), null, ResumeSpec.in(tmp.resolve("s")))) {
            assertSameRun(straight, m);
        }
        // a finished run keeps one small snapshot: history and best weights, no full state
        Path state = tmp.resolve("s");
        assertEquals(List.of(String.format("epoch-%06d", EPOCHS)), snapshots(state));
        Path last = state.resolve(snapshots(state).get(0));
        assertFalse(Files.exists(last.resolve("vars")), "no variables kept after the end");
        assertTrue(Files.isRegularFile(last.resolve("best/ckpt.index")));
        assertTrue(Files.readString(last.resolve("state.json")).contains("\"finished\" : true"));
    }

    @Test
    void crashedAndResumedRunEqualsTheStraightRun(@TempDir Path tmp) throws IOException {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        TrainConfig cfg = ResumeFixture.config(EPOCHS);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(3), resume));
        assertEquals(List.of("epoch-000002"), snapshots(resume.dir()));
        assertTrue(Files.isRegularFile(resume.dir().resolve("epoch-000002/vars/ckpt.index")));
        assertTrue(resume.hasState());

        Recorder r = new Recorder();
        try (TrainedModel m = ResumeFixture.train(cfg, r, resume)) {
            assertEquals(3, r.resumedAt);
            assertEquals(EPOCHS, r.resumeCap);
            assertTrue(r.resumedElapsed > 0, "elapsed time before the crash is carried over");
            assertEquals(List.of(3, 4, 5), r.epochsSeen);
            assertEquals(3 * 4, r.steps, "3 epochs of 4 steps");
            assertSameRun(straight, m);
            // wall times run on from the time spent before the crash
            List<EpochRecord> e = m.history().epochs();
            for (int k = 1; k < e.size(); k++) {
                assertTrue(e.get(k).wallSeconds() > e.get(k - 1).wallSeconds());
            }
            assertTrue(e.get(2).wallSeconds() > r.resumedElapsed);
        }

        // running once more: nothing is trained, the best weights come back
        Recorder again = new Recorder();
        try (TrainedModel m = ResumeFixture.train(cfg, again, resume)) {
            assertEquals(0, again.steps);
            assertEquals(EPOCHS + 1, again.resumedAt);
            assertEquals(EPOCHS, again.loaded.epochs().size(), "the listener hears the finished run was loaded");
            assertTrue(again.notices.isEmpty(), again.notices.toString());
            assertSameRun(straight, m);
        }
    }

    @Test
    void twoCrashesInARow(@TempDir Path tmp) {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        TrainConfig cfg = ResumeFixture.config(EPOCHS);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(2), resume));
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(4), resume));
        try (TrainedModel m = ResumeFixture.train(cfg, null, resume)) {
            assertSameRun(straight, m);
        }
    }

    @Test
    void aDifferentRunIsRefusedNamingWhatDiffers(@TempDir Path tmp) {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state")).with("split", "abc");
        TrainConfig cfg = ResumeFixture.config(EPOCHS);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(2), resume));

        IllegalStateException lr = assertThrows(IllegalStateException.class,
                () -> ResumeFixture.train(cfg.withLearningRate(1e-3, 1e-5), null, resume));
        assertTrue(lr.getMessage().contains("config.learningRate (saved '0.02', now '0.001')"), lr.getMessage());
        assertTrue(lr.getMessage().contains("config.minLearningRate"), lr.getMessage());
        assertTrue(lr.getMessage().contains("--fresh"), lr.getMessage());
        assertFalse(lr.getMessage().contains("config.seed"), lr.getMessage());

        IllegalStateException split = assertThrows(IllegalStateException.class,
                () -> ResumeFixture.train(cfg, null, resume.with("split", "abd")));
        assertTrue(split.getMessage().contains("run.split (saved 'abc', now 'abd')"), split.getMessage());

        double[] y = ResumeFixture.Y_TRAIN.clone();
        y[7] += 1e-9;
        IllegalStateException data = assertThrows(IllegalStateException.class, () -> PropertyTrainer.train(
                ResumeFixture.TRAIN, y, ResumeFixture.VAL, ResumeFixture.Y_VAL, cfg, null, resume));
        assertTrue(data.getMessage().contains("data.train.sha256"), data.getMessage());

        // the refused attempts left the state alone: the right run still resumes and matches
        try (TrainedModel m = ResumeFixture.train(cfg, null, resume)) {
            assertSameRun(straight, m);
        }
        // deleting the state allows any run
        resume.deleteState();
        assertFalse(resume.hasState());
        try (TrainedModel m = ResumeFixture.train(ResumeFixture.config(1), null, resume)) {
            assertEquals(1, m.history().epochs().size());
        }
    }

    @Test
    void aStateSavedBeforeTheInitSettingResumesWithItsDefault(@TempDir Path tmp) throws IOException {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        TrainConfig cfg = ResumeFixture.config(EPOCHS);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(2), resume));
        // rewrite the saved fingerprint as an older version wrote it (a glorot run): without config.model.init
        List<String> snaps = snapshots(resume.dir());
        Path state = resume.dir().resolve(snaps.get(snaps.size() - 1)).resolve("state.json");
        String json = Files.readString(state);
        String old = json.replaceAll("\"config\\.model\\.init\"\\s*:\\s*\"glorot\"\\s*,?", "");
        assertNotEquals(json, old, "the fingerprint should name config.model.init");
        Files.writeString(state, old);

        IllegalStateException torch = assertThrows(IllegalStateException.class, () -> ResumeFixture.train(
                cfg.withModel(cfg.model().withInit("torch")), null, resume));
        assertTrue(torch.getMessage().contains("config.model.init (saved 'glorot', now 'torch')"), torch.getMessage());
        try (TrainedModel m = ResumeFixture.train(cfg, null, resume)) {
            assertSameRun(straight, m);
        }
    }

    @Test
    void aCorruptStateIsReportedAndTrainingStartsOver(@TempDir Path tmp) throws IOException {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        TrainConfig cfg = ResumeFixture.config(EPOCHS);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(3), resume));
        Path snap = resume.dir().resolve("epoch-000002");
        Path data;
        try (Stream<Path> s = Files.list(snap.resolve("vars"))) {
            data = s.filter(p -> p.getFileName().toString().startsWith("ckpt.data")).findFirst().orElseThrow();
        }
        try (FileChannel c = FileChannel.open(data, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 2);
        }
        // a half-written snapshot of a later epoch is never taken as valid
        Files.createDirectories(resume.dir().resolve("epoch-000003.partial/vars"));
        Files.writeString(resume.dir().resolve("epoch-000003.partial/state.json"), "{\"format\":");

        Recorder r = new Recorder();
        try (TrainedModel m = ResumeFixture.train(cfg, r, resume)) {
            assertEquals(0, r.resumedAt, "started over");
            assertEquals(1, r.notices.size(), r.notices.toString());
            assertTrue(r.notices.get(0).contains("epoch-000002") && r.notices.get(0).contains("ckpt.data"),
                    r.notices.get(0));
            assertEquals(List.of(1, 2, 3, 4, 5), r.epochsSeen);
            assertSameRun(straight, m);
        }
        assertEquals(List.of("epoch-000005"), snapshots(resume.dir()));
    }

    @Test
    void unreadableStateJsonIsReportedToo(@TempDir Path tmp) throws IOException {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        TrainConfig cfg = ResumeFixture.config(2);
        assertThrows(SimulatedCrash.class, () -> ResumeFixture.train(cfg, crashAt(2), resume));
        Files.writeString(resume.dir().resolve("epoch-000001/state.json"), "not json");
        Recorder r = new Recorder();
        try (TrainedModel m = ResumeFixture.train(cfg, r, resume)) {
            assertEquals(0, r.resumedAt);
            assertTrue(r.notices.get(0).contains("unusable"), r.notices.toString());
            assertEquals(2, m.history().epochs().size());
        }
    }

    @Test
    void theShuffleDependsOnSeedAndEpochOnly() {
        int[] a = PropertyTrainer.epochOrder(50, 5, 3);
        assertArrayEquals(a, PropertyTrainer.epochOrder(50, 5, 3));
        assertFalse(Arrays.equals(a, PropertyTrainer.epochOrder(50, 5, 4)));
        assertFalse(Arrays.equals(a, PropertyTrainer.epochOrder(50, 6, 3)));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            assertEquals(k, sorted[k]);
        }
        assertTrue(Arrays.mismatch(a, sorted) >= 0, "a permutation that is not the identity");
    }

    @Test
    void oneRunPerStateFolder(@TempDir Path tmp) {
        ResumeSpec resume = ResumeSpec.in(tmp.resolve("state"));
        try (TrainingState other = TrainingState.open(resume.dir(), java.util.Map.of())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ResumeFixture.train(ResumeFixture.config(1), null, resume));
            assertTrue(e.getMessage().contains("another training run"), e.getMessage());
        }
        try (TrainedModel m = ResumeFixture.train(ResumeFixture.config(1), null, resume)) {
            assertEquals(1, m.history().epochs().size());
        }
    }
}
