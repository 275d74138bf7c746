/**
 * Per-element embedding tables ({@link org.unate.embedding.AtomEmbeddings}): the vectors UNATE learns, random
 * controls of the same size, and tables from elsewhere (CGCNN's atom_init.json), in one JSON format; and fixed-length
 * composition features of a crystal built from a table ({@link org.unate.embedding.CompositionFeatures}).
 */
package org.unate.embedding;
