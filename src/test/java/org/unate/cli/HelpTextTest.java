package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders: a bare "%" in a description makes picocli warn and print the raw text. */
class HelpTextTest {
    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringBuilder usage = new StringBuilder();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            usage.append(cl.getUsageMessage());
            for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
                usage.append(e.getValue().getUsageMessage());
            }
        } finally {
            System.setErr(saved);
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
        assertTrue(usage.toString().contains("95 % CI"), "the escaped percent sign renders as one");
    }
}
