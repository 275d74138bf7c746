package org.unate.model;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A training listener that keeps one line of text saying where a run stands, and hands each new version of it to a
 * sink: a notebook's live display ({@code text -> updateDisplay(id, text)}), a status bar, a log. The line always
 * says what the run is doing, a run picked up from a saved state included:
 * <pre>
 * cgcnn-92: training on 1,600 crystals (200 to validate), up to 60 epochs
 * cgcnn-92: epoch 12 of 60, val MAE 0.4123 (best 0.4001), about 3.5 min left
 * cgcnn-92: resumed at epoch 31 of 60
 * cgcnn-92: done: 60 epochs (epoch cap), best val MAE 0.3990 at epoch 57, 11.2 min of training
 * cgcnn-92: loaded a finished run (60 epochs; stopped: epoch cap; best epoch 57, val MAE 0.3990)
 * </pre>
 * For tasks with loss terms (pretraining) the metric is called "val loss". One update per epoch (and at start, on a
 * resume, a notice and the end), so a sink may be slow.
 */
public final class StatusLine implements TrainingListener {
    private final String label;
    private final Consumer<String> sink;
    private String text;
    private int cap;
    private int resumedAt;
    private boolean loaded;

    private StatusLine(String label, Consumer<String> sink) {
        this.label = Objects.requireNonNull(label, "label");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.text = label + ": starting";
    }

    /**
     * A status line for the run called {@code label}; {@code sink} receives every new line (on the training thread).
     * Nothing is sent until training starts: {@link #text()} is "LABEL: starting" until then.
     */
    public static StatusLine of(String label, Consumer<String> sink) {
        return new StatusLine(label, sink);
    }

    /** The current line. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "StatusLine[" + text + "]";
    }

    private void show(String s) {
        text = label + ": " + s;
        sink.accept(text);
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
        cap = epochs;
        show(String.format(Locale.ROOT, "training on %,d crystals (%,d to validate), up to %d epochs%s", trainSize,
                valSize, epochs, timeBudgetSeconds > 0 ? " or " + duration(timeBudgetSeconds) : ""));
    }

    @Override
    public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
        cap = epochCap;
        if (nextEpoch <= epochCap) {
            resumedAt = nextEpoch;
            show(ResumeLog.resumedText(nextEpoch, epochCap));
        }
    }

    @Override
    public void onLoaded(TrainingHistory history, double elapsedSeconds) {
        loaded = true;
        show(ResumeLog.loadedText(history, ResumeLog.metricName(history)));
    }

    @Override
    public void onNotice(String message) {
        show(message);
    }

    @Override
    public void onEpoch(EpochRecord r, double etaSeconds) {
        String metric = r.terms().isEmpty() ? "val MAE" : "val loss";
        show(String.format(Locale.ROOT, "epoch %d of %d, %s %.4f (best %.4f), about %s left%s", r.epoch(), cap,
                metric, r.valMae(), r.bestValMae(), duration(etaSeconds), resumed()));
    }

    @Override
    public void onEnd(TrainingHistory h) {
        if (loaded) {
            return; // the loaded line says it all
        }
        int n = h.epochs().size();
        String metric = ResumeLog.metricName(h);
        double wall = n == 0 ? 0 : h.epochs().get(n - 1).wallSeconds();
        show(String.format(Locale.ROOT, "done: %d %s (%s), best %s %.4f at epoch %d, %s of training%s", n,
                n == 1 ? "epoch" : "epochs", h.stopReason(), metric, h.bestValMae(), h.bestEpoch(), duration(wall),
                resumed()));
    }

    private String resumed() {
        return resumedAt > 0 ? " (resumed at epoch " + resumedAt + ")" : "";
    }

    /** "42 s", "3.5 min", "2.1 h"; "?" when not finite (every progress line and ETA of the project). */
    public static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        if (s < 90) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s < 5400) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}
