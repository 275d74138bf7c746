package org.unate.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.unate.nn.CosineSchedule;
import org.unate.nn.Seeds;

/**
 * The one epoch loop of the project: property training, pretraining and the training benchmark all run through it.
 * A {@link Task} owns a model in a TensorFlow session and knows how to take one optimiser step on a list of training
 * examples and how to score itself on validation data; the loop owns everything else:
 * <ol>
 * <li>Each epoch: shuffle the training examples (seeded by seed and epoch only, {@link #epochOrder}), split them into
 * ceil(n / batch) near-equal batches, one step each; the learning rate follows a cosine from {@code learningRate} to
 * {@code minLearningRate} over the epoch cap, or over the wall-clock budget when one is set.</li>
 * <li>After each epoch: the task's validation metric (lower is better); keep the best weights; stop at the epoch cap,
 * after {@code patience} epochs without improvement, or before an epoch that would end past the time budget (judged
 * by the last epoch's duration).</li>
 * <li>Restore the best-validation weights (a task without validation data keeps its final weights).</li>
 * </ol>
 * With a {@link ResumeSpec} the whole state is saved after every epoch ({@link TrainingState}) and a killed run
 * resumes from the next epoch, ending with the same history (wall times aside) and weights as an uninterrupted run,
 * provided the task's steps depend only on the seed, the epoch and the examples (no hidden random state).
 */
public final class TrainingLoop {
    /** File name prefix of every TensorFlow checkpoint the loop writes ({@code ckpt.index}, {@code ckpt.data-*}). */
    public static final String CHECKPOINT = "ckpt";

    private TrainingLoop() {
    }

