package org.unate.pretrain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.crystal.Element;
import org.unate.graph.GraphBatch;
import org.unate.model.EdgeLayout;
import org.unate.model.Encoder;
import org.unate.model.GraphInputs;
import org.unate.model.TrainingLoop;
import org.unate.nn.Activations;
import org.unate.nn.Dense;
import org.unate.nn.Init;
import org.unate.nn.Params;
import org.unate.nn.ScheduledAdam;
import org.unate.nn.Tensors;
import org.unate.nn.TfSessions;

/**
 * The UNATE pretraining model in one TensorFlow graph and session: the shared {@link Encoder} (a learned embedding
 * of Z whose row 0 is the mask token, then the backbone) with three heads.
 * <pre>
 *   v        = encoder(fed Z, fed edges)                                  [nNodes, H]
 *   species  = W_s v + b_s                                                [nNodes, 119]  cross-entropy vs true Z
 *   h        = v / |v|                                                    [nNodes, H]
 *   s_c(i,j) = h_i^T W_c h_j + b_c,  c = 0..C-1                           [nPairs, C]    bilinear decoder
 *   adj      = W_a s + b_a                                                [nPairs, C]    weighted NLL vs multiplicity
 *   z_g      = W_2 softplus(W_1 mean_{i in g} v_i + b_1) + b_2            [2B, P]        NT-Xent or Barlow Twins
 *   loss     = a CE_species + b NLL_adjacency + c contrastive
 * </pre>
 * The bilinear form is evaluated per node first ({@code h W}, {@code [nNodes, C H]}) and then gathered per pair,
 * so its cost is linear in the pairs. The graph holds the training path (batch statistics, Adam step, moving-average
 * updates) and an inference path over the same variables (validation loss, node states for the exported tables).
 * <p>Not thread-safe.
 */
final class PretrainModel implements AutoCloseable {
    /** Species classes: Z = 0..118 (0, the mask, never a target). */
    static final int SPECIES = Element.MAX_Z + 1;
    static final List<String> TERMS = List.of("species", "adjacency", "contrastive");

    private final PretrainConfig config;
    private final Graph graph;
    private final Session session;
    private final Params params;
    private final Encoder encoder;
    private final GraphInputs in;
    private final Placeholder<TInt32> species;
    private final Placeholder<TFloat32> speciesWeight;
    private final Placeholder<TInt32> pairI;
    private final Placeholder<TInt32> pairJ;
    private final Placeholder<TInt32> pairClass;
    private final Placeholder<TFloat32> pairWeight;
    private final Placeholder<TInt32> self;
    private final Placeholder<TInt32> positive;
    private final Dense speciesHead;
    private final Operand<TFloat32> bilinear;
    private final Operand<TFloat32> bilinearBias;
    private final Dense adjacencyOut;
    /** Null without a contrastive term. */
    private final Dense projection1;
    private final Dense projection2;
    private final Operand<TFloat32> classWeights;
    private final Losses train;
    private final Losses inference;
    private final Op trainStep;
    private final ScheduledAdam adam;
    private final Operand<TFloat32> nodeStates;

    /** The four fetched scalars of one path. */
    private record Losses(Operand<TFloat32> total, Operand<TFloat32> species, Operand<TFloat32> adjacency,
                          Operand<TFloat32> contrastive) {
    }

