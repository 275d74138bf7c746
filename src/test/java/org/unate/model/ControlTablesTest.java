package org.unate.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;

/** The random control matched in width and row norm, and the shuffled control that keeps a table's rows. */
class ControlTablesTest {
    @TempDir
    Path tmp;

    /** A small table of 6 elements with rows of different norms; {@code unit} L2-normalises them. */
    private Path table(boolean unit) {
        Map<Integer, float[]> v = new TreeMap<>();
        int[] zs = {1, 8, 11, 17, 26, 55};
        for (int i = 0; i < zs.length; i++) {
            float[] x = {i + 1f, 2f - i, 0.5f * i, 3f};
            if (unit) {
                double n = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]);
                for (int k = 0; k < 4; k++) {
                    x[k] = (float) (x[k] / n);
                }
            }
            v.put(zs[i], x);
        }
        Path f = tmp.resolve(unit ? "unit.json" : "plain.json");
        AtomEmbeddings.of(v, Map.of("name", unit ? "unit" : "plain")).save(f);
        return f;
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float a : x) {
            s += (double) a * a;
        }
        return Math.sqrt(s);
    }

    @Test
    void theNormMatchedRandomTableHasTheReferenceWidthAndMeanRowNorm() {
        Path plain = table(false);
        AtomEmbeddings ref = AtomEmbeddings.load(plain);
        NodeFeaturizer f = NodeFeaturizer.parse("random:frozen:3:norm:" + plain);
        AtomEmbeddings t = f.table().orElseThrow();
        assertEquals(4, t.dim());
        assertEquals(Element.MAX_Z, t.size(), "a random table covers every element");
        assertFalse(f.trainableTable());
        for (int z = 1; z <= Element.MAX_Z; z++) {
            assertEquals(ref.meanRowNorm(), norm(t.vector(z)), 1e-5, "row of Z=" + z);
        }
        assertEquals("plain", t.meta().get("norm_of"));
        // for an L2-normalised reference the random rows are unit vectors
        AtomEmbeddings u = NodeFeaturizer.parse("random:trainable:3:norm:" + table(true)).table().orElseThrow();
        assertEquals(1.0, norm(u.vector(42)), 1e-6);
        assertTrue(NodeFeaturizer.parse("random:trainable:3:norm:" + table(true)).trainableTable());
        // same seed, same table; the plain random spec keeps N(0, 1) rows of REF's width
        assertArrayEquals(t.vector(5), NodeFeaturizer.parse("random:frozen:3:norm:" + plain).table().orElseThrow().vector(5));
        AtomEmbeddings raw = NodeFeaturizer.parse("random:frozen:3:" + plain).table().orElseThrow();
        assertEquals(4, raw.dim());
        assertNotEquals(ref.meanRowNorm(), norm(raw.vector(5)), 1e-3);
        // the direction of each row is that of the unscaled draw
        float[] a = raw.vector(5);
        float[] b = t.vector(5);
        double scale = norm(b) / norm(a);
        for (int k = 0; k < 4; k++) {
            assertEquals(a[k] * scale, b[k], 1e-5);
        }
    }

    @Test
    void theShuffledTableKeepsTheMultisetOfRowsAndNoElementKeepsItsOwn() {
        Path plain = table(false);
        AtomEmbeddings ref = AtomEmbeddings.load(plain);
        NodeFeaturizer f = NodeFeaturizer.parse("shuffled:7:" + plain);
        assertFalse(f.trainableTable(), "shuffled tables are frozen");
        AtomEmbeddings s = f.table().orElseThrow();
        assertEquals(ref.size(), s.size());
        List<String> refRows = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            assertEquals(ref.has(z), s.has(z), "same elements, Z=" + z);
            if (ref.has(z)) {
                refRows.add(Arrays.toString(ref.vector(z)));
                rows.add(Arrays.toString(s.vector(z)));
                assertFalse(Arrays.equals(ref.vector(z), s.vector(z)), "Z=" + z + " kept its own row");
            }
        }
        refRows.sort(null);
        rows.sort(null);
        assertEquals(refRows, rows, "the same multiset of rows");
        assertEquals("shuffled-plain", s.name());

        // seeded: same seed same permutation, another seed another one; SEED defaults to 0
        assertArrayEquals(s.vector(8), NodeFeaturizer.parse("shuffled:7:" + plain).table().orElseThrow().vector(8));
        boolean differs = false;
        AtomEmbeddings other = NodeFeaturizer.parse("shuffled:8:" + plain).table().orElseThrow();
        for (int z : new int[] {1, 8, 11, 17, 26, 55}) {
            differs |= !Arrays.equals(s.vector(z), other.vector(z));
        }
        assertTrue(differs);
        assertArrayEquals(NodeFeaturizer.parse("shuffled:0:" + plain).table().orElseThrow().vector(1),
                NodeFeaturizer.parse("shuffled:" + plain).table().orElseThrow().vector(1));
        // a saved model gets back its shuffled table, frozen
        NodeFeaturizer saved = NodeFeaturizer.withSavedTable("shuffled:7:" + plain, s);
        assertFalse(saved.trainableTable());
    }

    @Test
    void malformedControlSpecsAreClearErrors() {
        Path plain = table(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeFeaturizer.parse("random:frozen:0:norm:92"));
        assertTrue(e.getMessage().contains("not a width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NodeFeaturizer.parse("shuffled:"));
        assertTrue(e.getMessage().contains("shuffled[:SEED]:TABLE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NodeFeaturizer.parse("shuffled:3:" + plain + ".missing"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
