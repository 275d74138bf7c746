package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/** pymatgen JSON, JARVIS atoms JSON and extended XYZ, on files written by pymatgen and ASE. */
class JsonAndXyzReaderTest {
    // Lattice.from_parameters(4.1, 5.2, 6.3, 80, 95, 105).matrix as pymatgen computes it
    private static final double[][] TRICLINIC = {{4.0843982621761565, 0.0, -0.3573385452653987},
        {-1.2720003130647535, 4.960509997630148, 0.9029705238680383}, {0.0, 0.0, 6.3}};

    @Test
    void pymatgenDict() {
        Structure s = StructureReader.read(TestFiles.path("triclinic-pymatgen.json"));
        assertEquals(List.of("Fe", "O", "Si"), s.sites().stream().map(x -> x.element().symbol()).toList());
        assertArrayEquals(TRICLINIC, s.lattice().matrix());
        assertArrayEquals(new double[] {0.45, 0.55, 0.65}, s.site(1).fractional(), 1e-15);
        Structure nacl = StructureReader.read(TestFiles.path("nacl-pymatgen.json"));
        assertEquals("Na4Cl4", nacl.formula());
    }

    @Test
    void pymatgenDisorderFollowsThePolicy() {
        Path p = TestFiles.path("disordered-pymatgen.json");
        CrystalParseException e = assertThrows(CrystalParseException.class, () -> StructureReader.read(p));
        assertEquals(Reason.PARTIAL_OCCUPANCY, e.reason());
        assertTrue(e.getMessage().contains("share one position"), e.getMessage());
        Structure m = StructureReader.read(p, ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY));
        assertEquals(List.of("Fe", "O", "Si"), m.sites().stream().map(x -> x.element().symbol()).toList());
    }

    @Test
    void extendedXyzFromAse() {
        Structure x = StructureReader.read(TestFiles.path("triclinic.extxyz"));
        Structure ref = StructureReader.read(TestFiles.path("triclinic-pymatgen.json"));
        assertEquals(3, x.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(ref.site(i).element(), x.site(i).element());
            assertArrayEquals(ref.site(i).fractional(), x.site(i).fractional(), 1e-7);
        }
        assertArrayEquals(TRICLINIC, x.lattice().matrix());
    }

    @Test
    void extendedXyzErrors() {
        String good = "1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3:forces:R:3\nFe 0 0 0 0.1 0.2 0.3\n";
        assertEquals(1, ExtXyzReader.parse(good, null).size());
        CrystalParseException mol = assertThrows(CrystalParseException.class,
                () -> ExtXyzReader.parse("1\nenergy=1\nFe 0 0 0\n", "m.xyz"));
        assertEquals(Reason.MISSING_FIELD, mol.reason());
        assertEquals(2, mol.line());
        CrystalParseException cols = assertThrows(CrystalParseException.class,
                () -> ExtXyzReader.parse(good.replace(" 0.3\n", "\n"), null));
        assertEquals(3, cols.line());
        CrystalParseException pbc = assertThrows(CrystalParseException.class,
                () -> ExtXyzReader.parse(good.replace("Properties", "pbc=\"T T F\" Properties"), null));
        assertEquals(Reason.UNSUPPORTED, pbc.reason());
        assertEquals(2, ExtXyzReader.parseAll(good + good, null).size());
    }

    @Test
    void jarvisAtomsCartesianAndFractional(@TempDir Path dir) throws Exception {
        String frac = """
                {"lattice_mat": [[0, 2.715, 2.715], [2.715, 0, 2.715], [2.715, 2.715, 0]],
                 "coords": [[0, 0, 0], [0.25, 0.25, 0.25]], "elements": ["Si", "Si"], "cartesian": false,
                 "abc": [3.84, 3.84, 3.84], "angles": [60, 60, 60], "props": ["", ""]}""";
        Path f = dir.resolve("si.json");
        Files.writeString(f, frac);
        Structure s = StructureReader.read(f);
        assertEquals(2, s.size());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, s.site(1).fractional());
        String cart = frac.replace("[0.25, 0.25, 0.25]", "[1.3575, 1.3575, 1.3575]").replace("false", "true");
        Structure c = JsonStructureReader.parse(cart, null, ReadOptions.DEFAULT);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, c.site(1).fractional(), 1e-15);
        CrystalParseException noFlag = assertThrows(CrystalParseException.class,
                () -> JsonStructureReader.parse(frac.replace("\"cartesian\": false,", ""), "x.json",
                        ReadOptions.DEFAULT));
        assertEquals("x.json: cartesian: expected true or false", noFlag.getMessage());
        CrystalParseException mismatch = assertThrows(CrystalParseException.class,
                () -> JsonStructureReader.parse(frac.replace("[\"Si\", \"Si\"]", "[\"Si\"]"), null,
                        ReadOptions.DEFAULT));
        assertEquals(Reason.BAD_VALUE, mismatch.reason());
        CrystalParseException wrapped = assertThrows(CrystalParseException.class,
                () -> JsonStructureReader.parse("{\"jid\": \"JVASP-1\", \"atoms\": "
                        + frac.replace("\"Si\", \"Si\"", "\"Si\", \"Xx\"") + "}", null, ReadOptions.DEFAULT));
        assertEquals("atoms: expected an element symbol for elements[1] (e.g. 'Fe' or 'Fe2+'), got 'Xx'",
                wrapped.getMessage());
        CrystalParseException syntax = assertThrows(CrystalParseException.class,
                () -> JsonStructureReader.parse("{\"lattice_mat\": [1, 2,\n", null, ReadOptions.DEFAULT));
        assertEquals(Reason.SYNTAX, syntax.reason());
        CrystalParseException molecule = assertThrows(CrystalParseException.class,
                () -> JsonStructureReader.parse("{\"@class\": \"Molecule\", \"lattice\": {}, \"sites\": []}", null,
                        ReadOptions.DEFAULT));
        assertEquals(Reason.UNSUPPORTED, molecule.reason());
    }

    @Test
    void formatDetection(@TempDir Path dir) throws Exception {
        assertEquals(StructureFormat.CIF, StructureReader.detect("a.CIF", "").orElseThrow());
        assertEquals(StructureFormat.POSCAR, StructureReader.detect("POSCAR_relaxed", "").orElseThrow());
        assertEquals(StructureFormat.POSCAR, StructureReader.detect("CONTCAR", "").orElseThrow());
        assertEquals(StructureFormat.POSCAR, StructureReader.detect("x.vasp", "").orElseThrow());
        assertEquals(StructureFormat.JSON, StructureReader.detect("x.json.gz", "").orElseThrow());
        assertEquals(StructureFormat.EXTXYZ, StructureReader.detect("x.extxyz", "").orElseThrow());
        assertEquals(StructureFormat.CIF, StructureReader.detect("noext", "# c\ndata_x\n").orElseThrow());
        assertEquals(StructureFormat.JSON, StructureReader.detect("noext", " {\"a\": 1}").orElseThrow());
        assertEquals(StructureFormat.EXTXYZ, StructureReader.detect("noext", "2\nLattice=\"1 0 0\"").orElseThrow());
        assertEquals(StructureFormat.POSCAR, StructureReader.detect("noext", "c\n1.0\n").orElseThrow());
        assertTrue(StructureReader.detect("noext", "hello\nworld\n").isEmpty());
        Path p = dir.resolve("mystery");
        Files.writeString(p, "hello\nworld\n");
        assertEquals(Reason.UNSUPPORTED, assertThrows(CrystalParseException.class,
                () -> StructureReader.read(p)).reason());
        Path gone = dir.resolve("gone.cif");
        CrystalParseException io = assertThrows(CrystalParseException.class, () -> StructureReader.read(gone));
        assertEquals(Reason.IO, io.reason());
        assertTrue(io.getMessage().endsWith("gone.cif: cannot read: no such file"), io.getMessage());
    }
}
