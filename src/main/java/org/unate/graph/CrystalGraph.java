package org.unate.graph;

import java.util.Objects;

/**
 * The periodic neighbour graph of one crystal.
 * <p>Directed edges are grouped by centre and, within a centre, sorted by distance then by
 * (neighbour index, image) so that the order is deterministic. For an edge e from centre {@code i = source[e]}
 * to neighbour {@code j = destination[e]} lying in the periodic image {@code n = image[3e..3e+2]} (integers),
 * {@code vector[e] = r_j + n M - r_i} (Cartesian, angstrom) and {@code distance[e] = |vector[e]|}.
 * An atom's own periodic images are neighbours; the atom itself (distance 0, image 0) never is.
 * <p>Arrays are owned by the graph: callers must not modify them.
 *
 * @param id            record id of the crystal
 * @param atomicNumbers {@code [nNodes]}
 * @param source        {@code [nEdges]} centre index
 * @param destination   {@code [nEdges]} neighbour index
 * @param image         {@code [nEdges * 3]} lattice translation of the neighbour
 * @param distance      {@code [nEdges]} angstrom
 * @param vector        {@code [nEdges * 3]} Cartesian vector centre -> neighbour, angstrom
 */
public record CrystalGraph(String id, int[] atomicNumbers, int[] source, int[] destination, int[] image,
                           double[] distance, double[] vector) {
    public CrystalGraph {
        Objects.requireNonNull(id, "id");
        int e = source.length;
        if (destination.length != e || distance.length != e || image.length != 3 * e || vector.length != 3 * e) {
            throw new IllegalArgumentException("edge arrays of graph " + id + " disagree in length");
        }
    }

    public int numNodes() {
        return atomicNumbers.length;
    }

    public int numEdges() {
        return source.length;
    }

    /**
     * The cell's formula from the node elements, in order of atomic number, counts not reduced ("Si2", "O3Fe2"), as
     * {@link org.unate.crystal.Structure#formula()} writes it.
     */
    public String formula() {
        java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int z : atomicNumbers) {
            counts.merge(z, 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((z, n) -> b.append(z >= 1 && z <= org.unate.crystal.Element.MAX_Z
                ? org.unate.crystal.Element.ofZ(z).symbol() : "Z" + z + "?").append(n == 1 ? "" : Integer.toString(n)));
        return b.toString();
    }

    /**
     * One line: "CrystalGraph[JVASP-1002 Si2: 2 nodes, 24 edges of 2.37 to 3.87 Å]" (the shortest and longest edge;
     * the graph does not keep the cutoff it was built with, only the edges it kept).
     */
    @Override
    public String toString() {
        if (distance.length == 0) {
            return "CrystalGraph[" + id + " " + formula() + ": " + numNodes() + " nodes, no edges]";
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double d : distance) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return String.format(java.util.Locale.ROOT, "CrystalGraph[%s %s: %d %s, %d edges of %.2f to %.2f Å]", id,
                formula(), numNodes(), numNodes() == 1 ? "node" : "nodes", numEdges(), lo, hi);
    }

    /** Number of edges whose centre is each node: {@code [nNodes]}. */
    public int[] degrees() {
        int[] d = new int[atomicNumbers.length];
        for (int s : source) {
            d[s]++;
        }
        return d;
    }
}
