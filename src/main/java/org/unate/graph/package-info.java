/**
 * Periodic crystal graphs: neighbour search ({@link org.unate.graph.NeighborFinder}, float64, cell lists and exact
 * image enumeration), graph building one at a time or in parallel ({@link org.unate.graph.GraphBuilder}) under a
 * {@link org.unate.graph.GraphConfig}, batching into packed arrays for TensorFlow
 * ({@link org.unate.graph.GraphBatch}, {@link org.unate.graph.GraphBatcher}) and the on-disk graph cache
 * ({@link org.unate.graph.GraphCache}). Conventions are written up in {@code docs/graphs.md}.
 */
package org.unate.graph;
