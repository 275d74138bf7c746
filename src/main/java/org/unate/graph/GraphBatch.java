package org.unate.graph;

import java.util.List;

/**
 * Several crystal graphs packed into flat arrays, ready to feed TensorFlow.
 * <p>Node and edge indices are offset per graph so that {@code source}/{@code destination} index the batch's
 * node arrays directly. Distances and vectors are float32, the precision the models train in.
 *
 * @param ids           {@code [nGraphs]} record ids
 * @param atomicNumbers {@code [nNodes]}
 * @param nodeGraph     {@code [nNodes]} index of the graph each node belongs to
 * @param source        {@code [nEdges]} centre node (batch index)
 * @param destination   {@code [nEdges]} neighbour node (batch index)
 * @param distance      {@code [nEdges]} angstrom
 * @param vector        {@code [nEdges * 3]} angstrom
 * @param nodesPerGraph {@code [nGraphs]}
 */
public record GraphBatch(List<String> ids, int[] atomicNumbers, int[] nodeGraph, int[] source, int[] destination,
                         float[] distance, float[] vector, int[] nodesPerGraph) {

    public int numGraphs() {
        return ids.size();
    }

    public int numNodes() {
        return atomicNumbers.length;
    }

    public int numEdges() {
        return source.length;
    }

    /** Packs graphs in the given order. */
    public static GraphBatch pack(List<CrystalGraph> graphs) {
        int nNodes = 0, nEdges = 0;
        for (CrystalGraph g : graphs) {
            nNodes += g.numNodes();
            nEdges += g.numEdges();
        }
        String[] ids = new String[graphs.size()];
        int[] z = new int[nNodes], ng = new int[nNodes], src = new int[nEdges], dst = new int[nEdges];
        int[] npg = new int[graphs.size()];
        float[] dist = new float[nEdges], vec = new float[3 * nEdges];
        int nodeOff = 0, edgeOff = 0;
        for (int gi = 0; gi < graphs.size(); gi++) {
            CrystalGraph g = graphs.get(gi);
            ids[gi] = g.id();
            npg[gi] = g.numNodes();
            System.arraycopy(g.atomicNumbers(), 0, z, nodeOff, g.numNodes());
            java.util.Arrays.fill(ng, nodeOff, nodeOff + g.numNodes(), gi);
            int[] s = g.source(), d = g.destination();
            double[] gd = g.distance(), gv = g.vector();
            for (int e = 0; e < g.numEdges(); e++) {
                src[edgeOff + e] = s[e] + nodeOff;
                dst[edgeOff + e] = d[e] + nodeOff;
                dist[edgeOff + e] = (float) gd[e];
            }
            for (int k = 0; k < 3 * g.numEdges(); k++) {
                vec[3 * edgeOff + k] = (float) gv[k];
            }
            nodeOff += g.numNodes();
            edgeOff += g.numEdges();
        }
        return new GraphBatch(List.of(ids), z, ng, src, dst, dist, vec, npg);
    }
}
