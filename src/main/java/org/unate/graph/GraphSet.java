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

    /** Total directed edges over all graphs. */
    public long numEdges() {
        long e = 0;
        for (CrystalGraph g : graphs) {
            e += g.numEdges();
        }
        return e;
    }
}
