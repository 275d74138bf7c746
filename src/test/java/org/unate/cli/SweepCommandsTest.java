package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.experiment.ResultRecord;
import picocli.CommandLine;

/** `unate sweep` refuses bad options before reading anything; `unate summarize` prints and writes the headline. */
class SweepCommandsTest {
    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void sweepChecksItsOptions(@TempDir Path tmp) {
        String[] r = run("sweep", "--config", "experiments/mbj-cgcnn.json", "--scale", "huge", "--out", tmp.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--scale must be ci, quick or paper"), r[1]);
        r = run("sweep", "--config", tmp.resolve("none.json").toString(), "--out", tmp.toString());
        assertTrue(r[1].contains("no such file"), r[1]);
    }

    @Test
    void summarizePrintsTheHeadlineAndWritesCsvAndMarkdown(@TempDir Path tmp) throws Exception {
        String[] names = {"atomic-number", "random:frozen", "unate:frozen"};
        double[][] mae = {{0.40, 0.42, 0.38}, {0.41, 0.40, 0.39}, {0.36, 0.39, 0.35}};
        for (int c = 0; c < 3; c++) {
            for (int s = 0; s < 3; s++) {
                ResultRecord.builder().dataset("d").property("mbj_bandgap").backbone("cgcnn").features(names[c])
                        .fraction(1.0).seed(s + 1).splitHash("0123456789abcdef")
                        .metrics(ResultRecord.Metrics.of(mae[c][s], 0.5, 0.8, 0.4)).codeVersion("t")
                        .extra("condition", names[c]).extra("scale", "paper").build().writeTo(tmp.resolve("records"));
            }
        }
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] r;
        try {
            r = run("summarize", "--results", tmp.toString(), "--ranked");
        } finally {
            System.setOut(old);
        }
        assertEquals("0", r[0], r[1]);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("## mbj_bandgap, paper"), out);
        assertTrue(out.contains("| unate:frozen | 100 % | 3 | 0.3667 ± 0.0208 |"), out);
        assertTrue(out.contains("by rank"), out);
        for (String f : new String[] {"summary.csv", "comparisons.csv", "summary.md"}) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
        }
    }
}
