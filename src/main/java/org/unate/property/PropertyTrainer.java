package org.unate.property;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.model.NodeFeaturizer;
import org.unate.model.ResumeSpec;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingLoop;
import org.unate.model.TrainingState;

/**
 * Trains a property model on the project's one {@link TrainingLoop}. The recipe (that of the PyTorch reference,
 * cgcnn_fit.py):
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
     * aside) and weights as an uninterrupted run ({@link TrainingListener#onResume}). A run that had finished is not
     * trained again: its best weights are restored and the listener hears {@link TrainingListener#onLoaded} with the
     * saved history. An unreadable snapshot is reported through {@link TrainingListener#onNotice}, deleted, and training
     * starts over. When the run ends the state keeps only the final history and the best weights.
     *
     * @param resume where to keep the state, and extra fingerprint entries; null for none
     * @throws IllegalStateException if the saved state belongs to a run with a different fingerprint (config, data,
     *                               featurizer table or context), naming what differs
     */
    public static TrainedModel train(List<CrystalGraph> trainGraphs, double[] trainTargets, List<CrystalGraph> valGraphs,
                                     double[] valTargets, TrainConfig config, TrainingListener listener,
                                     ResumeSpec resume) {
        return train(trainGraphs, trainTargets, valGraphs, valTargets, config,
                NodeFeaturizer.parse(config.model().featurizer()), listener, resume);
    }

    /**
     * {@link #train(List, double[], List, double[], TrainConfig, TrainingListener, ResumeSpec)} with a featurizer
     * given instead of parsed from {@code config}: the spec's featurizer with another table (one whose missing
     * elements were filled, for instance). Its spec must be {@code config.model().featurizer()}; its table is what
     * the model is built with, saved with it and fingerprinted.
     */
    public static TrainedModel train(List<CrystalGraph> trainGraphs, double[] trainTargets, List<CrystalGraph> valGraphs,
                                     double[] valTargets, TrainConfig config, NodeFeaturizer featurizer,
                                     TrainingListener listener, ResumeSpec resume) {
        if (!featurizer.spec().equals(config.model().featurizer().trim())) {
            throw new IllegalArgumentException("featurizer " + featurizer.spec() + " is not the config's "
                    + config.model().featurizer());
        }
        if (listener == null) {
            listener = TrainingListener.silent();
        }
        checkData(trainGraphs, trainTargets, "training");
        checkData(valGraphs, valTargets, "validation");
        if (trainGraphs.isEmpty()) {
            throw new IllegalArgumentException("no training crystals");
        }
        featurizer.requireElements(trainGraphs, "training");
        featurizer.requireElements(valGraphs, "validation");
        TargetScaler scaler = TargetScaler.fit(trainTargets);
        boolean regular = config.model().edgeFastPath() && commonRegularK(trainGraphs) > 0;

        if (resume != null) {
            return trainResumable(trainGraphs, trainTargets, valGraphs, valTargets, config, listener, resume,
                    featurizer, scaler, regular);
        }
        Task task = new Task(new PropertyModel(config, featurizer, scaler, regular), trainGraphs, trainTargets,
                valGraphs, valTargets);
        TrainingLoop.Result<Task> r = TrainingLoop.run(task, settings(config), listener);
        return new TrainedModel(r.task().model, r.history());
    }

    private static TrainedModel trainResumable(List<CrystalGraph> train, double[] y, List<CrystalGraph> val,
                                               double[] yVal, TrainConfig config, TrainingListener listener,
                                               ResumeSpec resume, NodeFeaturizer featurizer, TargetScaler scaler,
                                               boolean regular) {
        Map<String, String> fingerprint = fingerprint(config, featurizer, scaler, train, y, val, yVal);
        TrainingLoop.Result<Task> r = TrainingLoop.run(
                () -> new Task(new PropertyModel(config, featurizer, scaler, regular), train, y, val, yVal),
                settings(config), listener, resume, fingerprint);
        return new TrainedModel(r.task().model, r.history());
    }

    /** The loop settings of a training config. */
    static TrainingLoop.Settings settings(TrainConfig c) {
        return new TrainingLoop.Settings(c.epochs(), c.batchSize(), c.learningRate(), c.minLearningRate(),
                c.timeBudgetSeconds(), c.patience(), c.seed());
    }

    /**
     * What a property run depends on, as flat key -> value entries: every field of the training config
     * ({@code config.model.hidden}, {@code config.seed}, ...), a digest of the featurizer's table, the target scaler,
     * and digests of the training and validation data (ids, atoms, edges, distances, vectors, targets, in order).
     */
    static Map<String, String> fingerprint(TrainConfig config, NodeFeaturizer featurizer, TargetScaler scaler,
                                           List<CrystalGraph> train, double[] y, List<CrystalGraph> val,
                                           double[] yVal) {
        Map<String, String> fp = new TreeMap<>();
        TrainingState.addConfig("config", config.toJson(), fp);
        featurizer.table().ifPresent(t -> fp.put("featurizer.table.sha256", TrainingState.tableDigest(t)));
        fp.put("scaler", scaler.mean() + " " + scaler.std());
        fp.put("data.train.crystals", Integer.toString(train.size()));
        fp.put("data.train.sha256", TrainingState.dataDigest(train, y));
        fp.put("data.val.crystals", Integer.toString(val.size()));
        fp.put("data.val.sha256", TrainingState.dataDigest(val, yVal));
        return fp;
    }

    /** A property model and its data as a task of the {@link TrainingLoop}. */
    static final class Task implements TrainingLoop.Task {
        final PropertyModel model;
        private final List<CrystalGraph> train;
        private final double[] y;
        private final List<CrystalGraph> val;
        private final double[] yVal;

        Task(PropertyModel model, List<CrystalGraph> train, double[] y, List<CrystalGraph> val, double[] yVal) {
            this.model = model;
            this.train = train;
            this.y = y;
            this.val = val;
            this.yVal = yVal;
        }

        @Override
        public int trainSize() {
            return train.size();
        }

        @Override
        public int validationSize() {
            return val.size();
        }

        @Override
        public TrainingLoop.Step step(int[] members, int epoch, float learningRate) {
            TargetScaler scaler = model.scaler();
            List<CrystalGraph> batch = new ArrayList<>(members.length);
            float[] target = new float[members.length];
            for (int q = 0; q < members.length; q++) {
                batch.add(train.get(members[q]));
                target[q] = scaler.forward(y[members[q]]);
            }
            PropertyModel.Step step = model.trainStep(GraphBatch.pack(batch), target, learningRate);
            double[] absErrors = new double[members.length];
            for (int q = 0; q < members.length; q++) {
                absErrors[q] = Math.abs(step.prediction()[q] - target[q]) * scaler.std();
            }
            return new TrainingLoop.Step(step.loss(), absErrors, new double[0]);
        }

        @Override
        public double validate() {
            return mae(predict(model, val, model.config().inferenceBatchSize()), yVal);
        }

        @Override
        public void saveCheckpoint(Path dir) {
            model.saveCheckpoint(dir);
        }

        @Override
        public void restoreCheckpoint(Path dir) {
            model.restoreCheckpoint(dir);
        }

        @Override
        public void close() {
            model.close();
        }
    }

    /** The order in which epoch {@code epoch} visits the training crystals ({@link TrainingLoop#epochOrder}). */
    static int[] epochOrder(int n, long seed, int epoch) {
        return TrainingLoop.epochOrder(n, seed, epoch);
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
}
