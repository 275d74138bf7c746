package org.unate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a person watching a run reads: plain lines off a terminal (no carriage return, no escape code), and a run
 * picked up from a saved state says so ("resumed at epoch K of N", "loaded a finished run (N epochs ...)") in the
 * progress listener, the status line and the run's log.
 */
class ProgressOutputTest {

    static EpochRecord epoch(int e, double val, double best) {
        return new EpochRecord(e, 2.0 * e, 1e-3, 0.5, 0.4, val, best);
    }

    static TrainingHistory finished(int epochs) {
        List<EpochRecord> rows = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            rows.add(epoch(e, 1.0 / e, 1.0 / e));
        }
        return new TrainingHistory(rows, epochs, "epoch cap");
    }

    /** The events of a run of 5 epochs resumed at epoch 3. */
    static void resumedRun(TrainingListener l) {
        l.onStart(5, 4, 100, 10, 0);
        l.onResume(3, 5, 12.5);
        for (int e = 3; e <= 5; e++) {
            l.onEpochStart(e);
            for (int s = 1; s <= 4; s++) {
                l.onStep(e, s, 4, 0.3, 1e-3);
            }
            l.onEpoch(epoch(e, 0.5, 0.45), 4.0 * (5 - e));
        }
        l.onEnd(finished(5));
    }

    /** The events of a run that had finished before: nothing is trained. */
    static void loadedRun(TrainingListener l) {
        TrainingHistory h = finished(5);
        l.onStart(5, 4, 100, 10, 0);
        l.onResume(6, 5, 40.0);
        l.onLoaded(h, 40.0);
        l.onEnd(h);
    }

    static String capture(java.util.function.Consumer<PrintStream> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            body.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalTheListenerWritesPlainLinesAndSaysWhereItResumed() {
        String s = capture(out -> resumedRun(new ProgressBarListener(out, false)));
        assertFalse(s.contains("\r"), "no carriage return: " + s);
        assertFalse(s.contains("\u001b"), "no escape code: " + s);
        assertTrue(s.contains("resumed at epoch 3 of 5 (13 s of training done before)"), s);
        assertEquals(1, s.lines().filter(l -> l.startsWith("epoch 4 ")).count(), s);
        assertTrue(s.lines().allMatch(l -> !l.isBlank()), s);
    }

    @Test
    void aFinishedRunSaysItWasLoadedNotTrained() {
        String s = capture(out -> loadedRun(new ProgressBarListener(out, false)));
        assertTrue(s.contains("loaded a finished run (5 epochs; stopped: epoch cap; best epoch 5, val MAE 0.2000)"
                + "; nothing to train"), s);
        assertFalse(s.contains("resumed at"), "a finished run is not 'resumed at epoch 6 of 5': " + s);
        assertFalse(s.contains("stopped: epoch cap; best epoch 5, val MAE 0.2000\n"), "no second summary: " + s);
    }

    @Test
    void theStatusLineSaysWhatTheRunIsDoingAtEveryStage() {
        List<String> lines = new ArrayList<>();
        StatusLine status = StatusLine.of("cgcnn-92", lines::add);
        assertEquals("cgcnn-92: starting", status.text());
        resumedRun(status);
        assertEquals("cgcnn-92: training on 100 crystals (10 to validate), up to 5 epochs", lines.get(0));
        assertEquals("cgcnn-92: resumed at epoch 3 of 5", lines.get(1));
        assertEquals("cgcnn-92: epoch 3 of 5, val MAE 0.5000 (best 0.4500), about 8 s left (resumed at epoch 3)",
                lines.get(2));
        assertEquals("cgcnn-92: done: 5 epochs (epoch cap), best val MAE 0.2000 at epoch 5, 10 s of training"
                + " (resumed at epoch 3)", status.text());

        List<String> again = new ArrayList<>();
        StatusLine loaded = StatusLine.of("cgcnn-92", again::add);
        loadedRun(loaded);
        assertEquals("cgcnn-92: loaded a finished run (5 epochs; stopped: epoch cap; best epoch 5, val MAE 0.2000)",
                loaded.text(), again.toString());
        assertFalse(again.stream().anyMatch(l -> l.contains("starting")), again.toString());
    }

    @Test
    void pretrainingHistoriesSayValLoss() {
        List<String> lines = new ArrayList<>();
        StatusLine status = StatusLine.of("pretraining", lines::add);
        status.onStart(2, 1, 10, 2, 0);
        status.onEpoch(new EpochRecord(1, 1, 1e-3, 3.0, Double.NaN, 2.5, 2.5, Map.of("species", 1.0)), 1);
        assertTrue(status.text().contains("val loss 2.5000"), status.text());
    }

    @Test
    void theRunLogSaysItOnceWhateverListenerWatches() {
        Path state = Path.of("out/state");
        String alone = capture(log -> loadedRun(new ResumeLog(StatusLine.of("x", t -> { }), log, state)));
        assertTrue(alone.contains("loaded a finished run (5 epochs") && alone.contains("out/state"), alone);
        String resumed = capture(log -> resumedRun(new ResumeLog(null, log, state)));
        assertTrue(resumed.contains("resumed at epoch 3 of 5 (12.5 s of training done; state in out/state)"), resumed);

        // a progress listener on the same stream says it itself: not twice
        String both = capture(log -> loadedRun(new ResumeLog(new ProgressBarListener(log, false), log, state)));
        assertEquals(1, both.lines().filter(l -> l.contains("loaded a finished run")).count(), both);
        String bothResumed = capture(log -> resumedRun(new ResumeLog(new ProgressBarListener(log, false), log, state)));
        assertEquals(1, bothResumed.lines().filter(l -> l.contains("resumed at epoch 3 of 5")).count(), bothResumed);
    }

    @Test
    void bothForwardsTheLoadedEvent() {
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        loadedRun(TrainingListener.both(StatusLine.of("a", a::add), StatusLine.of("b", b::add)));
        assertTrue(a.get(a.size() - 1).startsWith("a: loaded a finished run"), a.toString());
        assertTrue(b.get(b.size() - 1).startsWith("b: loaded a finished run"), b.toString());
    }
}
