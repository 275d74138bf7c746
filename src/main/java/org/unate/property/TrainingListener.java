package org.unate.property;

/**
 * Progress of a training run. All methods have empty defaults; a notebook may implement only what it shows.
 * Called on the training thread, between TensorFlow runs.
 */
public interface TrainingListener {
    /**
     * Before the first step.
     *
     * @param epochs            epoch cap
     * @param stepsPerEpoch     batches per epoch
     * @param trainSize         training crystals
     * @param valSize           validation crystals
     * @param timeBudgetSeconds 0 when none
     */
    default void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
    }

    /** After each step; {@code step} is 1-based within the epoch, {@code loss} in standardised units. */
    default void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
    }

    /** After each epoch's validation; {@code etaSeconds} is the estimated time left (by epoch cap or budget). */
    default void onEpoch(EpochRecord record, double etaSeconds) {
    }

    /** After the best weights are restored. */
    default void onEnd(TrainingHistory history) {
    }

    /** A listener that does nothing. */
    static TrainingListener silent() {
        return new TrainingListener() {
        };
    }
}
