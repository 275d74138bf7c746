package org.unate.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.model.ResumeSpec;

/**
 * Training in a child JVM is killed without warning (SIGKILL, {@code destroyForcibly}) in the middle of an epoch;
 * training resumed here from the state it left gives the uninterrupted run's history and weights, bit for bit.
 */
class KillAndResumeTest {
    @Test
    void killedChildJvmResumesToTheStraightRun(@TempDir Path tmp) throws Exception {
        int epochs = ResumeTest.EPOCHS;
        Path state = tmp.resolve("state");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KillableTraining.class.getName(), state.toString(), Integer.toString(epochs), "3")
                .redirectErrorStream(true);
        Process child = pb.start();
        List<String> lines = new ArrayList<>();
        boolean hung = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("HANG")) {
                    hung = true;
                    break;
                }
            }
            assertTrue(hung, "the child stopped before epoch 3: " + lines);
            // mid-epoch 3: epochs 1 and 2 are saved, the weights in the child's memory have moved on
            assertTrue(Files.isRegularFile(state.resolve("epoch-000002/state.json")), "state of epoch 2");
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child killed");
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertTrue(lines.contains("epoch 3 step 1"), lines.toString());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("DONE")));

        ResumeTest.Recorder r = new ResumeTest.Recorder();
        try (TrainedModel resumed = ResumeFixture.train(ResumeFixture.config(epochs), r, ResumeSpec.in(state));
             TrainedModel straight = ResumeFixture.train(ResumeFixture.config(epochs), null, null)) {
            assertEquals(3, r.resumedAt);
            assertEquals(List.of(3, 4, 5), r.epochsSeen);
            ResumeTest.assertSameRun(straight, resumed);
        }
    }
}
