package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unate.testing.TinyGraphs;

class GraphBatchTest {
    private static List<CrystalGraph> graphs() {
        GraphBuilder b = GraphBuilder.of(GraphConfig.radius(4.0));
        return List.of(b.build("nacl", TinyGraphs.nacl()), b.build("fe", TinyGraphs.bccFe()),
                b.build("po", Structures.oneAtomCubic(3.3)), b.build("si", TinyGraphs.diamondSi()),
                b.build("cscl", TinyGraphs.cscl()));
    }

    @Test
    void packOffsetsIndicesByGraph() {
        List<CrystalGraph> gs = graphs();
        GraphBatch b = GraphBatch.pack(gs);
        assertEquals(List.of("nacl", "fe", "po", "si", "cscl"), b.ids());
        assertArrayEquals(new int[] {8, 2, 1, 8, 2}, b.nodesPerGraph());
        assertEquals(21, b.numNodes());
        int nodeOff = 0, edgeOff = 0;
        for (int gi = 0; gi < gs.size(); gi++) {
            CrystalGraph g = gs.get(gi);
            for (int v = 0; v < g.numNodes(); v++) {
                assertEquals(gi, b.nodeGraph()[nodeOff + v]);
                assertEquals(g.atomicNumbers()[v], b.atomicNumbers()[nodeOff + v]);
            }
            for (int e = 0; e < g.numEdges(); e++) {
                assertEquals(g.source()[e] + nodeOff, b.source()[edgeOff + e]);
                assertEquals(g.destination()[e] + nodeOff, b.destination()[edgeOff + e]);
                assertEquals((float) g.distance()[e], b.distance()[edgeOff + e]);
                for (int k = 0; k < 3; k++) {
                    assertEquals((float) g.vector()[3 * e + k], b.vector()[3 * (edgeOff + e) + k]);
                }
                // both ends of every edge lie in the same graph
                assertEquals(gi, b.nodeGraph()[b.source()[edgeOff + e]]);
                assertEquals(gi, b.nodeGraph()[b.destination()[edgeOff + e]]);
            }
            nodeOff += g.numNodes();
            edgeOff += g.numEdges();
        }
        assertEquals(edgeOff, b.numEdges());
    }

    @Test
    void seededShuffleIsDeterministicAndCoversEveryGraphOnce() {
        List<CrystalGraph> gs = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            gs.addAll(graphs());
        }
        GraphBatcher bt = GraphBatcher.shuffled(gs, 4, 42L);
        assertEquals(7, bt.numBatches());
        int[][] e0 = bt.indices(0);
        assertEquals(1, e0[6].length, "remainder batch: 25 = 6 x 4 + 1");
        int[] all = Arrays.stream(e0).flatMapToInt(Arrays::stream).sorted().toArray();
        int[] expect = new int[25];
        Arrays.setAll(expect, i -> i);
        assertArrayEquals(expect, all);
        assertArrayEquals(e0, GraphBatcher.shuffled(gs, 4, 42L).indices(0), "same seed, same batches");
        assertFalse(Arrays.deepEquals(e0, bt.indices(1)), "another epoch, another order");
        assertFalse(Arrays.deepEquals(e0, GraphBatcher.shuffled(gs, 4, 43L).indices(0)), "another seed");
        assertArrayEquals(bt.indices(3), bt.indices(3));
        assertEquals(6, bt.dropLast(true).numBatches());
        int[][] ordered = GraphBatcher.inOrder(gs, 10).indices(5);
        assertArrayEquals(new int[] {20, 21, 22, 23, 24}, ordered[2]);

        int n = 0;
        for (GraphBatch b : bt.epoch(2)) {
            int[] idx = bt.indices(2)[n++];
            assertEquals(idx.length, b.numGraphs());
            for (int t = 0; t < idx.length; t++) {
                assertEquals(gs.get(idx[t]).id(), b.ids().get(t));
            }
        }
        assertEquals(7, n);
        assertThrows(IllegalArgumentException.class, () -> GraphBatcher.inOrder(gs, 0));
    }
}
