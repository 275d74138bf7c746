package org.unate.property;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.unate.graph.GraphBatch;
import org.unate.model.EdgeLayout;
import org.unate.model.Encoder;
import org.unate.model.GraphInputs;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.model.TrainingLoop;
import org.unate.nn.Activations;
import org.unate.nn.Dense;
import org.unate.nn.Init;
import org.unate.nn.Losses;
import org.unate.nn.Params;
import org.unate.nn.ScheduledAdam;
import org.unate.nn.Tensors;
import org.unate.nn.TfSessions;

/**
 * One property model in one TensorFlow graph and session: the {@link Encoder} (featurizer -> backbone), mean
 * pooling, head.
 * <pre>
 *   x      = featurizer(Z)                                     [nNodes, H]
 *   v      = backbone(x, edges)                                [nNodes, H]
 *   p_g    = (1 / n_g) sum_{i in g} v_i                        [nGraphs, H]
 *   y_g    = W2 softplus(W1 p_g + b1) + b2                     [nGraphs]  (standardised)
 * </pre>
 * The graph holds one training path (batch statistics, loss, Adam step, moving-average updates) and two inference
 * paths (moving statistics) over the same variables: the general edge layout and, for batches where every node has
 * exactly k edges grouped by centre, the reshape layout ({@link EdgeLayout}). The training path uses the reshape
 * layout when {@code regularTraining} is set (all training graphs qualify). Variable names are fixed by the config,
 * so a fresh model restores a checkpoint of another with the same config.
 * <p>Not thread-safe.
 */
final class PropertyModel implements AutoCloseable {
    private final TrainConfig config;
    private final NodeFeaturizer featurizer;
    private final TargetScaler scaler;
    private final boolean regularTraining;
    private final Graph graph;
    private final Session session;
    private final Params params;
    private final Encoder encoder;
    private final GraphInputs in;
    /** {@code [nGraphs]}: standardised targets. */
    private final Placeholder<TFloat32> target;
    private final Operand<TFloat32> trainPrediction;
    private final Operand<TFloat32> loss;
    private final Op trainStep;
    private final ScheduledAdam adam;
    private final Operand<TFloat32> predictGeneral;
    private final Operand<TFloat32> predictRegular;

    PropertyModel(TrainConfig config, NodeFeaturizer featurizer, TargetScaler scaler, boolean regularTraining) {
        this(config, featurizer, scaler, regularTraining, false);
    }

