package org.unate.crystal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.unate.crystal.ElementData.Property;

class ElementDataTest {
    @Test
    void ironFacts() {
        ElementData fe = ElementData.of("Fe");
        assertEquals(26, fe.z());
        assertEquals("Iron", fe.name());
        assertEquals(8, fe.group());
        assertEquals(4, fe.period());
        assertEquals('d', fe.block());
        assertEquals(55.845, fe.atomicMass());
        assertEquals(1.83, fe.electronegativity());
        assertEquals(1.32, fe.covalentRadius()); // Cordero 2008, low spin
        assertEquals(7.9024681, fe.firstIonizationEnergy());
        assertEquals(8, fe.valenceElectrons()); // [Ar] 3d6 4s2
        assertEquals(2, fe.valenceS());
        assertEquals(6, fe.valenceD());
    }

    @Test
    void oxygenAndOthers() {
        ElementData o = ElementData.of(8);
        assertEquals("O", o.symbol());
        assertEquals(3.44, o.electronegativity());
        assertEquals(16, o.group());
        assertEquals('p', o.block());
        assertEquals(6, o.valenceElectrons());
        assertEquals(0.66, o.covalentRadius());
        assertEquals(1.4611053, o.electronAffinity());
        ElementData h = ElementData.of(Element.of("H"));
        assertEquals(1, h.group());
        assertEquals('s', h.block());
        assertEquals(13.598434599702, h.firstIonizationEnergy());
        assertEquals(0.76, ElementData.of("C").covalentRadius()); // sp3
        assertEquals(13, ElementData.of("Ga").valenceElectrons()); // d10 counted
        ElementData la = ElementData.of("La");
        assertEquals(3, la.group());
        assertEquals(6, la.period());
        ElementData cs = ElementData.of("Cs");
        assertEquals(1, cs.group());
        assertEquals(6, cs.period());
        assertEquals(0.79, cs.electronegativity());
    }

    @Test
    void missingValuesAreNaNAndEmpty() {
        ElementData he = ElementData.of("He");
        assertTrue(Double.isNaN(he.electronegativity()));
        assertFalse(he.has(Property.ELECTRONEGATIVITY));
        assertTrue(he.optional(Property.ELECTRONEGATIVITY).isEmpty());
        ElementData og = ElementData.of(118);
        assertEquals(294.0, og.atomicMass()); // corrected from the source's 2949
        assertTrue(Double.isNaN(og.covalentRadius())); // Cordero covers Z <= 96
        assertEquals(18, og.group());
        assertEquals(7, og.period());
    }

    @Test
    void tableIsCompleteAndConsistent() {
        assertEquals(118, ElementData.all().size());
        for (int z = 1; z <= 118; z++) {
            ElementData d = ElementData.of(z);
            assertEquals(z, d.z());
            assertSame(Element.ofZ(z), d.element());
            assertTrue(d.atomicMass() > 0, d.symbol());
            assertEquals(d.value(Property.GROUP), d.group());
            if (d.has(Property.VALENCE_ELECTRONS)) {
                assertEquals(d.valenceElectrons(), d.valenceS() + d.valenceP() + d.valenceD() + d.valenceF(),
                        d.symbol());
            }
        }
        // every element that occurs in JARVIS (Z <= 94) has the properties a featurizer needs most
        for (int z = 1; z <= 94; z++) {
            ElementData d = ElementData.of(z);
            assertTrue(d.has(Property.COVALENT_RADIUS), d.symbol());
            assertTrue(d.has(Property.FIRST_IONIZATION_ENERGY), d.symbol());
            assertTrue(d.has(Property.VALENCE_ELECTRONS), d.symbol());
        }
        assertTrue(ElementData.sources().get(0).contains("elements-table.py"));
        assertThrows(IllegalArgumentException.class, () -> ElementData.of(119));
    }
}
