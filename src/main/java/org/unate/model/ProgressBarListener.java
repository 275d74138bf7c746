package org.unate.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a training run on stderr: on a terminal, a progress bar per epoch (me.tongfei progressbar); written to
 * a file or a pipe, plain lines instead (no carriage returns or colour codes), at most one every
 * {@value #PLAIN_INTERVAL_S} seconds within an epoch. One summary line per epoch either way: for tasks with loss
 * terms (pretraining) the terms and the validation loss, else the training and validation MAE.
 */
public final class ProgressBarListener implements TrainingListener {
    static final int PLAIN_INTERVAL_S = 30;
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private int epochs;
    private long lastPlain;

    /** On stderr; a bar when the JVM has a console, plain lines otherwise. */
    public ProgressBarListener() {
        this(System.err, System.console() != null);
    }

    /** @param terminal draw a bar (true) or write plain lines (false) */
    public ProgressBarListener(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public ProgressBarListener(PrintStream out) {
        this(out, true);
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
        this.epochs = epochs;
        out.printf(Locale.ROOT, "training on %d crystals, validating on %d; %d steps per epoch, up to %d epochs%s%n",
                trainSize, valSize, stepsPerEpoch, epochs,
                timeBudgetSeconds > 0 ? String.format(Locale.ROOT, ", budget %.0f s", timeBudgetSeconds) : "");
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
