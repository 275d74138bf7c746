package org.unate.property;

import java.util.Arrays;
import java.util.List;
import org.unate.graph.CrystalGraph;
import org.unate.model.ModelConfig;
import org.unate.model.ResumeSpec;
import org.unate.model.TrainingListener;

/** The small training run shared by the resume tests and the child JVM that is killed ({@link KillableTraining}). */
final class ResumeFixture {
    static final List<CrystalGraph> DATA = SyntheticGraphs.generate(100, 600, 8, 11);
    static final double[] Y = SyntheticGraphs.targets(DATA);
    static final List<CrystalGraph> TRAIN = DATA.subList(0, 64);
    static final double[] Y_TRAIN = Arrays.copyOfRange(Y, 0, 64);
    /** Only 4 validation crystals: a noisy validation MAE, best at epoch 2 of 5 with this seed. */
    static final List<CrystalGraph> VAL = DATA.subList(64, 68);
    static final double[] Y_VAL = Arrays.copyOfRange(Y, 64, 68);
    static final List<CrystalGraph> TEST = DATA.subList(68, 100);

    private ResumeFixture() {
    }

    /** H 16, 2 convolutions, batch 16 (4 steps per epoch), lr 2e-2 -> 1e-4. */
    static TrainConfig config(int epochs) {
        // Glorot, so that this seed's best epoch comes before the last (theFixtureKeepsAnEarlierBestEpoch)
        return TrainConfig.defaults().withModel(ModelConfig.cgcnn().withWidths(16, 2, 16).withInit("glorot")).withBatchSize(16)
                .withEpochs(epochs).withSeed(5).withLearningRate(2e-2, 1e-4).withThreads(1, 1);
    }

    static TrainedModel train(TrainConfig cfg, TrainingListener listener, ResumeSpec resume) {
        return PropertyTrainer.train(TRAIN, Y_TRAIN, VAL, Y_VAL, cfg, listener, resume);
    }
}
