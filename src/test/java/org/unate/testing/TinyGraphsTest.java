package org.unate.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.unate.graph.CrystalGraph;

/** The brute-force test graphs themselves have the textbook neighbour shells. */
class TinyGraphsTest {
    @Test
    void shellsOfSimpleCrystals() {
        CrystalGraph fe = TinyGraphs.knn("Fe", TinyGraphs.bccFe(), 14, 8.0);
        // bcc: 8 nearest at a sqrt(3) / 2, then 6 at a
        assertEquals(2.87 * Math.sqrt(3) / 2, fe.distance()[0], 1e-9);
        assertEquals(2.87 * Math.sqrt(3) / 2, fe.distance()[7], 1e-9);
        assertEquals(2.87, fe.distance()[8], 1e-9);
        CrystalGraph nacl = TinyGraphs.knn("NaCl", TinyGraphs.nacl(), 6, 8.0);
        for (int e = 0; e < 6; e++) {
            assertEquals(2.82, nacl.distance()[e], 1e-9);
            assertEquals(17, nacl.atomicNumbers()[nacl.destination()[e]]); // Na's 6 nearest are Cl
        }
        CrystalGraph po = TinyGraphs.knn("Po", TinyGraphs.oneAtom(), 12, 8.0);
        assertEquals(12, po.numEdges());
        assertArrayEquals(new int[12], po.destination()); // its own images
        assertEquals(3.0, po.distance()[5], 1e-9);
        assertEquals(3.0 * Math.sqrt(2), po.distance()[6], 1e-9);
        CrystalGraph si = TinyGraphs.knn("Si", TinyGraphs.diamondSi(), 4, 8.0);
        assertEquals(5.43 * Math.sqrt(3) / 4, si.distance()[3], 1e-9);
    }
}
