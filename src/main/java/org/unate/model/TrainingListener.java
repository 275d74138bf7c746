package org.unate.model;

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

    /**
     * After {@link #onStart}, when training continues from a saved state: {@code nextEpoch} is the first epoch to run
     * (epochCap + 1 if the saved run had already finished, followed by {@link #onLoaded}), {@code elapsedSeconds} the
     * training time spent before. {@link ResumeLog#resumedText} words it for a person.
     */
    default void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
    }

    /**
     * After {@link #onResume}, when the saved state is that of a run that had already finished: nothing is trained,
     * the run's best weights are restored and {@code history} is its saved history ({@link #onEnd} follows with the
     * same history). {@link ResumeLog#loadedText} words it for a person ("loaded a finished run (60 epochs)").
     *
     * @param elapsedSeconds the training time the run had taken
     */
    default void onLoaded(TrainingHistory history, double elapsedSeconds) {
    }

    /** Something the user should know that is not an error, e.g. an unusable saved state that is discarded. */
    default void onNotice(String message) {
    }

    /** Before the first step of each epoch (1-based). */
    default void onEpochStart(int epoch) {
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

    /** A listener forwarding every event to {@code a}, then to {@code b}; either may be null. */
    static TrainingListener both(TrainingListener a, TrainingListener b) {
        TrainingListener x = a == null ? silent() : a;
        TrainingListener y = b == null ? silent() : b;
        return new TrainingListener() {
            @Override
            public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double timeBudgetSeconds) {
                x.onStart(epochs, stepsPerEpoch, trainSize, valSize, timeBudgetSeconds);
                y.onStart(epochs, stepsPerEpoch, trainSize, valSize, timeBudgetSeconds);
            }

            @Override
            public void onResume(int nextEpoch, int epochCap, double elapsedSeconds) {
                x.onResume(nextEpoch, epochCap, elapsedSeconds);
                y.onResume(nextEpoch, epochCap, elapsedSeconds);
            }

            @Override
            public void onLoaded(TrainingHistory history, double elapsedSeconds) {
                x.onLoaded(history, elapsedSeconds);
                y.onLoaded(history, elapsedSeconds);
            }

            @Override
            public void onNotice(String message) {
                x.onNotice(message);
                y.onNotice(message);
            }

            @Override
            public void onEpochStart(int epoch) {
                x.onEpochStart(epoch);
                y.onEpochStart(epoch);
            }

            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                x.onStep(epoch, step, stepsPerEpoch, loss, learningRate);
                y.onStep(epoch, step, stepsPerEpoch, loss, learningRate);
            }

            @Override
            public void onEpoch(EpochRecord record, double etaSeconds) {
                x.onEpoch(record, etaSeconds);
                y.onEpoch(record, etaSeconds);
            }

            @Override
            public void onEnd(TrainingHistory history) {
                x.onEnd(history);
                y.onEnd(history);
            }
        };
    }

    /** A listener that does nothing. */
    static TrainingListener silent() {
        return new TrainingListener() {
        };
    }
}
