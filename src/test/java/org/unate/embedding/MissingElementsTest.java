package org.unate.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The scan of crystals against a table, its message, and the mean and zero fills, on values worked by hand. */
class MissingElementsTest {
    /** H (1), O (8) and Na (11) only. */
    private static AtomEmbeddings table() {
        Map<Integer, float[]> v = new TreeMap<>();
        v.put(1, new float[] {1f, 2f});
        v.put(8, new float[] {3f, -2f});
        v.put(11, new float[] {5f, 3f});
        return AtomEmbeddings.of(v, Map.of("name", "hon"));
    }

    private static final List<MissingElements.Crystal> CRYSTALS = List.of(
            new MissingElements.Crystal("water", new int[] {1, 1, 8}),
            new MissingElements.Crystal("NaCl", new int[] {11, 17, 11, 17}),
            new MissingElements.Crystal("KCl", new int[] {19, 17}),
            new MissingElements.Crystal("Na2O", new int[] {11, 11, 8}));

    @Test
    void theScanCountsCrystalsPerMissingElement() {
        MissingElements.Report r = MissingElements.scan(table(), CRYSTALS);
        assertFalse(r.complete());
        assertEquals(Map.of("Cl", 2, "K", 1), r.byElement());
        assertEquals(List.of("Cl", "K"), List.copyOf(r.byElement().keySet()), "in order of Z");
        assertEquals(List.of("NaCl", "KCl"), r.affected());
        assertEquals(List.of(17, 19), r.elements());
        String m = r.message("crystals of the test");
        assertTrue(m.startsWith("embedding table 'hon' has no vector for Cl, K: 2 of 4 crystals of the test hold one"
                + " of them (crystals per element: Cl (2), K (1); first: 'NaCl')"), m);
        assertTrue(m.contains("mean, zero or drop"), m);
        assertTrue(MissingElements.scan(table(), List.of(CRYSTALS.get(0))).complete());
    }

    @Test
    void meanAndZeroFillOnlyTheMissingElements() {
        MissingElements.Report r = MissingElements.scan(table(), CRYSTALS);
        AtomEmbeddings mean = MissingElements.fill(table(), r, MissingElements.Policy.MEAN);
        assertArrayEquals(new float[] {3f, 1f}, mean.vector(17), "(1+3+5)/3, (2-2+3)/3");
        assertArrayEquals(new float[] {3f, 1f}, mean.vector(19));
        assertArrayEquals(new float[] {5f, 3f}, mean.vector(11), "present rows unchanged");
        assertFalse(mean.has(20), "elements not in the data stay absent");
        assertEquals(Map.of("policy", "mean", "elements", List.of("Cl", "K")), mean.meta().get("filled"));
        AtomEmbeddings zero = MissingElements.fill(table(), r, MissingElements.Policy.ZERO);
        assertArrayEquals(new float[] {0f, 0f}, zero.vector(19));
        assertSame(table().getClass(), zero.getClass());
        AtomEmbeddings t = table();
        assertSame(t, MissingElements.fill(t, r, MissingElements.Policy.DROP), "drop leaves the table as it is");
    }

    @Test
    void policiesParseByName() {
        assertEquals(MissingElements.Policy.ERROR, MissingElements.Policy.parse(null));
        assertEquals(MissingElements.Policy.DROP, MissingElements.Policy.parse(" Drop "));
        assertEquals("mean", MissingElements.Policy.MEAN.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MissingElements.Policy.parse("skip"));
        assertTrue(e.getMessage().contains("error, mean, zero or drop"), e.getMessage());
    }
}
