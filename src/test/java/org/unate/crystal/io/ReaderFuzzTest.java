package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;

/**
 * Seeded fuzzing of every reader: mutated CIF, POSCAR, JSON and extended-XYZ inputs must either parse into a valid
 * structure or fail with {@link CrystalParseException}; nothing else may escape, and no input may take longer than
 * {@link #PER_INPUT_SECONDS}. A failure prints the seed, the input number and the mutated text.
 */
class ReaderFuzzTest {
    static final long SEED = 20_261_125L;
    static final int PER_INPUT_SECONDS = 5;

    private static final String CIF_JARVIS = """
            CIF file written using JARVIS-Tools package.
            data_TiCuSiAs
            _symmetry_space_group_name_H-M  'P4/nmm'
            _cell_length_a       3.56693
            _cell_length_b       3.56693
            _cell_length_c       9.39708
            _cell_angle_alpha    90
            _cell_angle_beta     90
            _cell_angle_gamma    90
            loop_
              _symmetry_equiv_pos_site_id
             _symmetry_equiv_pos_as_xyz
             1  'x, y, z'
            loop_
             _atom_site_type_symbol
             _atom_site_label
             _atom_site_symmetry_multiplicity
             _atom_site_fract_x
             _atom_site_fract_y
             _atom_site_fract_z
             _atom_site_fract_occupancy
             As  As1  1  0.75000  0.75000  0.30749  1
             Cu  Cu1  1  0.25000  0.75000  0.50000  1
             Si  Si1  1  0.25000  0.75000  0.00000  1
             Ti  Ti2  1  0.25000  0.25000  0.21506  1
            """;
    private static final String CIF_SYMMETRY = """
            # hand-made, with symmetry, quotes, a text field and partial occupancy
            data_fuzz
            _publ_section_title
            ;
            A title
            ;
            _chemical_name_common 'it''s "quoted"'
            _cell_length_a 5.12(1)
            _cell_length_b 5.12
            _cell_length_c 7.40(2)
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 120
            _symmetry_space_group_name_H-M 'P 63/m m c'
            loop_
            _space_group_symop_operation_xyz
            'x, y, z'
            '-y, x-y, z'
            '-x+y, -x, z'
            '-x, -y, z+1/2'
            'y, -x+y, z+1/2'
            'x-y, x, z+1/2'
            '-x,-y,-z'
            loop_
            _atom_site_label
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            Zn1 Zn2+ 0.3333 0.6667 0.0 1
            S1 S2- 0.3333 0.6667 0.375(3) 1.0
            Fe1 Fe 0 0 0 0.5
            Ni1 Ni 0 0 0 0.5
            O1 O . 0.1 ? 1
            """;
    private static final String POSCAR = """
            Cs Cl
            -64.0
              2.0 0.0 0.0
              0.0 2.0 0.0
              0.0 0.0 2.0
            Cs Cl
            1 1
            Selective dynamics
            Direct
            0.0 0.0 0.0 T T F
            0.5 0.5 0.5 F F F

            0.1 0.2 0.3
            0.0 0.0 0.0
            """;
    private static final String XYZ = "2\nLattice=\"4 0 0 0 4 0 0 0 4\" Properties=species:S:1:pos:R:3:forces:R:3"
            + " pbc=\"T T T\"\nCs 0 0 0 0 0 0\nCl 2 2 2 0.1 0.2 0.3\n";
    private static final String JARVIS_ATOMS = "{\"jid\": \"JVASP-1\", \"atoms\": {\"lattice_mat\": [[0, 2.715, 2.715],"
            + " [2.715, 0, 2.715], [2.715, 2.715, 0]], \"coords\": [[0, 0, 0], [0.25, 0.25, 0.25]], \"elements\":"
            + " [\"Si\", \"Si\"], \"cartesian\": false}}";

    private static final String[] SPECIAL = {"NaN", "Infinity", "-Infinity", "1e308", "1e400", "-1e-400",
        "99999999999999999999999999999", "0x1p3", "1f", "1d", "?", ".", "'", "\"", ";", "#", "_", "loop_", "data_",
        "data_x", "[", "]", "{", "}", ",", ":", "-", "+", "1/0", "0/0", "(1)", "5.1(", "\u0000", "\u00e9", "\ud83d",
        "\t", "\r", "\n", "   ", "null", "true", "2147483648", "-1", "0", "999999999", "x,y,z", "Fe", "Xx",
        "1e-310", "4.0e+07", "Lattice=\"1 0 0\"", "Properties=species:S:1", "Selective", "Cartesian"};

