package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.testing.UnateCli;
import org.unate.testing.UnateCli.Result;

/**
 * The command line checks what it is given before it reads data or writes anything, and a refused command leaves an
 * existing run folder as it was. Trains one tiny model (1 epoch) for the checks that need a run.
 */
class CommandLineChecksTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    static Result unate(String... args) {
        return UnateCli.run(args);
    }

    private static String cif(String a, String first, String second) {
        return "data_x\n_cell_length_a " + a + "\n_cell_length_b " + a + "\n_cell_length_c " + a
                + "\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_type_symbol\n"
                + "_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" + first + " "
                + first + "1 0 0 0\n" + second + " " + second + "1 0.5 0.5 0.5\n";
    }

    /** 40 NaCl/CsCl cells with integer ids, a label y and a text field. */
    @BeforeAll
    static void trainATinyModel() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            double a = 3.0 + 0.02 * i;
            String c = cif(Double.toString(a), i % 2 == 0 ? "Cs" : "Na", "Cl").replace("\n", "\\n");
            b.append("{\"id\": ").append(1000 + i).append(", \"formula\": \"x\", \"cif\": \"").append(c)
                    .append("\", \"y\": ").append(a * a / 10).append("}\n");
        }
        data = tmp.resolve("tiny.jsonl");
        Files.writeString(data, b.toString());
        run = tmp.resolve("run");
        Result r = unate(train(run));
        assertEquals(0, r.code(), r.err());
    }

    /** {@code train} of label y on the tiny dataset for 1 epoch, with more options. */
    static String[] train(Path out, String... more) {
        return trainOn(out, "y", more);
    }

    static String[] trainOn(Path out, String property, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--property", property,
                "--epochs", "1", "--batch", "8", "--threads", "1", "--no-graph-cache", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void badOptionsNameTheOptionBeforeAnyDataIsRead() {
        Path out = tmp.resolve("never");
        String[] base = {"train", "--data", tmp.resolve("missing.jsonl").toString(), "--property", "y", "--out",
            out.toString()};
        record Case(String option, String value, String message) {
        }
        for (Case c : List.of(new Case("--epochs", "0", "--epochs must be at least 1, got 0"),
                new Case("--batch", "0", "--batch must be at least 1, got 0"),
                new Case("--limit", "-5", "--limit must be at least 0 (0 = all records), got -5"),
                new Case("--features", "bogus", "unknown featurizer spec 'bogus'"),
                new Case("--features", "table:" + tmp.resolve("nope.json"), "embedding table file not found"),
                new Case("--occupancy", "most", "expected error, majority or skip, got 'most'"))) {
            List<String> args = new ArrayList<>(List.of(base));
            args.addAll(List.of(c.option(), c.value()));
            Result r = unate(args.toArray(String[]::new));
            assertEquals(2, r.code(), c + ": " + r.err());
            assertTrue(r.err().contains(c.message()), c + ": " + r.err());
            assertFalse(r.err().contains("missing.jsonl"), "the data was looked at: " + r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void thePropertyMustBeANumericLabelOfTheDataset() {
        Result id = unate(trainOn(tmp.resolve("by-id"), "id"));
        assertEquals(2, id.code());
        assertTrue(id.err().contains("'id' is the record id, not a label to predict; the numeric labels are: y"),
                id.err());
        Result unknown = unate(trainOn(tmp.resolve("unknown"), "band_gap"));
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'band_gap' is not a numeric label") && unknown.err().contains("are: y"),
                unknown.err());
        Result text = unate(trainOn(tmp.resolve("text"), "formula"));
        assertTrue(text.err().contains("'formula' is not a numeric label"), text.err());
        assertFalse(Files.exists(tmp.resolve("by-id")) || Files.exists(tmp.resolve("unknown")));
    }

    @Test
    void aTableWithoutAnElementOfTheDataIsNamedByItsPath() throws Exception {
        Path table = tmp.resolve("my-atom-init.json");
        StringBuilder v = new StringBuilder("[");
        for (int k = 0; k < 4; k++) {
            v.append(k == 0 ? "" : ",").append(0.5 * k);
        }
        v.append("]");
        Files.writeString(table, "{\"11\": " + v + ", \"17\": " + v + "}");
        Result r = unate(train(tmp.resolve("table-run"), "--features", "table:" + table));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("element Cs of record '1000' has no vector in the embedding table " + table),
                r.err());
        assertFalse(r.err().contains("cgcnn-4"), r.err());
        assertFalse(Files.exists(tmp.resolve("table-run")));
    }

    @Test
    void aRefusedTrainLeavesTheRunFolderAsItWas() throws Exception {
        Path split = run.resolve("split.json");
        byte[] before = Files.readAllBytes(split);
        // other settings (a new seed, so another split): refused, split.json untouched
        Result other = unate(train(run, "--seed", "8"));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("belongs to a different run"), other.err());
        assertArrayEquals(before, Files.readAllBytes(split));
        // another run holds the lock: refused before reading data, the state kept even with --fresh
        try (FileChannel ch = FileChannel.open(run.resolve("state/lock"), StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            assertTrue(held.isValid());
            for (String[] args : List.of(train(run, "--seed", "8"), train(run, "--seed", "8", "--fresh"))) {
                Result locked = unate(args);
                assertEquals(2, locked.code());
                assertTrue(locked.err().contains("another training run is using"), locked.err());
                assertArrayEquals(before, Files.readAllBytes(split));
                assertTrue(Files.isDirectory(run.resolve("state")));
            }
        }
    }

    @Test
    void predictGoesOnPastABadFileAndFailsAtTheEnd() throws Exception {
        Path good1 = tmp.resolve("nacl.cif"), bad = tmp.resolve("bad.cif"), good2 = tmp.resolve("cscl.cif");
        Files.writeString(good1, cif("3.3", "Na", "Cl"));
        Files.writeString(bad, "data_x\n_cell_length_a 4\n");
        Files.writeString(good2, cif("3.5", "Cs", "Cl"));
        Result r = unate("predict", "--model", run.resolve("model").toString(), good1.toString(), bad.toString(),
                good2.toString());
        assertEquals(1, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith(good1 + "\t") && lines[1].startsWith(good2 + "\t"), r.out());
        assertTrue(r.err().contains("error: " + bad + " line 1: expected a data block with atom sites"), r.err());
        assertTrue(r.err().contains("1 of 3 files not predicted"), r.err());
    }

    @Test
    void theOccupancyPolicyReachesTheReaders() throws Exception {
        Path disordered = tmp.resolve("disordered.cif");
        Files.writeString(disordered, cif("3.3", "Na", "Cl").replace("_atom_site_fract_z\n",
                "_atom_site_fract_z\n_atom_site_occupancy\n").replace("0 0 0\n", "0 0 0 0.5\n")
                .replace("0.5 0.5 0.5\n", "0.5 0.5 0.5 1\n"));
        String model = run.resolve("model").toString();
        Result refused = unate("predict", "--model", model, disordered.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("partially occupied"), refused.err());
        Result majority = unate("predict", "--model", model, "--occupancy", "MAJORITY", disordered.toString());
        assertEquals(0, majority.code(), majority.err());
        assertTrue(majority.err().contains("warning: " + disordered + " line 15: occupancy policy MAJORITY changed"
                + " the composition"), majority.err());
        Path dump = tmp.resolve("g.jsonl");
        Path ds = tmp.resolve("dis.jsonl");
        Files.writeString(ds, "{\"id\": \"d\", \"cif\": \"" + Files.readString(disordered).replace("\n", "\\n")
                + "\"}\n");
        Result skip = unate("graph", "--data", ds.toString(), "--cutoff", "5", "--dump", dump.toString(),
                "--occupancy", "skip");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.err().contains("SKIPPED_BY_POLICY"), skip.err());
        Result graph = unate("graph", "--data", ds.toString(), "--cutoff", "5", "--dump", dump.toString(),
                "--occupancy", "majority");
        assertEquals(0, graph.code(), graph.err());
        assertTrue(graph.err().contains("1 graphs written") && graph.err().contains("warning:"), graph.err());
    }
}
