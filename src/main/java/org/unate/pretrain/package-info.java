/**
 * UNATE pretraining: learn per-element vectors from unlabelled crystals.
 * <p>Each step corrupts every crystal of a batch twice ({@link org.unate.pretrain.Views}: masked species, dropped
 * edges, optional jitter), encodes both views with the shared {@link org.unate.model.Encoder}, and trains three
 * heads ({@link org.unate.pretrain.PretrainModel}): species of the masked atoms, edge multiplicities of atom pairs
 * ({@link org.unate.pretrain.AdjacencyTargets}) and agreement of the two views (NT-Xent or Barlow Twins,
 * {@link org.unate.pretrain.PretrainLosses}). {@link org.unate.pretrain.Pretrainer} runs it on the project's
 * training loop, leaving out the test crystals of the fixed splits by default, and exports the context and input
 * element tables ({@link org.unate.pretrain.ElementTables}) that {@code unate:frozen|finetune:PATH} reads. No label
 * is ever read.
 */
package org.unate.pretrain;
