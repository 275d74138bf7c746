package org.unate.graph;

import java.util.List;

/**
 * Graphs built from a dataset, in input order (skipped records left out), with the build report.
 *
 * @param graphs the graphs, in the order of their records
 * @param report records read, built and skipped
 */
public record GraphSet(List<CrystalGraph> graphs, BuildReport report) {
    public GraphSet {
        graphs = List.copyOf(graphs);
    }

    public int size() {
        return graphs.size();
    }

    /** One line: "GraphSet[1,000 graphs, 13,017 nodes, 156,204 edges; 1000 of 1000 graphs built, 0 skipped]". */
    @Override
    public String toString() {
        long nodes = 0;
        for (CrystalGraph g : graphs) {
            nodes += g.numNodes();
        }
        return String.format(java.util.Locale.ROOT, "GraphSet[%,d graphs, %,d nodes, %,d edges; %s]", graphs.size(),
                nodes, numEdges(), report.headline());
    }

    /** Total directed edges over all graphs. */
    public long numEdges() {
        long e = 0;
        for (CrystalGraph g : graphs) {
            e += g.numEdges();
        }
        return e;
    }
}
