/**
 * The encoder every task shares and the one training loop.
 * <p>{@link org.unate.model.Encoder} = node featurizer ({@link org.unate.model.NodeFeaturizer}: atomic-number,
 * one-hot, element tables, random controls, pretrained tables) + message-passing backbone
 * ({@link org.unate.model.Backbone}: CGCNN-style, CartNet-lite), built from a {@link org.unate.model.ModelConfig}
 * that also names the graph the backbone reads ({@link org.unate.model.ModelConfig#defaultGraph()}), over the
 * placeholders of one packed batch ({@link org.unate.model.GraphInputs}, structure only: tasks add their targets).
 * <p>{@link org.unate.model.TrainingLoop} runs every training in the project (property models, pretraining, the
 * training benchmark): batching, epochs, cosine schedule, early stopping, best-weights restore, time budget, progress
 * ({@link org.unate.model.TrainingListener}), per-epoch snapshots and resume after {@code kill -9}
 * ({@link org.unate.model.TrainingState}, which stores what the loop needs; a task stores its own outputs).
 */
package org.unate.model;
