package org.unate.property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
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
 * <li>Each epoch: shuffle the training set (seeded), split it into ceil(n / batch) near-equal batches, one Adam step
 * each; the learning rate follows a cosine from {@code learningRate} to {@code minLearningRate} over the epoch cap, or
 * over the wall-clock budget when one is set.</li>
 * <li>After each epoch: validation MAE in inference mode; keep the best weights (a checkpoint in a temporary
 * folder); stop at the epoch cap, after {@code patience} epochs without improvement, or before an epoch that would
 * end past the time budget (judged by the last epoch's duration).</li>
 * <li>Restore the best-validation weights.</li>
 * </ol>
 */
public final class PropertyTrainer {
    private PropertyTrainer() {
    }

    /**
     * Trains a model; see the class comment.
     *
     * @param valGraphs may be empty: then there is no early stopping and the final weights are kept
     * @throws IllegalArgumentException for an empty crystal, a missing (NaN) target, mismatched lengths or an element
     *                                  the featurizer has no vector for, each naming the crystal
     */
    public static TrainedModel train(List<CrystalGraph> trainGraphs, double[] trainTargets, List<CrystalGraph> valGraphs,
                                     double[] valTargets, TrainConfig config, TrainingListener listener) {
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

        PropertyModel model = new PropertyModel(config, featurizer, scaler, regular);
        Path best = null;
        try {
            best = Files.createTempDirectory("unate-best-");
            TrainingHistory history = loop(model, trainGraphs, trainTargets, valGraphs, valTargets, config, listener, best);
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

    private static TrainingHistory loop(PropertyModel model, List<CrystalGraph> train, double[] y, List<CrystalGraph> val,
                                        double[] yVal, TrainConfig cfg, TrainingListener listener, Path bestDir) {
        TargetScaler scaler = model.scaler();
        int n = train.size();
        int nBatches = (n + cfg.batchSize() - 1) / cfg.batchSize();
        double budget = cfg.timeBudgetSeconds();
        CosineSchedule schedule = new CosineSchedule(cfg.learningRate(), cfg.minLearningRate());
        SplittableRandom rng = new SplittableRandom(Seeds.derive(cfg.seed(), "shuffle"));
        listener.onStart(cfg.epochs(), nBatches, n, val.size(), budget);

        List<EpochRecord> rows = new ArrayList<>();
        double bestVal = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        String stop = "epoch cap";
        long t0 = System.nanoTime();
        double prevWall = 0;
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            shuffle(order, rng);
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
                model.saveCheckpoint(bestDir);
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
                break;
            }
            if (budget > 0 && epoch < cfg.epochs() && wall + epochTime > budget) {
                stop = "time budget (next epoch would end past it)";
                break;
            }
        }
        if (val.isEmpty()) {
            stop = stop + "; no validation data, final weights kept";
        }
        model.restoreCheckpoint(bestDir);
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
