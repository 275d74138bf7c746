package org.unate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.experiment.Split;
import org.unate.testing.UnateCli;
import org.unate.testing.UnateCli.Result;

/** {@code unate split} writes the split {@code unate train} makes without {@code --split}, and keeps shared files. */
class SplitCommandTest {
    @TempDir
    Path tmp;

    /** 30 NaCl cells; every third has no label. */
    private Path data() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            double a = 5.0 + 0.02 * i;
            String cif = ("data_x\n_cell_length_a " + a + "\n_cell_length_b " + a + "\n_cell_length_c " + a
                    + "\n_cell_angle_alpha 90\n_cell_angle_beta 90\n_cell_angle_gamma 90\nloop_\n_atom_site_type_symbol\n"
                    + "_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                    + "Na Na1 0 0 0\nCl Cl1 0.5 0.5 0.5\n").replace("\n", "\\n");
            b.append("{\"id\": \"c").append(i).append("\", \"cif\": \"").append(cif).append("\", \"y\": ")
                    .append(i % 3 == 0 ? "null" : Double.toString(a)).append("}\n");
        }
        Path f = tmp.resolve("tiny.jsonl");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void theSplitIsTrainsOwnAndAnExistingFileIsKept() throws Exception {
        Path data = data();
        Path file = tmp.resolve("y-seed7.json");
        Result r = UnateCli.run("split", "--data", data.toString(), "--property", "y", "--seed", "7", "--out",
                file.toString());
        assertEquals(0, r.code(), r.err());
        Split s = Split.read(file);
        assertEquals(20, s.size(), "the 20 labelled records");
        assertEquals(16, s.train().size());
        assertEquals(2, s.val().size());
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.val());
        all.addAll(s.test());
        assertEquals(20, all.size(), "disjoint");
        assertTrue(all.stream().noneMatch(id -> Integer.parseInt(id.substring(1)) % 3 == 0), "no unlabelled record");
        assertTrue(r.err().contains("train 16, val 2, test 2 (seed 7, hash " + s.hash() + ")"), r.err());

        // the split `train` makes with the same seed and no --split
        Path run = tmp.resolve("run");
        Result t = UnateCli.run("train", "--data", data.toString(), "--property", "y", "--seed", "7", "--epochs", "1",
                "--batch", "8", "--threads", "1", "--no-graph-cache", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals(s.hash(), Split.read(run.resolve("split.json")).hash());

        // a shared split is not replaced by accident
        byte[] before = Files.readAllBytes(file);
        Result again = UnateCli.run("split", "--data", data.toString(), "--property", "y", "--seed", "8", "--out",
                file.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists") && again.err().contains("--force"), again.err());
        assertEquals(new String(before), Files.readString(file));
        Result bad = UnateCli.run("split", "--data", data.toString(), "--property", "y", "--train", "0.95", "--val",
                "0.1", "--out", tmp.resolve("x.json").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("a test set must remain"), bad.err());
    }
}
