package org.unate.pretrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.unate.graph.CrystalGraph;
import org.unate.model.EpochRecord;
import org.unate.model.ModelConfig;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingLoop;
import org.unate.property.PropertyTrainer;
import org.unate.property.TrainConfig;

/**
 * What a pretraining step costs against a supervised step of the same encoder on the same crystals: both run epochs
 * of the project's training loop over the same graphs, batch size and threads (one warm-up epoch, then the median of
 * the timed ones, batch packing and, for pretraining, building the two corrupted views and the pair targets inside
 * the timed epoch). The supervised model is the property model with the pretraining encoder's width and the
 * atomic-number featurizer (its CGCNN training path uses the reshape layout on k-regular batches; pretraining views
 * have dropped edges and always use the general layout, so that difference is part of the measured cost).
 */
public final class PretrainBenchmark {
    private PretrainBenchmark() {
    }

    /**
     * @param crystalsPerSecondSupervised training crystals per second of the supervised epoch (median)
     * @param crystalsPerSecondPretrain   crystals per second of the pretraining epoch (two views each)
     * @param costRatio                   pretraining epoch time / supervised epoch time
     */
    public record Measurement(String backbone, int dim, int crystals, int batchSize, int threads,
                              double crystalsPerSecondSupervised, double crystalsPerSecondPretrain, double costRatio,
                              List<Double> supervisedEpochSeconds, List<Double> pretrainEpochSeconds) {
        public String line() {
            return String.format(Locale.ROOT, "%s d=%d, %d crystals, batch %d, %d threads: supervised %.0f crystals/s,"
                            + " pretraining %.0f crystals/s; a pretraining step costs %.2fx a supervised one",
                    backbone, dim, crystals, batchSize, threads, crystalsPerSecondSupervised,
                    crystalsPerSecondPretrain, costRatio);
        }
    }

    /**
     * Times both on {@code graphs} (built with {@code cfg.graph()}) with targets {@code y} for the supervised model.
     *
     * @param epochs timed epochs of each (after one warm-up epoch)
     */
    public static Measurement run(List<CrystalGraph> graphs, double[] y, PretrainConfig cfg, int epochs) {
        ModelConfig mc = cfg.model();
        TrainConfig tc = TrainConfig.defaults().withModel(mc.withFeaturizer("atomic-number").withWidths(mc.hidden(),
                mc.layers(), mc.headWidth())).withBatchSize(cfg.batchSize()).withEpochs(epochs + 1)
                .withThreads(cfg.intraOpThreads(), cfg.interOpThreads()).withSeed(cfg.seed());
        EpochTimer supervised = new EpochTimer();
        PropertyTrainer.train(graphs, y, List.of(), new double[0], tc, supervised).close();

        EpochTimer pre = new EpochTimer();
        PretrainConfig pc = cfg.withTraining(epochs + 1, cfg.batchSize(), cfg.learningRate(), cfg.minLearningRate());
        TrainingLoop.Result<Pretrainer.Task> r = TrainingLoop.run(
                new Pretrainer.Task(new PretrainModel(pc), graphs, List.of()),
                new TrainingLoop.Settings(pc.epochs(), pc.batchSize(), pc.learningRate(), pc.minLearningRate(), 0, 0,
                        pc.seed()), pre);
        r.task().close();
        double s = median(supervised.timed());
        double p = median(pre.timed());
        return new Measurement(mc.backbone(), mc.hidden(), graphs.size(), cfg.batchSize(), cfg.intraOpThreads(),
                graphs.size() / s, graphs.size() / p, p / s, supervised.timed(), pre.timed());
    }

    /** Wall time of each epoch's steps; the first epoch is the warm-up. */
    private static final class EpochTimer implements TrainingListener {
        private final List<Double> seconds = new ArrayList<>();
        private long t0;

        @Override
        public void onEpochStart(int epoch) {
            t0 = System.nanoTime();
        }

        @Override
        public void onEpoch(EpochRecord r, double eta) {
            seconds.add((System.nanoTime() - t0) * 1e-9);
        }

        List<Double> timed() {
            return List.copyOf(seconds.subList(1, seconds.size()));
        }
    }

    static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
