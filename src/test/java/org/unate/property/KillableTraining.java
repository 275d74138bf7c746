package org.unate.property;

import java.nio.file.Path;
import org.unate.model.ResumeSpec;
import org.unate.model.TrainingListener;

/**
 * A main for the kill test: trains {@link ResumeFixture}'s run with its state in {@code args[0]} for {@code args[1]}
 * epochs, printing each step; at epoch {@code args[2]}, step 2 (the state of the epoch before is then on disk and
 * the weights in memory have moved past it) it prints "HANG" and waits to be killed.
 */
public final class KillableTraining {
    private KillableTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int hangAt = Integer.parseInt(args[2]);
        TrainingListener l = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                System.out.println("epoch " + epoch + " step " + step);
                if (epoch == hangAt && step == 2) {
                    System.out.println("HANG");
                    System.out.flush();
                    try {
                        Thread.sleep(600_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (TrainedModel m = ResumeFixture.train(ResumeFixture.config(epochs), l, ResumeSpec.in(state))) {
            System.out.println("DONE " + m.history().epochs().size());
        }
    }
}
