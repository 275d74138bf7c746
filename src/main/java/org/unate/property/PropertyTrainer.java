package org.unate.property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.nn.CosineSchedule;
import org.unate.nn.Seeds;

/**
 * Trains a property model. The recipe (that of the PyTorch reference, cgcnn_fit.py):
 * <ol>
 * <li>Check the data: every crystal has atoms, every target is finite, the featurizer has a vector for every
 * element (all before any graph is built).</li>
 * <li>Standardise targets with the training mean and std.</li>
 * <li>Each epoch: shuffle the training set (seeded by seed and epoch only, {@link #epochOrder}), split it into ceil(n / batch) near-equal batches, one Adam step
 * each; the learning rate follows a cosine from {@code learningRate} to {@code minLearningRate} over the epoch cap, or
 * over the wall-clock budget when one is set.</li>
 * <li>After each epoch: validation MAE in inference mode; keep the best weights (a checkpoint in a temporary
 * folder); stop at the epoch cap, after {@code patience} epochs without improvement, or before an epoch that would
 * end past the time budget (judged by the last epoch's duration).</li>
 * <li>Restore the best-validation weights.</li>
 * </ol>
 * With a {@link ResumeSpec}, the whole state is saved after every epoch and a killed run resumes where it stopped
 * (see {@link #train(List, double[], List, double[], TrainConfig, TrainingListener, ResumeSpec)}).
 */
public final class PropertyTrainer {
    private PropertyTrainer() {
    }

    /**
     * Trains a model without a saved state; see the class comment.
     *
     * @param valGraphs may be empty: then there is no early stopping and the final weights are kept
     * @throws IllegalArgumentException for an empty crystal, a missing (NaN) target, mismatched lengths or an element
     *                                  the featurizer has no vector for, each naming the crystal
     */
    public static TrainedModel train(List<CrystalGraph> trainGraphs, double[] trainTargets, List<CrystalGraph> valGraphs,
                                     double[] valTargets, TrainConfig config, TrainingListener listener) {
        return train(trainGraphs, trainTargets, valGraphs, valTargets, config, listener, null);
    }

    /**
     * Trains a model, keeping a resumable state in {@code resume.dir()} when {@code resume} is not null: a snapshot
     * after every epoch (see {@link TrainingState}), and on start the newest snapshot is restored if it matches this
     * run's fingerprint, so training goes on from the next epoch and ends with bitwise the same history (wall times
     * aside) and weights as an uninterrupted run. A run that had finished is not trained again: its best weights are
     * restored. An unreadable snapshot is reported through {@link TrainingListener#onNotice}, deleted, and training
     * starts over. When the run ends the state keeps only the final history and the best weights.
     *
     * @param resume where to keep the state, and extra fingerprint entries; null for none
     * @throws IllegalStateException if the saved state belongs to a run with a different fingerprint (config, data,
     *                               featurizer table or context), naming what differs
     */
    public static TrainedModel train(List<CrystalGraph> trainGraphs, double[] trainTargets, List<CrystalGraph> valGraphs,
                                     double[] valTargets, TrainConfig config, TrainingListener listener,
                                     ResumeSpec resume) {
        if (listener == null) {
            listener = TrainingListener.silent();
        }
        checkData(trainGraphs, trainTargets, "training");
        checkData(valGraphs, valTargets, "validation");
        if (trainGraphs.isEmpty()) {
            throw new IllegalArgumentException("no training crystals");
        }
        NodeFeaturizer featurizer = NodeFeaturizer.parse(config.model().featurizer());
        featurizer.requireElements(trainGraphs, "training");
        featurizer.requireElements(valGraphs, "validation");
        TargetScaler scaler = TargetScaler.fit(trainTargets);
        boolean regular = config.model().edgeFastPath() && commonRegularK(trainGraphs) > 0;

        if (resume != null) {
            return trainResumable(trainGraphs, trainTargets, valGraphs, valTargets, config, listener, resume,
                    featurizer, scaler, regular);
        }
        PropertyModel model = new PropertyModel(config, featurizer, scaler, regular);
        Path best = null;
        try {
            best = Files.createTempDirectory("unate-best-");
            TrainingHistory history = loop(model, trainGraphs, trainTargets, valGraphs, valTargets, config, listener,
                    Progress.fresh(), new TemporaryBest(best));
            listener.onEnd(history);
            return new TrainedModel(model, history);
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot create a temporary checkpoint folder", e);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        } finally {
            deleteQuietly(best);
        }
    }

