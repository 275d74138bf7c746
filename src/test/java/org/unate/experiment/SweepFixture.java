package org.unate.experiment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;

/**
 * A tiny sweep: rock-salt and CsCl cells (Na, Cs, Cl) whose label is a smooth function of the lattice constant, a
 * seeded split file, an L2-normalised "UNATE" table of width 4 made here (a test table, not a result), and a config
 * with a 1-epoch rule at the {@code paper} scale.
 */
final class SweepFixture {
    final Path dir;
    final Path data;
    final Path split;
    final Path unate;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    SweepFixture(Path dir, int crystals) throws IOException {
        this.dir = dir;
        this.data = dataset(dir.resolve("tiny.jsonl"), crystals, -1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < crystals; i++) {
            ids.add("s" + i);
        }
        this.split = dir.resolve("split.json");
        Split.random(ids, 0.6, 0.2, 123).write(split);
        this.unate = dir.resolve("unate.json");
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            float[] x = {(float) Math.sin(z), (float) Math.cos(z), z / 118f, 0.5f};
            double n = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]);
            for (int k = 0; k < 4; k++) {
                x[k] = (float) (x[k] / n);
            }
            v.put(z, x);
        }
        AtomEmbeddings.of(v, Map.of("name", "test-unate")).save(unate);
    }

    /**
     * {@code n} crystals {@code s0, s1, ...}: CsCl cells for even ids, NaCl for odd ones, lattice constant
     * {@code 3 + 0.02 i}, label {@code y = a^2 / 10} (+ 0.5 for CsCl); record {@code unlabelled} (-1: none) has no label.
     */
    static Path dataset(Path f, int n, int unlabelled) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double a = 3.0 + 0.02 * i;
            boolean cscl = i % 2 == 0;
            String cif = "data_x\\n_cell_length_a " + a + "\\n_cell_length_b " + a + "\\n_cell_length_c " + a
                    + "\\n_cell_angle_alpha 90\\n_cell_angle_beta 90\\n_cell_angle_gamma 90\\n"
                    + "loop_\\n_atom_site_type_symbol\\n_atom_site_label\\n_atom_site_fract_x\\n_atom_site_fract_y\\n"
                    + "_atom_site_fract_z\\n"
                    + (cscl ? "Cs Cs1 0 0 0\\nCl Cl1 0.5 0.5 0.5\\n" : "Na Na1 0 0 0\\nCl Cl1 0.5 0.5 0.5\\n");
            String label = i == unlabelled ? "null" : Double.toString(a * a / 10 + (cscl ? 0.5 : 0));
            b.append("{\"id\": \"s").append(i).append("\", \"cif\": \"").append(cif).append("\", \"y\": ")
                    .append(label).append("}\n");
        }
        Files.writeString(f, b.toString());
        return f;
    }

    /**
     * A config over this data; {@code conditions} is a JSON list, {@code extra} more top-level JSON (or ""); the
     * default {@code training} (batch 8, 1 thread, 1 worker) unless {@code extra} has its own.
     */
    SweepConfig config(String conditions, String extra) throws IOException {
        String json = "{\"name\": \"tiny\", \"data\": \"" + data + "\", \"dataset\": \"tiny\", \"property\": \"y\","
                + " \"split\": \"" + split + "\", \"unate\": \"" + unate + "\", \"conditions\": " + conditions + ","
                + " \"fractions\": [0.5, 1.0], \"seeds\": [1, 2],"
                + " \"epoch_rule\": {\"max_epochs\": 1, \"patience\": 0, \"chosen_by\": \"test\"},"
                + (extra.contains("\"training\"") ? "" : " \"training\": {\"batch_size\": 8, \"threads\": 1},")
                + " \"notes\": [\"test\"]" + (extra.isEmpty() ? "" : ", " + extra) + "}";
        Path f = dir.resolve("sweep-" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return SweepConfig.read(f);
    }

    Sweep.Options options() {
        return new Sweep.Options(dir, new PrintStream(logBytes, true, StandardCharsets.UTF_8), null, 0, false, null, 0);
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