    PretrainModel(PretrainConfig config) {
        this.config = config;
        this.graph = new Graph();
        try {
            params = new Params(graph, config.seed());
            Ops tf = params.tf();
            encoder = new Encoder(config.model(), params);
            in = encoder.inputs();
            species = tf.withName("species").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            speciesWeight = tf.withName("species_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            pairI = tf.withName("pair_i").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            pairJ = tf.withName("pair_j").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            pairClass = tf.withName("pair_class").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            pairWeight = tf.withName("pair_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            self = tf.withName("self").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            positive = tf.withName("positive").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));

            int h = config.dim();
            int c = config.adjacencyMaxClass() + 1;
            Init.Kind kind = Init.Kind.GLOROT_UNIFORM;
            speciesHead = new Dense(params, "pretrain/species", h, SPECIES, kind);
            // bilinear weights as [H, C H]: column block c is W_c (PyTorch's nn.Bilinear bound 1 / sqrt(H))
            bilinear = params.variable("pretrain/bilinear/W", Shape.of(h, (long) c * h),
                    Init.uniform(h * c * h, 1.0 / Math.sqrt(h), params.seedFor("pretrain/bilinear/W")), true);
            bilinearBias = params.variable("pretrain/bilinear/b", Shape.of(c),
                    Init.uniform(c, 1.0 / Math.sqrt(h), params.seedFor("pretrain/bilinear/b")), true);
            adjacencyOut = new Dense(params, "pretrain/adjacency", c, c, kind);
            boolean contrast = !config.contrastive().equals(PretrainConfig.NONE);
            projection1 = contrast ? new Dense(params, "pretrain/projection/hidden", h, h, kind) : null;
            projection2 = contrast ? new Dense(params, "pretrain/projection/out", h, config.projectionDim(), kind)
                    : null;
            float[] cw = new float[c];
            java.util.Arrays.fill(cw, 1f);
            cw[0] = (float) config.adjacencyClass0Weight();
            classWeights = tf.constant(Shape.of(c), DataBuffers.of(cw, true, false));

            int before = params.updates().size();
            train = losses(tf, true);
            List<Op> bnUpdates = new ArrayList<>(params.updates().subList(before, params.updates().size()));
            adam = new ScheduledAdam(graph);
            Op step = adam.minimize(train.total(), params.trainable(), "adam_step");
            List<Op> all = new ArrayList<>(bnUpdates);
            all.add(step);
            trainStep = tf.withControlDependencies(all).withName("train_step").noOp();
            inference = losses(tf, false);
            nodeStates = tf.withName("node_states").identity(encoder.apply(encoder.generalLayout(), false));
            session = TfSessions.open(graph, config.intraOpThreads(), config.interOpThreads());
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private Losses losses(Ops tf, boolean training) {
        EdgeLayout layout = encoder.generalLayout(); // dropped edges: never a regular layout
        Operand<TFloat32> v = encoder.apply(layout, training);
        Operand<TFloat32> speciesLoss = PretrainLosses.weightedCrossEntropy(tf, speciesHead.apply(v), species,
                SPECIES, speciesWeight);

        int h = config.dim();
        int c = config.adjacencyMaxClass() + 1;
        Operand<TFloat32> unit = PretrainLosses.l2Normalise(tf, v);
        Operand<TFloat32> hw = tf.linalg.matMul(unit, bilinear);                                  // [nNodes, C H]
        Operand<TFloat32> left = tf.reshape(tf.gather(hw, pairI, tf.constant(0)), tf.constant(new int[] {-1, c, h}));
        Operand<TFloat32> right = tf.expandDims(tf.gather(unit, pairJ, tf.constant(0)), tf.constant(1));
        Operand<TFloat32> scores = tf.math.add(tf.sum(tf.math.mul(left, right), tf.constant(2)), bilinearBias);
        Operand<TFloat32> pairW = tf.math.mul(pairWeight, tf.gather(classWeights, pairClass, tf.constant(0)));
        Operand<TFloat32> adjacencyLoss = PretrainLosses.weightedCrossEntropy(tf, adjacencyOut.apply(scores),
                pairClass, c, pairW);

        Operand<TFloat32> contrastive;
        if (config.contrastive().equals(PretrainConfig.NONE)) {
            contrastive = tf.constant(0f);
        } else {
            Operand<TFloat32> pooled = encoder.meanPool(v);
            Operand<TFloat32> z = projection2.apply(Activations.softplus(tf, projection1.apply(pooled), false));
            contrastive = config.contrastive().equals(PretrainConfig.NTXENT)
                    ? PretrainLosses.ntXent(tf, z, self, positive, config.temperature())
                    : PretrainLosses.barlowTwins(tf, z, config.projectionDim(), config.barlowLambda());
        }
        Operand<TFloat32> total = tf.math.add(tf.math.add(
                tf.math.mul(tf.constant((float) config.speciesWeight()), speciesLoss),
                tf.math.mul(tf.constant((float) config.adjacencyWeight()), adjacencyLoss)),
                tf.math.mul(tf.constant((float) config.contrastiveWeight()), contrastive));
        String p = training ? "train" : "inference";
        return new Losses(tf.withName(p + "_loss").identity(total), speciesLoss, adjacencyLoss, contrastive);
    }

    private GraphInputs.Feed feed(Views v) {
        int n2 = v.positive().length;
        int[] selfIdx = new int[n2];
        for (int k = 0; k < n2; k++) {
            selfIdx[k] = k;
        }
        int np = v.pairI().length;
        return encoder.feed(v.batch())
                .add(species, Tensors.ints(v.species(), v.species().length))
                .add(speciesWeight, Tensors.floats(v.speciesWeight(), v.speciesWeight().length))
                .add(pairI, Tensors.ints(v.pairI(), np))
                .add(pairJ, Tensors.ints(v.pairJ(), np))
                .add(pairClass, Tensors.ints(v.pairClass(), np))
                .add(pairWeight, Tensors.floats(v.pairWeight(), np))
                .add(self, Tensors.ints(selfIdx, n2))
                .add(positive, Tensors.ints(v.positive(), n2));
    }

    /** One Adam step; returns the loss before it: total, species, adjacency, contrastive. */
    double[] trainStep(Views v, float learningRate) {
        try (GraphInputs.Feed f = feed(v);
             TFloat32 lr = TFloat32.scalarOf(learningRate);
             Result r = f.into(session.runner()).feed(adam.learningRate(), lr).addTarget(trainStep)
                     .fetch(train.total()).fetch(train.species()).fetch(train.adjacency()).fetch(train.contrastive())
                     .run()) {
            return scalars(r);
        }
    }

    /** The loss of these views in inference mode (moving statistics), nothing updated: total and the terms. */
    double[] evaluate(Views v) {
        try (GraphInputs.Feed f = feed(v);
             Result r = f.into(session.runner()).fetch(inference.total()).fetch(inference.species())
                     .fetch(inference.adjacency()).fetch(inference.contrastive()).run()) {
            return scalars(r);
        }
    }

    private static double[] scalars(Result r) {
        double[] out = new double[4];
        for (int k = 0; k < 4; k++) {
            out[k] = Tensors.scalar(r.get(k));
        }
        return out;
    }

    /** Final encoder states of a batch in inference mode, {@code [nNodes * H]} row-major. */
    float[] nodeStates(GraphBatch batch) {
        try (GraphInputs.Feed f = encoder.feed(batch);
             Result r = f.into(session.runner()).fetch(nodeStates).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    /** The learned input embedding, {@code [119 * H]} row-major (row 0 the mask token). */
    float[] inputTable() {
        Operand<TFloat32> t = encoder.features().tableOperand().orElseThrow();
        try (Result r = session.runner().fetch(t).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    void saveCheckpoint(Path dir) {
        TfSessions.saveCheckpoint(session, dir, TrainingLoop.CHECKPOINT);
    }

    void restoreCheckpoint(Path dir) {
        TfSessions.restoreCheckpoint(session, dir, TrainingLoop.CHECKPOINT);
    }

    long parameterCount() {
        return params.trainableCount();
    }

    PretrainConfig config() {
        return config;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
