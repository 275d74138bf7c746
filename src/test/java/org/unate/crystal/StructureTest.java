package org.unate.crystal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.unate.testing.TinyGraphs;

/** Formulas of the cell and of its formula unit. */
class StructureTest {
    @Test
    void theReducedFormulaDividesByTheCountsGreatestCommonDivisor() {
        assertEquals("Na4Cl4", TinyGraphs.nacl().formula());
        assertEquals("NaCl", TinyGraphs.nacl().reducedFormula());
        assertEquals("Fe", TinyGraphs.bccFe().reducedFormula());
        assertEquals("Po", TinyGraphs.oneAtom().reducedFormula());
        assertEquals("O2Ti", TinyGraphs.triclinic().reducedFormula(), "elements by atomic number");
        Structure fe4o6 = Structure.of(Lattice.cubic(5.0), Site.of("Fe", 0, 0, 0), Site.of("Fe", 0.5, 0, 0),
                Site.of("Fe", 0, 0.5, 0), Site.of("Fe", 0, 0, 0.5), Site.of("O", 0.25, 0, 0), Site.of("O", 0, 0.25, 0),
                Site.of("O", 0, 0, 0.25), Site.of("O", 0.75, 0, 0), Site.of("O", 0, 0.75, 0), Site.of("O", 0, 0, 0.75));
        assertEquals("O6Fe4", fe4o6.formula());
        assertEquals("O3Fe2", fe4o6.reducedFormula());
    }
}
