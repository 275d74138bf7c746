package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * A sweep in a child JVM is killed without warning ({@code destroyForcibly}, SIGKILL) in the middle of its second
 * run; started again here it does not redo the first run, resumes the second from its state and ends with the
 * records of an uninterrupted sweep, bit for bit in their metrics. While the child holds its second run, a start of
 * the same sweep here leaves that run to it (the claim is an operating-system lock, released by the kill).
 */
class SweepKillTest {
    @Test
    void aKilledSweepResumesWithoutRedoingFinishedRuns(@TempDir Path tmp) throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 24);
        SweepConfig c = fx.config("[\"atomic-number\", \"random:frozen\"]",
                "\"seeds\": [1], \"fractions\": [1.0], \"scales\": {\"paper\": {\"epoch_rule\": {\"max_epochs\": 3,"
                        + " \"patience\": 0}}}");
        Path configFile = tmp.resolve("killable.json");
        c.write(configFile);
        Path out = tmp.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                KillableSweep.class.getName(), configFile.toString(), out.toString(), tmp.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("HANG")) {
                    break;
                }
            }
            assertTrue(lines.contains("HANG"), "the child stopped before its second run: " + lines);
            // a second start, in this process, while the child holds its second run: it leaves that run alone
            Sweep.Result meanwhile = Sweep.run(c, "paper", out, fx.options());
            assertEquals(1, meanwhile.skipped().size(), fx.log());
            assertTrue(meanwhile.done().isEmpty() && meanwhile.failed().isEmpty(), fx.log());
            assertTrue(fx.log().contains("random:frozen f=1.0 s=1: another start of this sweep is running it"),
                    fx.log());
            assertTrue(RunClaim.heldElsewhere(out.resolve("runs/random_frozen/f1.0/s1")));
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        Path first = out.resolve("records/atomic-number__f1.0__s1.json");
        Path second = out.resolve("records/random_frozen__f1.0__s1.json");
        assertTrue(Files.isRegularFile(first), "the first run's record was written before the kill");
        assertFalse(Files.exists(second), "no record for the run that was killed");
        assertTrue(Files.isDirectory(out.resolve("runs/random_frozen/f1.0/s1/state/epoch-000001")));
        byte[] firstBefore = Files.readAllBytes(first);

        assertFalse(RunClaim.heldElsewhere(out.resolve("runs/random_frozen/f1.0/s1")), "the killed child holds nothing");
        Sweep.Result resumed = Sweep.run(c, "paper", out, fx.options());
        assertEquals(1, resumed.skipped().size());
        assertEquals(1, resumed.done().size());
        assertArrayEquals(firstBefore, Files.readAllBytes(first), "the finished run is not redone");
        assertTrue(fx.log().contains("resumed at epoch 2 of 3"), fx.log());
        assertEquals(2, ResultRecord.read(second).extra().get("resumed_at_epoch"));

        Sweep.Result straight = Sweep.run(c, "paper", tmp.resolve("straight"), fx.options());
        for (int i = 0; i < 2; i++) {
            assertEquals(straight.records().get(i).metrics(), resumed.records().get(i).metrics());
        }
    }
}
