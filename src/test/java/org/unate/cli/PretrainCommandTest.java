package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.pretrain.Pretrainer;
import picocli.CommandLine;

/** What `unate pretrain` options turn into, and `unate table`'s output, without pretraining anything. */
class PretrainCommandTest {
    private static Pretrainer.Spec parse(String... args) {
        PretrainCommand cmd = new PretrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.spec();
    }

    @Test
    void optionsReachTheConfiguration(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("d.jsonl"), "");
        Path split = Files.writeString(tmp.resolve("s.json"), "{\"train\": [], \"val\": [], \"test\": [\"1\"]}");
        Pretrainer.Spec s = parse("--data", data.toString(), "--backbone", "cartnet", "--dim", "64", "--epochs", "7",
                "--contrastive", "barlow", "--mask-rate", "0.2", "--seed", "3", "--exclude-test", split.toString(),
                "--out", "x");
        assertEquals("cartnet-lite", s.config().model().backbone());
        assertEquals(64, s.config().dim());
        assertEquals(7, s.config().epochs());
        assertEquals("barlow", s.config().contrastive());
        assertEquals(1.0 / 64, s.config().contrastiveWeight(), 1e-12);
        assertEquals(0.2, s.config().maskRate());
        assertEquals(3, s.config().seed());
        assertEquals(List.of(split), s.excludeSplits());
        Pretrainer.Spec preset = parse("--data", data.toString(), "--preset", "unate", "--transductive", "--out", "x");
        assertEquals(225.0, preset.config().speciesWeight());
        assertTrue(preset.config().speciesOnAllAtoms());
        assertTrue(preset.transductive() && preset.excludeSplits().isEmpty());
    }

    @Test
    void badOptionsNameTheOption(@TempDir Path tmp) throws Exception {
        Path data = Files.writeString(tmp.resolve("d.jsonl"), "");
        String d = data.toString();
        String[][] bad = {{"--dim", "0"}, {"--epochs", "0"}, {"--batch", "1"}, {"--mask-rate", "1.5"},
            {"--contrastive", "simclr"}, {"--preset", "other"}, {"--exclude-test", tmp.resolve("none.json").toString()},
            {"--backbone", "alignn"}, {"--limit", "-5"}};
        String[] named = {"--dim", "--epochs", "--batch", "mask rate", "simclr", "--preset", "none.json", "alignn",
            "--limit"};
        for (int k = 0; k < bad.length; k++) {
            String[] args = {"--data", d, bad[k][0], bad[k][1], "--out", "x"};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args), bad[k][0]);
            assertTrue(e.getMessage().contains(named[k]), e.getMessage());
        }
    }

    @Test
    void tableCommandListsNearestElements(@TempDir Path tmp) throws Exception {
        Path t = Files.writeString(tmp.resolve("t.json"), "{\"meta\": {\"name\": \"hand\"}, \"vectors\": {"
                + "\"Na\": [1, 0], \"K\": [0.9, 0.1], \"Fe\": [0, 1], \"Cl\": [-1, 0], \"Br\": [-0.9, -0.1], "
                + "\"O\": [0.5, 0.5]}}");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new TableCommand()).execute(t.toString(), "--nearest", "Na,Cl", "-k", "2");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("| Na | K 0.994, O 0.707 |"), out);
        assertTrue(out.contains("| Cl | Br 0.994, Fe 0.000 |"), out);
        assertTrue(out.contains("cos(Na, K) = 0.994, cos(Na, Fe) = 0.000"), out);
    }
}
