package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `unate report` checks its options, writes the report and prints where its README.md is. */
class ReportCommandTest {
    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        return new String[] {Integer.toString(code), err.toString(), bytes.toString(StandardCharsets.UTF_8)};
    }

    private static Path quickSweep() throws URISyntaxException {
        return Path.of(ReportCommandTest.class.getResource("/org/unate/report/quick-sweep").toURI());
    }

    @Test
    void writesTheReportAndPrintsWhereItIs(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reports");
        String[] r = run("report", "--results", quickSweep().toString(), "--out", out.toString(), "--element", "Cu",
                "--colour", "group");
        assertEquals("0", r[0], r[1]);
        assertEquals("report: " + out.resolve("README.md") + "\n", r[2].replace("\r\n", "\n"));
        String index = Files.readString(out.resolve("README.md"));
        assertTrue(index.contains("figures/pretraining/quick-sweep_unate-stand-in/context-similarity-Cu.png"), index);
        assertTrue(index.contains("coloured by group"), index);
        assertTrue(Files.isRegularFile(out.resolve("figures/quick-sweep/mae-by-fraction.svg")));
    }

    @Test
    void refusesBadOptionsBeforeWritingAnything(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("reports");
        String[] r = run("report", "--results", tmp.resolve("none").toString(), "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--results") && r[1].contains("no such folder"), r[1]);
        r = run("report", "--results", quickSweep().toString(), "--out", out.toString(), "--colour", "rainbow");
        assertTrue(r[1].contains("--colour must be block or group"), r[1]);
        r = run("report", "--results", quickSweep().toString(), "--out", out.toString(), "--element", "Xx");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--element Xx: not an element symbol"), r[1]);
        assertFalse(Files.exists(out), "nothing written for a bad option");
    }
}
