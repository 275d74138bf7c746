package org.unate.model;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Forwards every event to another listener and writes resumes and notices to a run's log, so that a run's log says
 * where it picked up ("resuming at epoch 7 of 50 ...") whatever listener watches it.
 */
public final class ResumeLog implements TrainingListener {
    private final TrainingListener inner;
    private final PrintStream log;
    private final Path stateDir;
    private Runnable onFirstStart;
    private int resumedAt;

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
        if (nextEpoch <= epochCap) {
            log.printf(Locale.ROOT, "resuming at epoch %d of %d (%.1f s of training done; state in %s)%n",
                    nextEpoch, epochCap, elapsedSeconds, stateDir);
        }
        inner.onResume(nextEpoch, epochCap, elapsedSeconds);
    }

    @Override
    public void onNotice(String message) {
        log.println(message);
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
