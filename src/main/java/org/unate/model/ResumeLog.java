package org.unate.model;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Forwards every event to another listener and writes resumes, loaded finished runs and notices to a run's log, so
 * that a run's log says where it picked up ("resumed at epoch 7 of 50 ...", "loaded a finished run (50 epochs) ...")
 * whatever listener watches it (a {@link ProgressBarListener} writing to the same stream says these itself, and
 * they are not repeated). {@link #resumedText} and {@link #loadedText} are the wording every progress display
 * of the project uses ({@link ProgressBarListener}, {@link StatusLine}, the sweep's progress lines).
 */
public final class ResumeLog implements TrainingListener {
    private final TrainingListener inner;
    private final PrintStream log;
    private final Path stateDir;
    private Runnable onFirstStart;
    private int resumedAt;
    private boolean loaded;
    /** The wrapped listener writes resumes and loaded runs to the log itself (a ProgressBarListener on it). */
    private final boolean innerSays;

    /** @param inner may be null (nothing forwarded) */
    public ResumeLog(TrainingListener inner, PrintStream log, Path stateDir) {
        this(inner, log, stateDir, null);
    }

    /**
     * @param onFirstStart run once, when training starts: the state folder is then locked and matched to this run,
     *                     so a run's outputs written here are never written by a run that is refused (may be null)
     */
    public ResumeLog(TrainingListener inner, PrintStream log, Path stateDir, Runnable onFirstStart) {
        this.inner = inner == null ? TrainingListener.silent() : inner;
        this.log = log;
        this.stateDir = stateDir;
        this.onFirstStart = onFirstStart;
        this.innerSays = inner instanceof ProgressBarListener p && p.writesTo(log);
    }

    /** "resumed at epoch 7 of 50": a run that goes on from a saved state at {@code nextEpoch}. */
    public static String resumedText(int nextEpoch, int epochCap) {
        return String.format(Locale.ROOT, "resumed at epoch %d of %d", nextEpoch, epochCap);
    }

    /**
     * "loaded a finished run (50 epochs; stopped: epoch cap; best epoch 48, val MAE 0.4102)": a run that had finished
     * before, whose saved history and best weights are used instead of training; {@code metric} names the validation
     * metric ("val MAE", "val loss").
     */
    public static String loadedText(TrainingHistory history, String metric) {
        int n = history.epochs().size();
        StringBuilder b = new StringBuilder("loaded a finished run (").append(n).append(n == 1 ? " epoch" : " epochs");
        if (history.stopReason() != null) {
            b.append("; stopped: ").append(history.stopReason());
        }
        if (history.bestEpoch() > 0 && Double.isFinite(history.bestValMae())) {
            b.append(String.format(Locale.ROOT, "; best epoch %d, %s %.4f", history.bestEpoch(), metric,
                    history.bestValMae()));
        }
        return b.append(')').toString();
    }

    /** "val loss" for a history with loss terms (pretraining), else "val MAE". */
    static String metricName(TrainingHistory history) {
        return !history.epochs().isEmpty() && !history.epochs().get(0).terms().isEmpty() ? "val loss" : "val MAE";
    }

    /** The epoch training resumed at (epoch cap + 1 for a finished run), 0 if it started from scratch. */
    public int resumedAt() {
        return resumedAt;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
        if (onFirstStart != null) {
            Runnable r = onFirstStart;
            onFirstStart = null;
            r.run();
        }
        inner.onStart(epochs, stepsPerEpoch, trainSize, valSize, timeBudgetSeconds);
    }

    @Override
    public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
        resumedAt = nextEpoch;
        if (nextEpoch <= epochCap && !innerSays) {
            log.printf(Locale.ROOT, "%s (%.1f s of training done; state in %s)%n", resumedText(nextEpoch, epochCap),
                    elapsedSeconds, stateDir);
        }
        inner.onResume(nextEpoch, epochCap, elapsedSeconds);
    }

    /** Whether the run had finished before this call, so that nothing was trained ({@link #onLoaded}). */
    public boolean loadedFinished() {
        return loaded;
    }

    @Override
    public void onLoaded(TrainingHistory history, double elapsedSeconds) {
        loaded = true;
        if (!innerSays) {
            log.printf(Locale.ROOT, "%s: nothing trained, its best weights restored from %s (%.1f s of training before)%n",
                    loadedText(history, metricName(history)), stateDir, elapsedSeconds);
        }
        inner.onLoaded(history, elapsedSeconds);
    }

    @Override
    public void onNotice(String message) {
        if (!innerSays) {
            log.println(message);
        }
        inner.onNotice(message);
    }

    @Override
    public void onEpochStart(int epoch) {
        inner.onEpochStart(epoch);
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
        inner.onStep(epoch, step, stepsPerEpoch, loss, learningRate);
    }

    @Override
    public void onEpoch(EpochRecord record, double etaSeconds) {
        inner.onEpoch(record, etaSeconds);
    }

    @Override
    public void onEnd(TrainingHistory history) {
        inner.onEnd(history);
    }
}
