package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.unate.crystal.Structure;

/** The CIF reader on the COD files of the shared CGCNN sample folder (CIFs with full symmetry-operator lists). */
class CifSharedDataTest {
    /*
     * Site counts and formulas of the conventional cells as Debian's pymatgen 2022.11.7 reads them:
     *   cd shared/data/cgcnn-sample-regression && /usr/bin/python3 -c "
     *   from pymatgen.io.cif import CifParser; import glob
     *   for f in sorted(glob.glob('*.cif')):
     *       s = CifParser(f).get_structures(primitive=False)[0]; print(f, len(s), s.composition.formula)"
     * with the formulas rewritten in Structure.formula()'s order (elements by atomic number): K1 Cl1 -> ClK.
     */
    private static final Map<String, Object[]> PYMATGEN = Map.of(
            "1000041", new Object[] {8, "Na4Cl4"},
            "1000050", new Object[] {2, "ClK"},
            "1101051", new Object[] {4, "S2Zn2"},
            "1507756", new Object[] {5, "O3TiBa"},
            "7206075", new Object[] {12, "O8Ti4"},
            "9000046", new Object[] {8, "C8"},
            "9009743", new Object[] {2, "ClCs"},
            "9011050", new Object[] {8, "Ge8"},
            "9011998", new Object[] {8, "Si8"},
            "9012304", new Object[] {8, "C8"});

    @Test
    void siteCountsAndCompositionsMatchPymatgen() {
        Path dir = SharedData.path("data/cgcnn-sample-regression");
        CifReader reader = CifReader.withDefaults();
        for (Map.Entry<String, Object[]> e : PYMATGEN.entrySet()) {
            Structure s = reader.read(dir.resolve(e.getKey() + ".cif"));
            assertEquals(e.getValue()[0], s.size(), e.getKey() + ".cif site count");
            assertEquals(e.getValue()[1], s.formula(), e.getKey() + ".cif formula");
        }
    }

    @Test
    void rockSaltFromFiftyOperatorsKeepsAsymmetricSitesFirst() {
        // 1000041.cif: Na1 at 0 0 0 and Cl1 at 1/2 1/2 1/2 with the 192 operators of Fm-3m
        Structure s = CifReader.withDefaults().read(SharedData.path("data/cgcnn-sample-regression/1000041.cif"));
        for (int i = 0; i < 4; i++) {
            assertEquals("Na", s.site(i).element().symbol());
            assertEquals("Na1", s.site(i).label());
            assertEquals("Cl", s.site(4 + i).element().symbol());
        }
        assertEquals(0.0, s.site(0).frac(0));
        assertEquals(0.5, s.site(4).frac(0));
        assertEquals(5.62 * 5.62 * 5.62, s.lattice().volume(), 1e-9);
    }
}
