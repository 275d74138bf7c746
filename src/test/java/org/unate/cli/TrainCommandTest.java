package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.unate.property.TrainConfig;
import picocli.CommandLine;

/** What `unate train` options turn into, without training anything. */
class TrainCommandTest {
    private static TrainConfig parse(String... args) {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.trainConfig();
    }

    @Test
    void theInitialisationDefaultsToTheBackbonesOwn() {
        assertEquals("torch", parse("--property", "mbj_bandgap", "--out", "x").model().init());
        assertEquals("glorot", parse("--property", "mbj_bandgap", "--backbone", "cartnet", "--out", "x").model().init());
        assertEquals("glorot", parse("--property", "mbj_bandgap", "--init", "glorot", "--out", "x").model().init());
        assertEquals("torch", parse("--property", "mbj_bandgap", "--backbone", "cartnet", "--init", "Torch",
                "--out", "x").model().init());
    }

    @Test
    void theOtherOptionsReachTheConfiguration() {
        TrainConfig c = parse("--property", "mbj_bandgap", "--features", "one-hot", "--seed", "9", "--epochs", "7",
                "--batch", "32", "--time-budget-min", "2", "--out", "x");
        assertEquals("one-hot", c.model().featurizer());
        assertEquals(9, c.seed());
        assertEquals(7, c.epochs());
        assertEquals(32, c.batchSize());
        assertEquals(120.0, c.timeBudgetSeconds(), 1e-9);
    }

    @Test
    void anUnknownInitialisationIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("train", "--property", "mbj_bandgap", "--init", "xavier", "--out", "x");
        assertEquals(2, code);
        assertTrue(err.toString().contains("unknown initialisation 'xavier': expected glorot or torch"), err.toString());
        assertThrows(IllegalArgumentException.class, () -> parse("--property", "p", "--backbone", "schnet", "--out", "x"));
    }
}
