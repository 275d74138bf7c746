package org.unate.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Element;

class TableGeometryTest {
    private static AtomEmbeddings table(Map<String, float[]> rows) {
        Map<Integer, float[]> byZ = new HashMap<>();
        rows.forEach((s, v) -> byZ.put(Element.of(s).z(), v));
        return AtomEmbeddings.of(byZ, Map.of("name", "hand"));
    }

    @Test
    void cosineAndNearestOnAHandMadeTable() {
        AtomEmbeddings t = table(Map.of("Na", new float[] {1, 0, 0}, "K", new float[] {0.9f, 0.1f, 0},
                "Fe", new float[] {0, 1, 0}, "Cl", new float[] {-1, 0, 0}));
        assertEquals(0.0, TableGeometry.cosine(t, "Na", "Fe"), 1e-12);
        assertEquals(-1.0, TableGeometry.cosine(t, "Na", "Cl"), 1e-12);
        assertEquals(0.9 / Math.sqrt(0.82), TableGeometry.cosine(t, "Na", "K"), 1e-6);
        List<TableGeometry.Neighbour> n = TableGeometry.nearest(t, "Na", 3);
        assertEquals(List.of("K", "Fe", "Cl"), n.stream().map(x -> x.element().symbol()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableGeometry.cosine(t, "Na", "O"));
        assertTrue(e.getMessage().contains("hand") && e.getMessage().contains("O"), e.getMessage());
    }

    @Test
    void pcaFindsTheDirectionOfLargestSpread() {
        // points along (1, 1, 0) with small noise in z: axis 1 carries the spread, axis 2 almost nothing
        Map<String, float[]> rows = new HashMap<>();
        SplittableRandom r = new SplittableRandom(3);
        String[] symbols = {"H", "Li", "Be", "B", "C", "N", "O", "F"};
        for (int k = 0; k < symbols.length; k++) {
            rows.put(symbols[k], new float[] {k, k, (float) (0.01 * r.nextGaussian())});
        }
        List<TableGeometry.Point> p = TableGeometry.pca(table(rows));
        double var1 = 0;
        double var2 = 0;
        for (TableGeometry.Point q : p) {
            var1 += q.x() * q.x();
            var2 += q.y() * q.y();
        }
        assertTrue(var1 > 1e4 * var2, var1 + " vs " + var2);
        // along the line: axis-1 coordinates are sqrt(2) (k - 3.5), up to the sign fixed by the largest one
        for (TableGeometry.Point q : p) {
            int k = List.of(symbols).indexOf(q.element().symbol());
            assertEquals(Math.sqrt(2) * Math.abs(k - 3.5), Math.abs(q.x()), 1e-3);
        }
    }

    @Test
    void tsneKeepsTwoSeparateClustersApart() {
        Map<String, float[]> rows = new HashMap<>();
        SplittableRandom r = new SplittableRandom(5);
        String[] a = {"Li", "Na", "K", "Rb", "Cs", "Fr"};
        String[] b = {"F", "Cl", "Br", "I", "At", "Ts"};
        for (String s : a) {
            rows.put(s, new float[] {(float) r.nextGaussian() * 0.1f, 5f, 0f, 0f});
        }
        for (String s : b) {
            rows.put(s, new float[] {0f, 0f, 5f, (float) r.nextGaussian() * 0.1f});
        }
        List<TableGeometry.Point> p = TableGeometry.tsne(table(rows), 3, 500, 1);
        List<String> alkali = List.of(a);
        for (TableGeometry.Point q : p) {
            TableGeometry.Point best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (TableGeometry.Point o : p) {
                double d = Math.hypot(o.x() - q.x(), o.y() - q.y());
                if (o != q && d < bestD) {
                    bestD = d;
                    best = o;
                }
            }
            assertEquals(alkali.contains(q.element().symbol()), alkali.contains(best.element().symbol()),
                    q.element() + " mapped next to " + best.element());
        }
        assertEquals(p, TableGeometry.tsne(table(rows), 3, 500, 1), "seeded");
    }
}
