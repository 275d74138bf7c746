package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

class PoscarReaderTest {
    private static CrystalParseException fail(String text) {
        return assertThrows(CrystalParseException.class, () -> PoscarReader.parse(text, "POSCAR"));
    }

    @Test
    void pymatgenWrittenRockSalt() {
        // written by pymatgen's Poscar.write_file (VASP 5 layout, Direct, species labels after coordinates)
        Structure s = PoscarReader.read(TestFiles.path("NaCl.vasp"));
        assertEquals(8, s.size());
        assertEquals("Na4Cl4", s.formula());
        assertEquals(5.64 * 5.64 * 5.64, s.lattice().volume(), 1e-9);
        assertArrayEquals(new double[] {0.5, 0.0, 0.0}, s.site(5).fractional());
        assertEquals("Cl", s.site(5).label());
    }

    @Test
    void vasp4SpeciesFromCommentAndVolumeScale() {
        String text = """
                Cs Cl
                -64.0
                  2.0 0.0 0.0
                  0.0 2.0 0.0
                  0.0 0.0 2.0
                1 1
                Direct
                0.0 0.0 0.0
                0.5 0.5 0.5
                """;
        Structure s = PoscarReader.parse(text, null);
        assertEquals("ClCs", s.formula());
        assertEquals(64.0, s.lattice().volume(), 1e-9);
        assertEquals(4.0, s.lattice().lengths()[0], 1e-12);
        CrystalParseException e = fail(text.replace("Cs Cl", "caesium chloride run 3"));
        assertEquals(Reason.MISSING_FIELD, e.reason());
        assertEquals("POSCAR line 6: expected a species line (VASP 5) before the counts 1 1, or a VASP 4 comment"
                + " line that names the 2 species and nothing else (element symbols 'Cs Cl', with counts 'Cs1 Cl1',"
                + " or a formula 'CsCl'); got comment 'caesium chloride run 3'", e.getMessage());
    }

    @Test
    void selectiveDynamicsCartesianAndVelocities() {
        String text = """
                bcc Fe
                2.0
                  1.435 0.0 0.0
                  0.0 1.435 0.0
                  0.0 0.0 1.435
                Fe_pv
                2
                Selective dynamics
                Cartesian
                0.0 0.0 0.0 T T F
                0.7175 0.7175 0.7175 F F F

                0.1 0.2 0.3
                0.0 0.0 0.0
                """;
        Structure s = PoscarReader.parse(text, null);
        assertEquals(2, s.size());
        assertEquals(2.87, s.lattice().lengths()[0], 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.site(1).fractional(), 1e-15);
    }

    @Test
    void perAxisScale() {
        String text = "t\n1 2 3\n1 0 0\n0 1 0\n0 0 1\nSi\n1\nd\n0.25 0.25 0.25\n";
        Structure s = PoscarReader.parse(text, null);
        assertArrayEquals(new double[] {1, 2, 3}, s.lattice().lengths(), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, s.site(0).fractional());
    }

    @Test
    void errorsNameTheLine() {
        String good = "t\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        CrystalParseException trunc = fail(good.replace("0.5 0.5 0.5\n", ""));
        assertEquals(Reason.MISSING_FIELD, trunc.reason());
        assertTrue(trunc.getMessage().contains("expected 2 coordinate lines"), trunc.getMessage());
        CrystalParseException counts = fail(good.replace("1 1\n", "1 1 1\n"));
        assertEquals(7, counts.line());
        CrystalParseException mode = fail(good.replace("Direct", "Fractional"));
        assertEquals(8, mode.line());
        CrystalParseException num = fail(good.replace("0 4 0", "0 4x 0"));
        assertEquals("POSCAR line 4: expected a number for lattice vector b, got '4x'", num.getMessage());
        CrystalParseException sp = fail(good.replace("Na Cl", "Na Qq"));
        assertEquals(Reason.UNKNOWN_ELEMENT, sp.reason());
        CrystalParseException flat = fail(good.replace("0 0 4", "4 0 0"));
        assertEquals(Reason.BAD_LATTICE, flat.reason());
        assertEquals(3, flat.line());
        CrystalParseException zero = fail(good.replace("1.0\n", "0\n"));
        assertEquals(2, zero.line());
        CrystalParseException nan = fail(good.replace("0 0 0\n", "NaN 0 0\n"));
        assertEquals(Reason.BAD_NUMBER, nan.reason());
    }
}
