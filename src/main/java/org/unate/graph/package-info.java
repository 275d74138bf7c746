/** Periodic crystal graphs: neighbour search, distance bases, packed batches and the graph cache. */
package org.unate.graph;
