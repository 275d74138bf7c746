package org.unate.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Element;
import org.unate.testing.TinyGraphs;

/**
 * Pretraining in a child JVM is killed without warning (SIGKILL) in the middle of epoch 3; the same run started
 * again here resumes from the state on disk and exports the tables of an uninterrupted run, bit for bit.
 */
class PretrainKillTest {
    static Pretrainer.Spec spec(Path data) {
        PretrainConfig cfg = PretrainConfig.defaults("cgcnn", 16).withThreads(1, 1).withTraining(4, 3, 1e-2, 1e-3)
                .withValidationFraction(0.0).withSeed(11);
        return new Pretrainer.Spec(data, "tiny", 0, cfg, List.of(), true, null, false, null);
    }

    @Test
    void killedChildJvmResumesToTheTablesOfAStraightRun(@TempDir Path tmp) throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("tiny.jsonl"), TinyGraphs.all());
        Path out = tmp.resolve("killed");
        Process child = new ProcessBuilder(KillablePretraining.command(data, out, 3)).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("HANG")) {
                lines.add(line);
            }
            assertTrue(lines.contains("epoch 3 step 1"), "the child reached epoch 3: " + lines);
            assertTrue(Files.isRegularFile(out.resolve("state/epoch-000002/state.json")), "state of epoch 2");
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertTrue(!Files.exists(out.resolve("embeddings.json")), "the killed run exported nothing");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Pretrainer.Outcome resumed = Pretrainer.run(spec(data), out, null, quiet);
        Pretrainer.Outcome straight = Pretrainer.run(spec(data), tmp.resolve("straight"), null, quiet);
        assertEquals(3, resumed.result().get("resumed_at_epoch"));
        int compared = 0;
        for (int z = 1; z <= Element.MAX_Z; z++) {
            assertEquals(straight.context().has(z), resumed.context().has(z));
            if (straight.context().has(z)) {
                assertArrayEquals(straight.context().vector(z), resumed.context().vector(z), "context, Z " + z);
                assertArrayEquals(straight.input().vector(z), resumed.input().vector(z), "input, Z " + z);
                compared++;
            }
        }
        assertEquals(8, compared);
        assertEquals(Files.readString(straight.outDir().resolve("embeddings.json")),
                Files.readString(resumed.outDir().resolve("embeddings.json"))
                        .replace(resumed.outDir().toString(), straight.outDir().toString()));
    }
}