    private record Seed(String name, StructureFormat format, String text) {
    }

    private static List<Seed> seeds() throws Exception {
        List<Seed> s = new ArrayList<>();
        s.add(new Seed("jarvis.cif", StructureFormat.CIF, CIF_JARVIS));
        s.add(new Seed("symmetry.cif", StructureFormat.CIF, CIF_SYMMETRY));
        s.add(new Seed("poscar", StructureFormat.POSCAR, POSCAR));
        s.add(new Seed("NaCl.vasp", StructureFormat.POSCAR, Files.readString(TestFiles.path("NaCl.vasp"))));
        s.add(new Seed("nacl-pymatgen.json", StructureFormat.JSON,
                Files.readString(TestFiles.path("nacl-pymatgen.json"))));
        s.add(new Seed("disordered-pymatgen.json", StructureFormat.JSON,
                Files.readString(TestFiles.path("disordered-pymatgen.json"))));
        s.add(new Seed("jarvis-atoms.json", StructureFormat.JSON, JARVIS_ATOMS));
        s.add(new Seed("triclinic.extxyz", StructureFormat.EXTXYZ,
                Files.readString(TestFiles.path("triclinic.extxyz"))));
        s.add(new Seed("inline.xyz", StructureFormat.EXTXYZ, XYZ));
        String shared = System.getProperty("unate.shared");
        if (shared != null) {
            Path cod = Path.of(shared, "data/cgcnn-sample-regression/1507756.cif");
            if (Files.exists(cod)) {
                s.add(new Seed("1507756.cif", StructureFormat.CIF, Files.readString(cod)));
            }
        }
        return s;
    }

