package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;

class GraphBuilderTest {
    /** 200 random records; every 37th is an isolated atom in a big box (skipped). */
    static List<CrystalRecord> records() {
        SplittableRandom r = new SplittableRandom(11);
        List<CrystalRecord> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Structure s = i % 37 == 5
                    ? Structure.of(Lattice.cubic(20.0), Site.of("Ar", 0.5, 0.5, 0.5))
                    : Structures.random(r, 8);
            out.add(new CrystalRecord("r" + i, s, Map.of()));
        }
        return out;
    }

    static void assertSameGraph(CrystalGraph a, CrystalGraph b) {
        assertEquals(a.id(), b.id());
        assertArrayEquals(a.atomicNumbers(), b.atomicNumbers());
        assertArrayEquals(a.source(), b.source());
        assertArrayEquals(a.destination(), b.destination());
        assertArrayEquals(a.image(), b.image());
        assertArrayEquals(a.distance(), b.distance(), 0.0);
        assertArrayEquals(a.vector(), b.vector(), 0.0);
    }

    @Test
    void parallelBuildsEqualSequentialInInputOrder() {
        List<CrystalRecord> recs = records();
        GraphBuilder b = GraphBuilder.of(GraphConfig.cgcnn());
        GraphSet one = b.buildAll(recs, 1, null);
        List<int[]> progress = new ArrayList<>();
        GraphSet three = b.buildAll(recs, 3, (done, total) -> progress.add(new int[] {done, total}));
        GraphSet fromIterator = b.buildAll(recs.iterator(), 2, null);
        assertEquals(200, one.report().recordsRead());
        List<Integer> skippedPos = one.report().skipped().stream().map(BuildReport.Skipped::position).toList();
        assertEquals(List.of(5, 42, 79, 116, 153, 190), skippedPos);
        assertTrue(one.report().skipped().get(0).reason().contains("r5"), one.report().skipped().get(0).reason());
        assertEquals(194, one.size());
        for (GraphSet other : List.of(three, fromIterator)) {
            assertEquals(one.report(), other.report());
            assertEquals(one.size(), other.size());
            for (int i = 0; i < one.size(); i++) {
                assertSameGraph(one.graphs().get(i), other.graphs().get(i));
            }
        }
        int[] last = progress.get(progress.size() - 1);
        assertArrayEquals(new int[] {200, 200}, last);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] > progress.get(i - 1)[0], "progress increases");
        }
        // graphs are those of single builds
        assertSameGraph(b.build(recs.get(0)), one.graphs().get(0));
    }

    @Test
    void strictBuildStopsAtTheFirstBadRecord() {
        GraphBuilder b = GraphBuilder.of(GraphConfig.cgcnn()).strict(true);
        GraphBuildException e = assertThrows(GraphBuildException.class, () -> b.buildAll(records(), 2, null));
        assertEquals("r5", e.recordId());
    }

    @Test
    void forEachStreamsInOrder() {
        List<CrystalRecord> recs = records();
        List<Integer> positions = new ArrayList<>();
        BuildReport r = GraphBuilder.of(GraphConfig.radius(5.0)).forEach(recs.iterator(), -1, 2, null,
                (pos, rec, g) -> {
                    assertEquals(rec.id(), g.id());
                    positions.add(pos);
                });
        assertEquals(200, r.recordsRead());
        assertEquals(r.built(), positions.size());
        assertEquals(200, r.built() + r.skipped().size());
        for (int i = 1; i < positions.size(); i++) {
            assertTrue(positions.get(i) > positions.get(i - 1));
        }
    }
}
