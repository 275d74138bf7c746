/**
 * Small neural-network building blocks over TensorFlow Java's graph-mode {@code Ops}: seeded initialisers
 * ({@link org.unate.nn.Init}), a parameter store that tracks trainable and non-trainable variables
 * ({@link org.unate.nn.Params}), layers ({@link org.unate.nn.Dense}, {@link org.unate.nn.BatchNorm},
 * {@link org.unate.nn.Embedding}), losses, Adam with a learning rate fed per step
 * ({@link org.unate.nn.ScheduledAdam}, {@link org.unate.nn.CosineSchedule}), session configuration with explicit
 * thread counts, checkpoints and SavedModel export ({@link org.unate.nn.TfSessions}), and tensor helpers
 * ({@link org.unate.nn.Tensors}).
 * <p>Everything here builds graphs ({@code org.tensorflow.Graph}); nothing runs eagerly. All tensors are float32
 * unless a javadoc says otherwise. Layers create their variables in the constructor and their operations in
 * {@code apply}, so one layer can be applied twice (a training path and an inference path sharing weights).
 */
package org.unate.nn;
