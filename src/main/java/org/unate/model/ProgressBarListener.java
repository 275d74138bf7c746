package org.unate.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.unate.data.Terminal;

/**
 * Progress of a training run on stderr: on a terminal, a progress bar per epoch (me.tongfei progressbar); written to
 * a file or a pipe ({@link Terminal#stderr()}: also {@code java ... 2> log} typed at a terminal), plain lines instead
 * (no carriage returns or colour codes), at most one every {@value #PLAIN_INTERVAL_S} seconds within an epoch. One
 * summary line per epoch either way: for tasks with loss terms (pretraining) the terms and the validation loss, else
 * the training and validation MAE. A run that goes on from a saved state says so ("resumed at epoch 7 of 50"), and
 * one that had finished before says "loaded a finished run (50 epochs ...)" instead of showing nothing.
 */
public final class ProgressBarListener implements TrainingListener {
    static final int PLAIN_INTERVAL_S = 30;
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;
    private long lastPlain;
    private boolean loaded;

    /** On stderr; a bar when stderr is a terminal ({@link Terminal#stderr()}), plain lines otherwise. */
    public ProgressBarListener() {
        this(System.err, Terminal.stderr());
    }

    /** @param terminal draw a bar (true) or write plain lines (false) */
    public ProgressBarListener(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** On {@code out}, drawing a bar (for a stream known to be a terminal). */
    public ProgressBarListener(PrintStream out) {
        this(out, true);
    }

    /** Whether this listener writes to {@code stream} (so a {@link ResumeLog} on it need not repeat its lines). */
    boolean writesTo(PrintStream stream) {
        return out == stream;
    }

    /** Whether this listener draws a bar (true) or writes plain lines (false). */
    public boolean drawsBar() {
        return terminal;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
        this.epochs = epochs;
        out.printf(Locale.ROOT, "training on %d crystals, validating on %d; %d steps per epoch, up to %d epochs%s%n",
                trainSize, valSize, stepsPerEpoch, epochs,
                timeBudgetSeconds > 0 ? String.format(Locale.ROOT, ", budget %.0f s", timeBudgetSeconds) : "");
    }

    @Override
    public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
        if (nextEpoch <= epochCap) {
            out.printf(Locale.ROOT, "%s (%.0f s of training done before)%n", ResumeLog.resumedText(nextEpoch, epochCap),
                    elapsedSeconds);
        }
    }

    @Override
    public void onLoaded(TrainingHistory history, double elapsedSeconds) {
        loaded = true;
        out.println(ResumeLog.loadedText(history, ResumeLog.metricName(history)) + "; nothing to train");
    }

    @Override
    public void onNotice(String message) {
        closeBar();
        out.println(message);
    }

    @Override
    public void onEpochStart(int epoch) {
        lastPlain = System.nanoTime();
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
        if (!terminal) {
            if (System.nanoTime() - lastPlain >= PLAIN_INTERVAL_S * 1_000_000_000L) {
                lastPlain = System.nanoTime();
                out.printf(Locale.ROOT, "epoch %d/%d step %d/%d loss %.4f lr %.2e%n", epoch, epochs, step,
                        stepsPerEpoch, loss, learningRate);
            }
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(stepsPerEpoch)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250).build();
        }
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.2e", loss, learningRate));
    }

    @Override
    public void onEpoch(EpochRecord r, double etaSeconds) {
        closeBar();
        if (r.terms().isEmpty()) {
            out.printf(Locale.ROOT, "epoch %d  wall %.1f s  lr %.2e  train loss %.4f  train MAE %.4f  val MAE %.4f"
                            + "  (best %.4f)  ETA %.0f s%n",
                    r.epoch(), r.wallSeconds(), r.learningRate(), r.trainLoss(), r.trainMae(), r.valMae(),
                    r.bestValMae(), etaSeconds);
        } else {
            StringBuilder terms = new StringBuilder();
            for (Map.Entry<String, Double> t : r.terms().entrySet()) {
                terms.append(String.format(Locale.ROOT, "  %s %.4f", t.getKey(), t.getValue()));
            }
            out.printf(Locale.ROOT, "epoch %d  wall %.1f s  lr %.2e  train loss %.4f%s  val loss %.4f  (best %.4f)"
                            + "  ETA %.0f s%n",
                    r.epoch(), r.wallSeconds(), r.learningRate(), r.trainLoss(), terms, r.valMae(), r.bestValMae(),
                    etaSeconds);
        }
    }

    @Override
    public void onEnd(TrainingHistory h) {
        closeBar();
        if (loaded) {
            return; // onLoaded said it all
        }
        boolean pretraining = !h.epochs().isEmpty() && !h.epochs().get(0).terms().isEmpty();
        out.printf(Locale.ROOT, "stopped: %s; best epoch %d, val %s %.4f%n", h.stopReason(), h.bestEpoch(),
                pretraining ? "loss" : "MAE", h.bestValMae());
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
