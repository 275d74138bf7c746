package org.unate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether progress goes to a terminal, and the plain lines written when it does not. */
class TerminalTest {

    @Test
    void aConsoleWithStderrOnATerminalDeviceIsATerminal() {
        assertTrue(Terminal.decide(Map.of(), true, Optional.of("/dev/pts/3")));
        assertTrue(Terminal.decide(Map.of(), true, Optional.of("/dev/tty1")));
        assertTrue(Terminal.decide(Map.of(), true, Optional.empty()), "no /proc: the console decides");
    }

    @Test
    void stderrRedirectedToAFileOrPipeIsNotEvenWithAConsole() {
        assertFalse(Terminal.decide(Map.of(), true, Optional.of("/work/main/runs/sweeps.log")));
        assertFalse(Terminal.decide(Map.of(), true, Optional.of("pipe:[123456]")));
        assertFalse(Terminal.decide(Map.of(), true, Optional.of("socket:[42]")));
    }

    @Test
    void noConsoleOrADumbTerminalIsPlain() {
        assertFalse(Terminal.decide(Map.of(), false, Optional.of("/dev/pts/3")), "stdout piped: no console");
        assertFalse(Terminal.decide(Map.of("TERM", "dumb"), true, Optional.of("/dev/pts/3")));
    }

    @Test
    void theEnvironmentOverridesDetection() {
        assertFalse(Terminal.decide(Map.of(Terminal.PROGRESS_ENV, "plain"), true, Optional.of("/dev/pts/3")));
        assertTrue(Terminal.decide(Map.of(Terminal.PROGRESS_ENV, "BAR"), false, Optional.of("pipe:[1]")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Terminal.decide(Map.of(Terminal.PROGRESS_ENV, "fancy"), true, Optional.empty()));
        assertTrue(e.getMessage().contains("UNATE_PROGRESS") && e.getMessage().contains("fancy"), e.getMessage());
    }

    @Test
    void progressLinesArePlainLinesWithTheCountAndTheShare() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressLines p = ProgressLines.of(out, "download", 4L << 20, "MB", 1 << 20, 0)) {
            p.stepBy(1 << 20);
            p.stepBy(3L << 20);
            assertEquals(4L << 20, p.done());
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(s.contains("\r") || s.contains("\u001b"), s);
        String[] lines = s.split("\n");
        assertEquals(3, lines.length, s);
        assertTrue(lines[0].startsWith("download: 1.0 of 4.0 MB (25 %)"), lines[0]);
        assertTrue(lines[2].startsWith("download: 4.0 of 4.0 MB (100 %)") && lines[2].contains("done in"), lines[2]);
    }

    @Test
    void progressLinesKeepToTheirInterval() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressLines p = ProgressLines.of(out, "records", -1, "records", 1, 3600)) {
            for (int k = 0; k < 1000; k++) {
                p.stepBy(1);
            }
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, s.split("\n").length, "only the closing line within the hour: " + s);
        assertTrue(s.startsWith("records: 1,000 records"), s);
    }
}
