package org.unate.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Element;
import org.unate.crystal.Structure;
import org.unate.embedding.CompositionFeatures.Stat;
import org.unate.testing.TinyGraphs;

class CompositionFeaturesTest {
    // Na = (1, 0), Cl = (0, 2), Fe = (4, 4), O = (-1, 1)
    final AtomEmbeddings table = AtomEmbeddings.of(Map.of(11, new float[] {1, 0}, 17, new float[] {0, 2},
            26, new float[] {4, 4}, 8, new float[] {-1, 1}), Map.of("name", "hand"));
    final CompositionFeatures all = CompositionFeatures.of(table, EnumSet.allOf(Stat.class));

    @Test
    void rockSaltNaClFromItsEightAtomCell() {
        Structure nacl = TinyGraphs.nacl();
        // mean (0.5, 1); std (0.5, 1); min (0, 0); max (1, 2)
        assertArrayEquals(new double[] {0.5, 1, 0.5, 1, 0, 0, 1, 2}, all.of(nacl), 1e-12);
        assertEquals(8, all.size());
        assertArrayEquals(new String[] {"mean_000", "mean_001", "std_000", "std_001", "min_000", "min_001",
                "max_000", "max_001"}, all.names());
    }

    @Test
    void fe2o3IsWeightedByAtomFraction() {
        double[] f = CompositionFeatures.of(table, EnumSet.of(Stat.MEAN, Stat.STD))
                .of(Map.of(Element.of("Fe"), 2, Element.of("O"), 3));
        // mean = 0.4 (4, 4) + 0.6 (-1, 1) = (1, 2.2); var_0 = 0.4*9 + 0.6*4 = 6, var_1 = 0.4*3.24 + 0.6*1.44 = 2.16
        assertArrayEquals(new double[] {1, 2.2, Math.sqrt(6), Math.sqrt(2.16)}, f, 1e-6);
    }

    @Test
    void elementalCrystalHasZeroSpreadAndItsOwnVector() {
        Structure bccFe = TinyGraphs.bccFe();
        assertArrayEquals(new double[] {4, 4, 0, 0, 4, 4, 4, 4}, all.of(bccFe), 1e-12);
    }

    @Test
    void missingElementIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> all.of(Map.of(Element.of("Si"), 1)));
        assertTrue(e.getMessage().contains("Si"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompositionFeatures.of(table, EnumSet.noneOf(Stat.class)));
        assertThrows(IllegalArgumentException.class, () -> all.of(Map.of(Element.of("Fe"), 0)));
    }
}
