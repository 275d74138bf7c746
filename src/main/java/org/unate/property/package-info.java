/**
 * The downstream property-prediction model: a graph neural network over {@link org.unate.graph.CrystalGraph}s whose
 * node features come from a pluggable {@link org.unate.model.NodeFeaturizer} (learned atomic-number embedding,
 * one-hot, any per-element table, seeded random controls, pretrained UNATE tables frozen or fine-tuned), a
 * {@link org.unate.model.Backbone} (CGCNN or CartNet-lite), mean pooling and a small head.
 * <p>Entry points: {@link org.unate.property.PropertyTrainer#train} -> {@link org.unate.property.TrainedModel}
 * ({@code predict}, {@code save}, {@code load}, {@code history}); configuration in
 * {@link org.unate.property.TrainConfig} (Jackson-serialisable); progress through
 * {@link org.unate.model.TrainingListener}. With a {@link org.unate.model.ResumeSpec} training saves its whole
 * state after every epoch ({@link org.unate.model.TrainingState}) and resumes after an interruption. {@link org.unate.property.TrainingBenchmark} measures throughput on
 * synthetic graphs ({@link org.unate.property.SyntheticGraphs}). The design and equations are in docs/model.md.
 */
package org.unate.property;
