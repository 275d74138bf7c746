package org.unate.model;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A terminal progress bar per epoch (me.tongfei progressbar) plus one summary line per epoch, on stderr. */
public final class ProgressBarListener implements TrainingListener {
    private final PrintStream out;
    private ProgressBar bar;
    private int epochs;

    public ProgressBarListener() {
        this(System.err);
    }

    public ProgressBarListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
        this.epochs = epochs;
        out.printf(Locale.ROOT, "training on %d crystals, validating on %d; %d steps per epoch, up to %d epochs%s%n",
                trainSize, valSize, stepsPerEpoch, epochs,
                timeBudgetSeconds > 0 ? String.format(Locale.ROOT, ", budget %.0f s", timeBudgetSeconds) : "");
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs).setInitialMax(stepsPerEpoch)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250).build();
        }
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.2e", loss, learningRate));
    }

    @Override
    public void onEpoch(EpochRecord r, double etaSeconds) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "epoch %d  wall %.1f s  lr %.2e  train loss %.4f  train MAE %.4f  val MAE %.4f"
                        + "  (best %.4f)  ETA %.0f s%n",
                r.epoch(), r.wallSeconds(), r.learningRate(), r.trainLoss(), r.trainMae(), r.valMae(),
                r.bestValMae(), etaSeconds);
    }

    @Override
    public void onEnd(TrainingHistory h) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "stopped: %s; best epoch %d, val MAE %.4f%n", h.stopReason(), h.bestEpoch(), h.bestValMae());
    }
}