    private static TrainedModel trainResumable(List<CrystalGraph> train, double[] y, List<CrystalGraph> val,
                                               double[] yVal, TrainConfig config, TrainingListener listener,
                                               ResumeSpec resume, NodeFeaturizer featurizer, TargetScaler scaler,
                                               boolean regular) {
        Map<String, String> fingerprint = TrainingState.fingerprint(config, featurizer, scaler, train, y, val, yVal,
                resume.context());
        try (TrainingState state = TrainingState.open(resume.dir(), fingerprint)) {
            Optional<TrainingState.Snapshot> saved = state.latest(listener::onNotice);
            PropertyModel model = new PropertyModel(config, featurizer, scaler, regular);
            try {
                Progress start = Progress.fresh();
                if (saved.isPresent()) {
                    TrainingState.Snapshot s = saved.get();
                    try {
                        if (s.finished()) {
                            if (s.hasBest()) {
                                model.restoreCheckpoint(s.best());
                            }
                        } else {
                            model.restoreCheckpoint(s.vars());
                        }
                        start = new Progress(s.epoch() + 1, s.rows(), s.bestValMae(), s.bestEpoch(), s.sinceBest(),
                                s.elapsedSeconds());
                    } catch (RuntimeException e) {
                        listener.onNotice("cannot restore the training state in " + s.folder() + " (" + e.getMessage()
                                + "); it is deleted and training starts over");
                        state.discardAll();
                        model.close();
                        model = new PropertyModel(config, featurizer, scaler, regular);
                        saved = Optional.empty();
                    }
                }
                if (saved.isPresent() && saved.get().finished()) {
                    TrainingState.Snapshot s = saved.get();
                    int n = train.size();
                    listener.onStart(config.epochs(), (n + config.batchSize() - 1) / config.batchSize(), n, val.size(),
                            config.timeBudgetSeconds());
                    listener.onResume(config.epochs() + 1, config.epochs(), s.elapsedSeconds());
                    listener.onNotice("training had finished (" + s.stopReason() + ") at epoch " + s.epoch()
                            + "; best weights restored from " + s.folder());
                    TrainingHistory history = new TrainingHistory(s.rows(), s.bestEpoch(), s.stopReason());
                    listener.onEnd(history);
                    return new TrainedModel(model, history);
                }
                TrainingHistory history = loop(model, train, y, val, yVal, config, listener, start,
                        new SavedState(state));
                listener.onEnd(history);
                return new TrainedModel(model, history);
            } catch (RuntimeException | Error e) {
                model.close();
                throw e;
            }
        }
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
        /**
         * @param improved   the current weights are the best so far
         * @param stopReason null if training continues, else the final stop reason
         * @param elapsed    training seconds so far (all sessions), read when called
         */
        void endOfEpoch(PropertyModel model, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch,
                        int sinceBest, boolean improved, String stopReason, DoubleSupplier elapsed);

        void restoreBest(PropertyModel model);
    }

    /** No resumable state: the best weights go to a temporary checkpoint. */
    private record TemporaryBest(Path dir) implements EpochSink {
        @Override
        public void endOfEpoch(PropertyModel model, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch,
                               int sinceBest, boolean improved, String stopReason, DoubleSupplier elapsed) {
            if (improved) {
                model.saveCheckpoint(dir);
            }
        }

        @Override
        public void restoreBest(PropertyModel model) {
            model.restoreCheckpoint(dir);
        }
    }

    /** A snapshot of the whole run after every epoch ({@link TrainingState}). */
    private record SavedState(TrainingState state) implements EpochSink {
        @Override
        public void endOfEpoch(PropertyModel model, int epoch, List<EpochRecord> rows, double bestVal, int bestEpoch,
                               int sinceBest, boolean improved, String stopReason, DoubleSupplier elapsed) {
            state.commit(model, epoch, rows, bestEpoch, bestVal, sinceBest, improved, stopReason, elapsed);
        }

        @Override
        public void restoreBest(PropertyModel model) {
            Path best = state.bestCheckpoint().orElseThrow(() -> new IllegalStateException(
                    "no best checkpoint in " + state.dir() + " (no epoch had a finite validation MAE)"));
            model.restoreCheckpoint(best);
        }
    }

    /**
     * The order in which epoch {@code epoch} (1-based) visits the training crystals: a Fisher-Yates shuffle of
     * 0..n-1 driven by {@code SplittableRandom(Seeds.derive(seed, "shuffle/epoch-" + epoch))}. It depends on the seed
     * and the epoch only, so a resumed run visits the crystals exactly as an uninterrupted one.
     */
    static int[] epochOrder(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        shuffle(order, new SplittableRandom(Seeds.derive(seed, "shuffle/epoch-" + epoch)));
        return order;
    }