    /** @param naive the textbook CGCNN layer (gather, concatenate, one Dense) instead of the split products; benchmark only */
    PropertyModel(TrainConfig config, NodeFeaturizer featurizer, TargetScaler scaler, boolean regularTraining,
                  boolean naive) {
        this.config = config;
        this.featurizer = featurizer;
        this.scaler = scaler;
        this.regularTraining = regularTraining;
        this.graph = new Graph();
        try {
            ModelConfig mc = config.model();
            params = new Params(graph, config.seed());
            Ops tf = params.tf();
            encoder = new Encoder(mc, featurizer, params, naive);
            in = encoder.inputs();
            target = tf.withName("target").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            Dense hidden = new Dense(params, "head/hidden", mc.hidden(), mc.headWidth(), mc.initKind());
            Dense out = new Dense(params, "head/out", mc.headWidth(), 1, mc.initKind());

            EdgeLayout general = encoder.generalLayout();
            EdgeLayout regular = encoder.regularLayout();
            int before = params.updates().size();
            trainPrediction = forward(tf, regularTraining ? regular : general, hidden, out, true);
            List<Op> bnUpdates = new ArrayList<>(params.updates().subList(before, params.updates().size()));
            loss = tf.withName("loss").identity(Losses.of(config.lossKind(), tf, trainPrediction, target));
            adam = new ScheduledAdam(graph);
            Op step = adam.minimize(loss, params.trainable(), "adam_step");
            List<Op> all = new ArrayList<>(bnUpdates);
            all.add(step);
            trainStep = tf.withControlDependencies(all).withName("train_step").noOp();

            Operand<TFloat32> mean = tf.constant((float) scaler.mean());
            Operand<TFloat32> std = tf.constant((float) scaler.std());
            predictGeneral = tf.withName("prediction").identity(
                    tf.math.add(tf.math.mul(forward(tf, general, hidden, out, false), std), mean));
            predictRegular = tf.withName("prediction_regular").identity(
                    tf.math.add(tf.math.mul(forward(tf, regular, hidden, out, false), std), mean));
            session = TfSessions.open(graph, config.intraOpThreads(), config.interOpThreads());
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private Operand<TFloat32> forward(Ops tf, EdgeLayout layout, Dense hidden, Dense out, boolean training) {
        Operand<TFloat32> pooled = encoder.meanPool(encoder.apply(layout, training));
        Operand<TFloat32> y = out.apply(Activations.softplus(tf, hidden.apply(pooled), !training));
        return tf.reshape(y, tf.constant(new int[] {-1}));
    }

    /** Loss and standardised predictions of one training step. */
    record Step(float loss, float[] prediction) {
    }

    /** The training graph of a model built for regular edge layouts takes only regular batches. */
    private void requireTrainingLayout(GraphBatch batch) {
        if (regularTraining && EdgeLayout.regularK(batch) == 0) {
            throw new IllegalStateException("model built for regular edge layouts got an irregular batch");
        }
    }

    /** One Adam step on a batch whose standardised targets are given; returns the loss before the step. */
    Step trainStep(GraphBatch batch, float[] targetsStandardised, float learningRate) {
        requireTrainingLayout(batch);
        try (GraphInputs.Feed feed = encoder.feed(batch)
                .add(target, Tensors.floats(targetsStandardised, targetsStandardised.length));
             TFloat32 lr = TFloat32.scalarOf(learningRate);
             Result r = feed.into(session.runner()).feed(adam.learningRate(), lr)
                     .addTarget(trainStep).fetch(loss).fetch(trainPrediction).run()) {
            return new Step(Tensors.scalar(r.get(0)), Tensors.toFloats(r.get(1)));
        }
    }

    /** Predictions in target units, inference mode: {@code [nGraphs]}. */
    float[] predict(GraphBatch batch) {
        Operand<TFloat32> out = config.model().edgeFastPath() && EdgeLayout.regularK(batch) > 0
                ? predictRegular : predictGeneral;
        return predict(batch, out);
    }

    /**
     * Predictions in target units from the training-mode forward pass: batch norm normalises with the statistics of
     * this batch; nothing is updated. Set against {@link #predict} it shows how far batch statistics and moving
     * statistics lead apart on given crystals.
     */
    double[] predictWithBatchStatistics(GraphBatch batch) {
        requireTrainingLayout(batch);
        float[] standardised = predict(batch, trainPrediction);
        double[] out = new double[standardised.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = scaler.inverse(standardised[k]);
        }
        return out;
    }

    /** Predictions through the general edge layout regardless of the batch (for tests). */
    float[] predictGeneral(GraphBatch batch) {
        return predict(batch, predictGeneral);
    }

    private float[] predict(GraphBatch batch, Operand<TFloat32> out) {
        try (GraphInputs.Feed feed = encoder.feed(batch);
             Result r = feed.into(session.runner()).fetch(out).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    /** The current element table of the featurizer ({@code [119 * D]} row-major), if it has one. */
    Optional<float[]> tableValues() {
        Optional<Operand<TFloat32>> t = encoder.features().tableOperand();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(value(t.get()));
    }

    /** Values of every trainable variable, in creation order (for tests and snapshots). */
    List<float[]> trainableValues() {
        List<float[]> out = new ArrayList<>();
        for (var v : params.trainable()) {
            out.add(value(v));
        }
        return out;
    }

    /**
     * Values of every variable, trainable ones then moving statistics, each in creation order, by graph op name
     * ({@code conv0.bn_filter.moving_mean}); row-major.
     */
    Map<String, float[]> variableValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<Variable<TFloat32>> all = new ArrayList<>(params.trainable());
        all.addAll(params.nonTrainable());
        for (Variable<TFloat32> v : all) {
            out.put(v.op().name(), value(v));
        }
        return out;
    }

    private float[] value(Operand<TFloat32> v) {
        try (Result r = session.runner().fetch(v).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    void saveCheckpoint(Path dir) {
        TfSessions.saveCheckpoint(session, dir, TrainingLoop.CHECKPOINT);
    }

    void restoreCheckpoint(Path dir) {
        TfSessions.restoreCheckpoint(session, dir, TrainingLoop.CHECKPOINT);
    }

    /** Exports the general inference path as a SavedModel with signature "serving_default". */
    void exportSavedModel(Path dir) {
        Signature.Builder b = Signature.builder().key(Signature.DEFAULT_KEY)
                .input("atomic_numbers", in.atomicNumbers)
                .input("node_graph", in.nodeGraph)
                .input("source", in.source)
                .input("destination", in.destination)
                .input("nodes_per_graph", in.nodesPerGraph)
                .input("distance", in.distance);
        if (encoder.usesVectors()) {
            b.input("vector", in.vector);
        }
        b.output("prediction", predictGeneral);
        TfSessions.exportSavedModel(session, dir, b.build());
    }

    long parameterCount() {
        return params.trainableCount();
    }

    boolean usesVectors() {
        return encoder.usesVectors();
    }

    boolean regularTraining() {
        return regularTraining;
    }

    TrainConfig config() {
        return config;
    }

    NodeFeaturizer featurizer() {
        return featurizer;
    }

    TargetScaler scaler() {
        return scaler;
    }

    Graph graph() {
        return graph;
    }

    Session session() {
        return session;
    }

    GraphInputs inputs() {
        return in;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
