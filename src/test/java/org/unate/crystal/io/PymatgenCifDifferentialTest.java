package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Element;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;
import org.unate.testing.DebianPython;

/**
 * The CIF reader against pymatgen's on symmetrised CIFs that pymatgen itself writes from JARVIS structures
 * ({@code scripts/cif-differential.py}): coordinates shifted by whole cells (negative ones too), operators under
 * {@code _symmetry_equiv_pos_as_xyz} with type symbols, under {@code _space_group_symop_operation_xyz} without them,
 * or no operators but the space-group name. Every file must give the site count and composition pymatgen reads;
 * a name-only file may instead be refused because its name does not fix the operations (an origin choice), and a
 * name-only file that is read must give what the same structure with its operators listed gives. The generated
 * files are kept under {@code target/cif-differential/}; rerun with
 * {@code mvn test -Dtest=PymatgenCifDifferentialTest} (fast slice) or {@code -Dsurefire.excludedGroups=} (all).
 */
class PymatgenCifDifferentialTest {
    static final int FAST = 20;
    static final int SLOW = 300;

    private static Path generated(int n) throws Exception {
        Path data = SharedData.path("data/jarvis-dft3d-2021.jsonl.gz");
        DebianPython.assumePymatgen();
        Path dir = DebianPython.baseDir().resolve("target/cif-differential/jarvis-" + n);
        if (!Files.isRegularFile(dir.resolve("manifest.jsonl"))) {
            Path tmp = dir.resolveSibling("jarvis-" + n + ".part");
            DebianPython.run(List.of(DebianPython.PYTHON.toString(),
                    DebianPython.baseDir().resolve("scripts/cif-differential.py").toString(), data.toString(),
                    Integer.toString(n), tmp.toString()), 3600);
            if (Files.exists(dir)) {
                try (var old = Files.walk(dir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        return dir;
    }

    @Test
    void aFastSliceReadsAsPymatgenReadsIt() throws Exception {
        check(FAST);
    }

    @Test
    @Tag("slow")
    void threeHundredStructuresReadAsPymatgenReadsThem() throws Exception {
        check(SLOW);
    }

    private static void check(int n) throws Exception {
        Path dir = generated(n);
        ObjectMapper json = new ObjectMapper();
        List<String> disagree = new ArrayList<>();
        Map<String, Integer> listedSites = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"))) {
            entries.add(json.readTree(line));
        }
        for (JsonNode e : entries) {
            String file = e.get("file").asText();
            String variant = e.get("variant").asText();
            counts.merge("files", 1, Integer::sum);
            if (e.has("error")) {
                counts.merge("pymatgen could not read (" + variant + ")", 1, Integer::sum);
                continue;
            }
            Map<String, Double> want = new TreeMap<>();
            e.get("composition").fields().forEachRemaining(f -> want.put(f.getKey(), f.getValue().asDouble()));
            List<ReadWarning> warnings = new ArrayList<>();
            Structure s;
            try {
                s = CifReader.withDefaults().read(dir.resolve(file), warnings::add);
            } catch (CrystalParseException ex) {
                if (variant.equals("name-only") && ex.reason() == Reason.BAD_SYMMETRY
                        && ex.getMessage().contains("does not fix the operations")) {
                    counts.merge("name-only refused: the name does not fix the setting", 1, Integer::sum);
                } else {
                    disagree.add(file + ": refused: " + ex.getMessage());
                }
                continue;
            }
            Map<String, Double> got = new TreeMap<>();
            for (Map.Entry<Element, Integer> c : s.composition().entrySet()) {
                got.put(c.getKey().symbol(), (double) c.getValue());
            }
            if (s.size() != e.get("sites").asInt() || !got.equals(want)) {
                disagree.add(String.format(Locale.ROOT, "%s: %d sites %s, pymatgen %d sites %s", file, s.size(), got,
                        e.get("sites").asInt(), want));
                continue;
            }
            if (variant.equals("ops")) {
                listedSites.put(e.get("id").asText(), s.size());
            }
            counts.merge("agree (" + variant + ")", 1, Integer::sum);
        }
        for (JsonNode e : entries) {
            // a name-only file that was read holds what the same structure with its operators listed holds
            Integer listed = listedSites.get(e.get("id").asText());
            if (e.get("variant").asText().equals("name-only") && listed != null && e.has("sites")
                    && e.get("sites").asInt() != listed) {
                disagree.add(e.get("file").asText() + ": pymatgen reads " + e.get("sites").asInt()
                        + " sites from the name, " + listed + " with the operators listed");
            }
        }
        System.out.println("cif differential, " + n + " JARVIS structures: " + counts);
        assertEquals(List.of(), disagree, counts.toString());
        assertEquals(3 * listedSites.size(), counts.get("files"), "every structure gave three files: " + counts);
        assertTrue(listedSites.size() >= n * 9 / 10, "structures compared: " + listedSites.size() + " of " + n);
        assertEquals(listedSites.size(), counts.getOrDefault("agree (symop)", 0), counts.toString());
    }
}