    static String mutate(String text, Random rnd) {
        String t = text;
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            t = mutateOnce(t, rnd);
        }
        return t;
    }

    private static String mutateOnce(String t, Random rnd) {
        if (t.isEmpty()) {
            return SPECIAL[rnd.nextInt(SPECIAL.length)];
        }
        List<String> lines = new ArrayList<>(Arrays.asList(t.split("\n", -1)));
        switch (rnd.nextInt(9)) {
            case 0 -> { // flip a character
                int i = rnd.nextInt(t.length());
                char c = rnd.nextBoolean() ? (char) (32 + rnd.nextInt(95)) : (char) rnd.nextInt(0x3000);
                return t.substring(0, i) + c + t.substring(i + 1);
            }
            case 1 -> { // drop a line
                lines.remove(rnd.nextInt(lines.size()));
                return String.join("\n", lines);
            }
            case 2 -> { // duplicate a line
                int i = rnd.nextInt(lines.size());
                lines.add(i, lines.get(i));
                return String.join("\n", lines);
            }
            case 3 -> { // swap two tokens
                String[] tok = t.split("(?<=\\s)|(?=\\s)");
                if (tok.length < 3) {
                    return t;
                }
                int a = rnd.nextInt(tok.length), b = rnd.nextInt(tok.length);
                String x = tok[a];
                tok[a] = tok[b];
                tok[b] = x;
                return String.join("", tok);
            }
            case 4 -> { // truncate
                return t.substring(0, rnd.nextInt(t.length()));
            }
            case 5 -> { // replace a number with a special value
                var m = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]*)?").matcher(t);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty()) {
                    return t;
                }
                int[] sp = spans.get(rnd.nextInt(spans.size()));
                return t.substring(0, sp[0]) + SPECIAL[rnd.nextInt(SPECIAL.length)] + t.substring(sp[1]);
            }
            case 6 -> { // insert a special token
                int i = rnd.nextInt(t.length() + 1);
                return t.substring(0, i) + SPECIAL[rnd.nextInt(SPECIAL.length)] + t.substring(i);
            }
            case 7 -> { // swap two lines
                int a = rnd.nextInt(lines.size()), b = rnd.nextInt(lines.size());
                String x = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, x);
                return String.join("\n", lines);
            }
            default -> { // delete a span
                int i = rnd.nextInt(t.length());
                int j = Math.min(t.length(), i + 1 + rnd.nextInt(20));
                return t.substring(0, i) + t.substring(j);
            }
        }
    }

    /** Runs {@code inputs} mutated inputs spread over the seeds; returns counts of outcomes. */
    static Map<String, Integer> fuzz(int inputs, long seed) throws Exception {
        List<Seed> seeds = seeds();
        Random rnd = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        ExecutorService ex = newExecutor();
        try {
            for (int i = 0; i < inputs; i++) {
                Seed s = seeds.get(i % seeds.size());
                String text = mutate(s.text(), rnd);
                ReadOptions opt = switch (rnd.nextInt(3)) {
                    case 0 -> ReadOptions.DEFAULT;
                    case 1 -> ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY);
                    default -> ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.SKIP);
                };
                Future<String> f = ex.submit(() -> {
                    try {
                        Structure st = StructureReader.parse(text, s.format(), s.name(), opt);
                        check(st);
                        return "parsed";
                    } catch (CrystalParseException e) {
                        if (e.getMessage() == null || e.detail().isEmpty()) {
                            throw new AssertionError("empty message", e);
                        }
                        return "rejected " + e.reason();
                    }
                });
                String outcome;
                try {
                    outcome = f.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    ex.shutdownNow();
                    ex = newExecutor();
                    fail("seed " + seed + " input " + i + " (" + s.name() + ") ran over " + PER_INPUT_SECONDS
                            + " s:\n" + text);
                    return outcomes;
                } catch (ExecutionException e) {
                    AssertionError err = new AssertionError("seed " + seed + " input " + i + " (" + s.name()
                            + ") threw " + e.getCause() + " instead of CrystalParseException:\n" + text, e.getCause());
                    throw err;
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            ex.shutdownNow();
        }
        return outcomes;
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static void check(Structure st) {
        assertTrue(st.size() > 0);
        assertTrue(st.lattice().volume() > 0 && Double.isFinite(st.lattice().volume()));
        for (Site site : st.sites()) {
            for (int k = 0; k < 3; k++) {
                assertTrue(Double.isFinite(site.frac(k)));
            }
        }
    }

    @Test
    void tenThousandMutatedInputsFailOnlyWithTheTypedException() throws Exception {
        Map<String, Integer> outcomes = fuzz(10_000, SEED);
        assertEquals(10_000, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        // the mutations must exercise both outcomes, else the fuzzer tests nothing
        assertTrue(outcomes.getOrDefault("parsed", 0) > 500, outcomes.toString());
        assertTrue(outcomes.keySet().stream().filter(k -> k.startsWith("rejected")).count() >= 6, outcomes.toString());
        System.out.println("fuzz 10,000: " + outcomes);
    }

    @Test
    @Tag("slow")
    void hundredThousandMutatedInputs() throws Exception {
        Map<String, Integer> outcomes = fuzz(100_000, SEED + 1);
        System.out.println("fuzz 100,000: " + outcomes);
    }

    /** Mutated JARVIS dft_3d lists through the streaming dataset reader: records or typed errors only. */
    @Test
    void mutatedDatasetFilesFailOnlyWithTheTypedException(@TempDir Path dir) throws Exception {
        String base = Files.readString(TestFiles.path("jdft_3d-sample.json"));
        String lines = Files.readString(TestFiles.path("sample.jsonl"));
        Random rnd = new Random(SEED + 2);
        for (int i = 0; i < 1_000; i++) {
            boolean jsonl = i % 2 == 1;
            Path p = dir.resolve(jsonl ? "m" + i + ".jsonl" : "m" + i + ".json");
            String text = mutate(jsonl ? lines : base, rnd);
            Files.write(p, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // lone surrogates become '?'
            try (CrystalDataset d = CrystalDataset.open(p, DatasetOptions.DEFAULT.withThreads(1 + i % 2))) {
                d.stream().forEach(ReaderFuzzTest::checkRecord);
                assertTrue(d.report().recordsRead() + d.report().recordsSkipped() >= 0);
            } catch (CrystalParseException e) {
                assertTrue(e.source() != null, e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " threw " + e + ":\n" + text, e);
            }
        }
    }

    private static void checkRecord(org.unate.crystal.CrystalRecord r) {
        check(r.structure());
    }
}