    private static TrainingHistory loop(PropertyModel model, List<CrystalGraph> train, double[] y, List<CrystalGraph> val,
                                        double[] yVal, TrainConfig cfg, TrainingListener listener, Progress from,
                                        EpochSink sink) {
        TargetScaler scaler = model.scaler();
        int n = train.size();
        int nBatches = (n + cfg.batchSize() - 1) / cfg.batchSize();
        double budget = cfg.timeBudgetSeconds();
        CosineSchedule schedule = new CosineSchedule(cfg.learningRate(), cfg.minLearningRate());
        listener.onStart(cfg.epochs(), nBatches, n, val.size(), budget);
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
            double lr = cfg.learningRate();
            int start = 0;
            for (int b = 0; b < nBatches; b++) {
                int size = n / nBatches + (b < n % nBatches ? 1 : 0);
                List<CrystalGraph> members = new ArrayList<>(size);
                float[] target = new float[size];
                for (int q = 0; q < size; q++) {
                    int idx = order[start + q];
                    members.add(train.get(idx));
                    target[q] = scaler.forward(y[idx]);
                }
                start += size;
                double frac = budget > 0 ? (System.nanoTime() - t0) * 1e-9 / budget
                        : ((epoch - 1) + (double) b / nBatches) / cfg.epochs();
                lr = schedule.at(frac);
                PropertyModel.Step step = model.trainStep(GraphBatch.pack(members), target, (float) lr);
                if (!Float.isFinite(step.loss())) {
                    throw new IllegalStateException("training diverged: loss " + step.loss() + " at epoch " + epoch
                            + ", step " + (b + 1));
                }
                lossSum += step.loss();
                for (int q = 0; q < size; q++) {
                    absErr += Math.abs(step.prediction()[q] - target[q]) * scaler.std();
                }
                listener.onStep(epoch, b + 1, nBatches, step.loss(), lr);
            }
            double valMae = val.isEmpty() ? Double.NaN : mae(predict(model, val, cfg.inferenceBatchSize()), yVal);
            boolean improved = val.isEmpty() || valMae < bestVal;
            if (improved) {
                bestVal = val.isEmpty() ? Double.NaN : valMae;
                bestEpoch = epoch;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            EpochRecord row = new EpochRecord(epoch, wall, lr, lossSum / nBatches, absErr / n, valMae, bestVal);
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
            if (stop != null && val.isEmpty()) {
                stop = stop + "; no validation data, final weights kept";
            }
            sink.endOfEpoch(model, epoch, rows, bestVal, bestEpoch, sinceBest, improved, stop,
                    () -> (System.nanoTime() - t0) * 1e-9);
        }
        sink.restoreBest(model);
        return new TrainingHistory(rows, bestEpoch, stop);
    }

    /** Predictions in target units, in batches of {@code batchSize}, in input order. */
    static double[] predict(PropertyModel model, List<CrystalGraph> graphs, int batchSize) {
        double[] out = new double[graphs.size()];
        for (int s = 0; s < graphs.size(); s += batchSize) {
            List<CrystalGraph> part = graphs.subList(s, Math.min(graphs.size(), s + batchSize));
            float[] p = model.predict(GraphBatch.pack(part));
            for (int k = 0; k < p.length; k++) {
                out[s + k] = p[k];
            }
        }
        return out;
    }

    static double mae(double[] p, double[] y) {
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += Math.abs(p[k] - y[k]);
        }
        return s / p.length;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int k = a.length - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }

    /** Throws naming the crystal if a graph has no atoms or a target is not finite. */
    static void checkData(List<CrystalGraph> graphs, double[] targets, String what) {
        if (graphs == null || targets == null) {
            throw new IllegalArgumentException(what + " graphs and targets must not be null");
        }
        if (graphs.size() != targets.length) {
            throw new IllegalArgumentException(what + ": " + graphs.size() + " crystals but " + targets.length + " targets");
        }
        for (int k = 0; k < graphs.size(); k++) {
            checkGraph(graphs.get(k), k, what);
            if (!Double.isFinite(targets[k])) {
                throw new IllegalArgumentException(what + " crystal '" + graphs.get(k).id() + "' (index " + k
                        + ") has no usable target: " + targets[k] + " (missing label?)");
            }
        }
    }

    static void checkGraph(CrystalGraph g, int index, String what) {
        if (g == null) {
            throw new IllegalArgumentException(what + " crystal at index " + index + " is null");
        }
        if (g.numNodes() == 0) {
            throw new IllegalArgumentException(what + " crystal '" + g.id() + "' (index " + index + ") has no atoms");
        }
    }

    /** The k shared by all graphs in which every node has exactly k edges grouped by centre in order, else 0. */
    static int commonRegularK(List<CrystalGraph> graphs) {
        int common = -1;
        for (CrystalGraph g : graphs) {
            int n = g.numNodes();
            int e = g.numEdges();
            if (n == 0 || e == 0 || e % n != 0) {
                return 0;
            }
            int k = e / n;
            int[] src = g.source();
            for (int i = 0; i < e; i++) {
                if (src[i] != i / k) {
                    return 0;
                }
            }
            if (common >= 0 && k != common) {
                return 0;
            }
            common = k;
        }
        return Math.max(common, 0);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
