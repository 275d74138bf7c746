package org.unate.experiment;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.unate.model.TrainingListener;

/**
 * A sweep run in a child JVM that stops dead in the middle of its second run (in epoch 2, after the first epoch's
 * snapshot), printing {@code HANG}, so that the parent can kill it without warning. Args: config file, output folder,
 * project root.
 */
public final class KillableSweep {
    private KillableSweep() {
    }

    public static void main(String[] args) throws Exception {
        SweepConfig config = SweepConfig.read(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Sweep.Options opt = new Sweep.Options(Path.of(args[2]), out, run -> new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                if (run.index() == 2 && epoch == 2 && step == 1) {
                    out.println("HANG");
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, 0, false, null, 0);
        Sweep.run(config, "paper", Path.of(args[1]), opt);
        out.println("DONE");
    }
}
