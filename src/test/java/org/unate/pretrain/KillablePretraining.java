package org.unate.pretrain;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.unate.model.TrainingListener;

/**
 * A main for the kill test: pretrains {@link PretrainKillTest}'s run on {@code args[0]} into {@code args[1]},
 * printing each step; at epoch {@code args[2]}, step 2 (the state of the epoch before is on disk, the weights in
 * memory have moved past it) it prints "HANG" and waits to be killed.
 */
public final class KillablePretraining {
    private KillablePretraining() {
    }

    public static void main(String[] args) throws Exception {
        int hangAt = Integer.parseInt(args[2]);
        TrainingListener l = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int steps, double loss, double lr) {
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
        Pretrainer.run(PretrainKillTest.spec(Path.of(args[0])), Path.of(args[1]), l,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.out.println("DONE");
    }

    static List<String> command(Path data, Path out, int hangAt) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KillablePretraining.class.getName(), data.toString(), out.toString(), Integer.toString(hangAt));
    }
}
