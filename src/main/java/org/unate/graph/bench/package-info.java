/**
 * Measuring graph building: {@link org.unate.graph.bench.GraphBenchmark} times the builder and runs the Python
 * peers on the same structures; {@link org.unate.graph.bench.PeerNeighborFile} reads the reference cells and
 * pymatgen distances written by {@code scripts/peer-neighbors.py}.
 */
package org.unate.graph.bench;