    /**
     * What the loop needs of a run's settings.
     *
     * @param epochs            epoch cap; also the length of the cosine schedule when no time budget is set
     * @param batchSize         examples per step
     * @param learningRate      initial learning rate
     * @param minLearningRate   final learning rate of the cosine
     * @param timeBudgetSeconds wall-clock budget (0 = none)
     * @param patience          epochs without a better validation metric before stopping (0 = never)
     * @param seed              drives the epoch order
     */
    public record Settings(int epochs, int batchSize, double learningRate, double minLearningRate,
                           double timeBudgetSeconds, int patience, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be positive, got " + epochs + ", "
                        + batchSize);
            }
        }
    }

    /**
     * The outcome of one optimiser step.
     *
     * @param loss      the total loss before the step
     * @param absErrors per example of the batch, |prediction - target| in target units, for the epoch's training MAE;
     *                  null for tasks without one
     * @param terms     the loss's terms, in the order of {@link Task#termNames()}; empty for none
     */
    public record Step(double loss, double[] absErrors, double[] terms) {
    }

    /** One model being trained. */
    public interface Task extends AutoCloseable {
        /** Number of training examples. */
        int trainSize();

        /** Number of validation examples (0: no early stopping, final weights kept). */
        int validationSize();

        /**
         * One optimiser step on the training examples {@code members} (indices in 0..trainSize-1, in batch order).
         *
         * @param epoch 1-based, for tasks whose inputs are drawn per epoch (seeded corruption)
         */
        Step step(int[] members, int epoch, float learningRate);

        /** The validation metric of the current weights, lower is better (NaN without validation data). */
        double validate();

        /** Names of the loss terms {@link Step#terms} reports (empty by default). */
        default List<String> termNames() {
            return List.of();
        }

        /** Saves every variable (weights, optimiser state, moving statistics) as checkpoint {@code dir/ckpt}. */
        void saveCheckpoint(Path dir);

        /** Restores every variable from {@link #saveCheckpoint}. */
        void restoreCheckpoint(Path dir);

        @Override
        void close();
    }

    /** A trained task and its history. */
    public record Result<T extends Task>(T task, TrainingHistory history) {
    }

    /**
     * Trains a fresh task; the best weights go to a temporary checkpoint.
     *
     * @throws IllegalStateException if a step's loss is not finite (the task is closed)
     */
    public static <T extends Task> Result<T> run(T task, Settings settings, TrainingListener listener) {
        TrainingListener l = listener == null ? TrainingListener.silent() : listener;
        Path best = null;
        try {
            best = Files.createTempDirectory("unate-best-");
            TrainingHistory history = loop(task, settings, l, Progress.fresh(), new TemporaryBest(best));
            l.onEnd(history);
            return new Result<>(task, history);
        } catch (IOException e) {
            task.close();
            throw new UncheckedIOException("cannot create a temporary checkpoint folder", e);
        } catch (RuntimeException | Error e) {
            task.close();
            throw e;
        } finally {
            TrainingState.deleteTree(best);
        }
    }

    /**
     * Trains with a resumable state in {@code resume.dir()}: a snapshot after every epoch; on start the newest snapshot
     * is restored if its fingerprint equals {@code fingerprint} plus the resume spec's context (prefixed {@code run.}),
     * and training goes on from the next epoch ({@link TrainingListener#onResume}). A run that had finished is not
     * trained again: its best weights are restored and the listener hears {@link TrainingListener#onLoaded} with the
     * saved history. An unreadable snapshot is reported through {@link TrainingListener#onNotice}, deleted, and training
     * starts over. When the run ends the state keeps only the final history and the best weights.
     *
     * @param factory     makes a fresh task (called once, or twice when a snapshot cannot be restored)
     * @param fingerprint what the run depends on (config, data digests), flat key -> value
     * @throws IllegalStateException if the saved state belongs to a run with a different fingerprint, naming what
     *                               differs, or if another process holds the state folder
     */
    public static <T extends Task> Result<T> run(Supplier<T> factory, Settings settings, TrainingListener listener,
                                                 ResumeSpec resume, Map<String, String> fingerprint) {
        TrainingListener l = listener == null ? TrainingListener.silent() : listener;
        Map<String, String> fp = new LinkedHashMap<>(fingerprint);
        resume.context().forEach((k, v) -> fp.put("run." + k, v));
        try (TrainingState state = TrainingState.open(resume.dir(), fp)) {
            Optional<TrainingState.Snapshot> saved = state.latest(l::onNotice);
            T task = factory.get();
            try {
                Progress start = Progress.fresh();
                if (saved.isPresent()) {
                    TrainingState.Snapshot s = saved.get();
                    try {
                        if (s.finished()) {
                            if (s.hasBest()) {
                                task.restoreCheckpoint(s.best());
                            }
                        } else {
                            task.restoreCheckpoint(s.vars());
                        }
                        start = new Progress(s.epoch() + 1, s.rows(), s.bestValMae(), s.bestEpoch(), s.sinceBest(),
                                s.elapsedSeconds());
                    } catch (RuntimeException e) {
                        l.onNotice("cannot restore the training state in " + s.folder() + " (" + e.getMessage()
                                + "); it is deleted and training starts over");
                        state.discardAll();
                        task.close();
                        task = factory.get();
                        saved = Optional.empty();
                    }
                }
                if (saved.isPresent() && saved.get().finished()) {
                    TrainingState.Snapshot s = saved.get();
                    l.onStart(settings.epochs(), stepsPerEpoch(task.trainSize(), settings.batchSize()),
                            task.trainSize(), task.validationSize(), settings.timeBudgetSeconds());
                    l.onResume(settings.epochs() + 1, settings.epochs(), s.elapsedSeconds());
                    TrainingHistory history = new TrainingHistory(s.rows(), s.bestEpoch(), s.stopReason());
                    l.onLoaded(history, s.elapsedSeconds());
                    l.onEnd(history);
                    return new Result<>(task, history);
                }
                TrainingHistory history = loop(task, settings, l, start, new SavedState(state));
                l.onEnd(history);
                return new Result<>(task, history);
            } catch (RuntimeException | Error e) {
                task.close();
                throw e;
            }
        }
    }

    /** Batches per epoch: ceil(n / batchSize). */
    public static int stepsPerEpoch(int n, int batchSize) {
        return (n + batchSize - 1) / batchSize;
    }

    /** Where the loop starts: the next epoch, the rows so far and the early-stopping counters. */
    private record Progress(int nextEpoch, List<EpochRecord> rows, double bestVal, int bestEpoch, int sinceBest,
                            double elapsedSeconds) {
        static Progress fresh() {
            return new Progress(1, List.of(), Double.POSITIVE_INFINITY, 0, 0, 0.0);
        }
    }

    /** What happens to weights at the end of each epoch, and where the best ones come back from. */
    private interface EpochSink {
        void endOfEpoch(Task task, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch, int sinceBest,
                        boolean improved, String stopReason, DoubleSupplier elapsed);

        void restoreBest(Task task);
    }

    /** No resumable state: the best weights go to a temporary checkpoint. */
    private record TemporaryBest(Path dir) implements EpochSink {
        @Override
        public void endOfEpoch(Task task, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch,
                               int sinceBest, boolean improved, String stopReason, DoubleSupplier elapsed) {
            if (improved) {
                task.saveCheckpoint(dir);
            }
        }

        @Override
        public void restoreBest(Task task) {
            task.restoreCheckpoint(dir);
        }
    }

    /** A snapshot of the whole run after every epoch ({@link TrainingState}). */
    private record SavedState(TrainingState state) implements EpochSink {
        @Override
        public void endOfEpoch(Task task, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch,
                               int sinceBest, boolean improved, String stopReason, DoubleSupplier elapsed) {
            state.commit(task, epoch, rows, bestEpoch, bestVal, sinceBest, improved, stopReason, elapsed);
        }

        @Override
        public void restoreBest(Task task) {
            Path best = state.bestCheckpoint().orElseThrow(() -> new IllegalStateException(
                    "no best checkpoint in " + state.dir() + " (no epoch had a finite validation metric)"));
            task.restoreCheckpoint(best);
        }
    }

    /**
     * The order in which epoch {@code epoch} (1-based) visits the training examples: a Fisher-Yates shuffle of
     * 0..n-1 driven by {@code SplittableRandom(Seeds.derive(seed, "shuffle/epoch-" + epoch))}. It depends on the seed
     * and the epoch only, so a resumed run visits the examples exactly as an uninterrupted one.
     */
    public static int[] epochOrder(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "shuffle/epoch-" + epoch));
        for (int k = order.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static TrainingHistory loop(Task task, Settings cfg, TrainingListener listener, Progress from,
                                        EpochSink sink) {
        int n = task.trainSize();
        if (n == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        int nBatches = stepsPerEpoch(n, cfg.batchSize());
        boolean noVal = task.validationSize() == 0;
        List<String> termNames = task.termNames();
        double budget = cfg.timeBudgetSeconds();
        CosineSchedule schedule = new CosineSchedule(cfg.learningRate(), cfg.minLearningRate());
        listener.onStart(cfg.epochs(), nBatches, n, task.validationSize(), budget);
        if (from.nextEpoch() > 1) {
            listener.onResume(from.nextEpoch(), cfg.epochs(), from.elapsedSeconds());
        }

        List<EpochRecord> rows = new ArrayList<>(from.rows());
        double bestVal = from.bestVal();
        int bestEpoch = from.bestEpoch();
        int sinceBest = from.sinceBest();
        String stop = null;
        // the clock runs on from the time spent before a resume
        long t0 = System.nanoTime() - Math.round(from.elapsedSeconds() * 1e9);
        double prevWall = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).wallSeconds();
        for (int epoch = from.nextEpoch(); stop == null; epoch++) {
            int[] order = epochOrder(n, cfg.seed(), epoch);
            double lossSum = 0;
            double absErr = 0;
            boolean hasAbsErr = false;
            double[] termSums = new double[termNames.size()];
            double lr = cfg.learningRate();
            int start = 0;
            listener.onEpochStart(epoch);
            for (int b = 0; b < nBatches; b++) {
                int size = n / nBatches + (b < n % nBatches ? 1 : 0);
                int[] members = new int[size];
                System.arraycopy(order, start, members, 0, size);
                start += size;
                double frac = budget > 0 ? (System.nanoTime() - t0) * 1e-9 / budget
                        : ((epoch - 1) + (double) b / nBatches) / cfg.epochs();
                lr = schedule.at(frac);
                Step step = task.step(members, epoch, (float) lr);
                if (!Double.isFinite(step.loss())) {
                    throw new IllegalStateException("training diverged: loss " + step.loss() + " at epoch " + epoch
                            + ", step " + (b + 1));
                }
                lossSum += step.loss();
                if (step.absErrors() != null) {
                    hasAbsErr = true;
                    for (double e : step.absErrors()) {
                        absErr += e;
                    }
                }
                for (int t = 0; t < termSums.length; t++) {
                    termSums[t] += step.terms()[t];
                }
                listener.onStep(epoch, b + 1, nBatches, step.loss(), lr);
            }
            double val = noVal ? Double.NaN : task.validate();
            boolean improved = noVal || val < bestVal;
            if (improved) {
                bestVal = noVal ? Double.NaN : val;
                bestEpoch = epoch;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            Map<String, Double> terms = new LinkedHashMap<>();
            for (int t = 0; t < termSums.length; t++) {
                terms.put(termNames.get(t), termSums[t] / nBatches);
            }
            EpochRecord row = new EpochRecord(epoch, wall, lr, lossSum / nBatches, hasAbsErr ? absErr / n : Double.NaN,
                    val, bestVal, terms);
            rows.add(row);
            double epochTime = wall - prevWall;
            prevWall = wall;
            double eta = budget > 0 ? Math.max(0, budget - wall) : (wall / epoch) * (cfg.epochs() - epoch);
            listener.onEpoch(row, eta);
            if (cfg.patience() > 0 && sinceBest >= cfg.patience()) {
                stop = "patience";
            } else if (epoch >= cfg.epochs()) {
                stop = "epoch cap";
            } else if (budget > 0 && wall + epochTime > budget) {
                stop = "time budget (next epoch would end past it)";
            }
            if (stop != null && noVal) {
                stop = stop + "; no validation data, final weights kept";
            }
            final long clock = t0;
            sink.endOfEpoch(task, epoch, rows, bestVal, bestEpoch, sinceBest, improved, stop,
                    () -> (System.nanoTime() - clock) * 1e-9);
        }
        sink.restoreBest(task);
        return new TrainingHistory(rows, bestEpoch, stop);
    }
}
