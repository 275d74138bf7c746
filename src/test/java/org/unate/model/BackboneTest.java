package org.unate.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.nn.Params;
import org.unate.nn.Tensors;
import org.unate.nn.TfSessions;
import org.unate.testing.TinyGraphs;

/**
 * Shapes, layout equivalence and finite-difference gradients of the backbones on tiny hand-built crystals
 * (float32 throughout: FusedBatchNorm has no float64 CPU kernel, so central differences with step 1e-2 and a 3 %
 * tolerance).
 */
class BackboneTest {
    private static final int H = 6;

    /** A graph with a backbone applied to fed node features x [nNodes, H]; loss = sum(v * R), R fixed. */
    private static final class Rig implements AutoCloseable {
        final Graph g = new Graph();
        final Params p = new Params(g, 11);
        final Ops tf = p.tf();
        final GraphInputs in = new GraphInputs(tf);
        final Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H)));
        final Placeholder<TFloat32> weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H)));
        final Backbone backbone;
        final Operand<TFloat32> general;
        final Operand<TFloat32> regular;
        final Operand<TFloat32> inferGeneral;
        final Operand<TFloat32> inferRegular;
        final Operand<TFloat32> loss;
        final Output<?>[] grads;
        final Session s;

        Rig(String kind) {
            ModelConfig mc = (kind.equals("cgcnn") ? ModelConfig.cgcnn() : ModelConfig.cartnetLite()).withWidths(H, 2, 8);
            backbone = Backbone.create(mc, p);
            general = backbone.apply(in, new EdgeLayout.General(tf, in), x, true);
            regular = backbone.apply(in, new EdgeLayout.Regular(tf, in), x, true);
            inferGeneral = backbone.apply(in, new EdgeLayout.General(tf, in), x, false);
            inferRegular = backbone.apply(in, new EdgeLayout.Regular(tf, in), x, false);
            loss = tf.sum(tf.math.mul(general, weights), tf.constant(new int[] {0, 1}));
            // CGCNN never reads the edge vectors: TensorFlow refuses a gradient for an unreachable input
            grads = g.addGradients(loss.asOutput(), backbone.usesVectors()
                    ? new Output<?>[] {x.asOutput(), in.distance.asOutput(), p.trainable().get(0).asOutput(),
                        in.vector.asOutput()}
                    : new Output<?>[] {x.asOutput(), in.distance.asOutput(), p.trainable().get(0).asOutput()});
            s = TfSessions.open(g, 1, 1);
            s.initialize();
        }

        List<float[]> run(GraphBatch b, float[] xv, float[] rv, Operand<?>... fetch) {
            try (GraphInputs.Feed f = in.feed(b, true);
                 TFloat32 xt = Tensors.floats(xv, b.numNodes(), H);
                 TFloat32 rt = Tensors.floats(rv, b.numNodes(), H)) {
                Session.Runner r = f.into(s.runner()).feed(x, xt).feed(weights, rt);
                for (Operand<?> o : fetch) {
                    r.fetch(o);
                }
                try (Result res = r.run()) {
                    List<float[]> out = new ArrayList<>();
                    for (int k = 0; k < fetch.length; k++) {
                        out.add(Tensors.toFloats(res.get(k)));
                    }
                    return out;
                }
            }
        }

        float lossWithWeightFed(GraphBatch b, float[] xv, float[] rv, float[] w0) {
            try (GraphInputs.Feed f = in.feed(b, true);
                 TFloat32 xt = Tensors.floats(xv, b.numNodes(), H);
                 TFloat32 rt = Tensors.floats(rv, b.numNodes(), H);
                 Tensor wt = Tensors.floats(w0, p.trainable().get(0).shape().asArray());
                 Result res = f.into(s.runner()).feed(x, xt).feed(weights, rt)
                         .feed(p.trainable().get(0).asOutput(), wt).fetch(loss).run()) {
                return Tensors.scalar(res.get(0));
            }
        }

        @Override
        public void close() {
            s.close();
            g.close();
        }
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) (2 * r.nextDouble() - 1);
        }
        return v;
    }

    private static GraphBatch crystals() {
        List<CrystalGraph> g = TinyGraphs.allKnn();
        return GraphBatch.pack(List.of(g.get(0), g.get(1), g.get(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgcnn", "cartnet-lite"})
    void shapesAndLayoutsAgree(String kind) {
        GraphBatch b = crystals();
        assertTrue(EdgeLayout.regularK(b) == 12, "test crystals are 12-regular");
        try (Rig rig = new Rig(kind)) {
            float[] xv = random(b.numNodes() * H, 1);
            float[] rv = random(b.numNodes() * H, 2);
            List<float[]> out = rig.run(b, xv, rv, rig.general, rig.regular, rig.inferGeneral, rig.inferRegular);
            assertEquals(b.numNodes() * H, out.get(0).length);
            assertArrayEquals(out.get(0), out.get(1), 1e-5f);
            assertArrayEquals(out.get(2), out.get(3), 1e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgcnn", "cartnet-lite"})
    void gradientsMatchFiniteDifferences(String kind) {
        GraphBatch b = crystals();
        try (Rig rig = new Rig(kind)) {
            float[] xv = random(b.numNodes() * H, 3);
            float[] rv = random(b.numNodes() * H, 4);
            List<float[]> an = rig.run(b, xv, rv, rig.grads);
            SplittableRandom pick = new SplittableRandom(5);
            float eps = 1e-2f;
            // node features
            for (int t = 0; t < 6; t++) {
                int k = pick.nextInt(xv.length);
                float[] plus = xv.clone();
                float[] minus = xv.clone();
                plus[k] += eps;
                minus[k] -= eps;
                double fd = (rig.run(b, plus, rv, rig.loss).get(0)[0] - rig.run(b, minus, rv, rig.loss).get(0)[0]) / (2 * eps);
                assertClose(an.get(0)[k], fd, "d loss / d x[" + k + "]");
            }
            // distances (through the Gaussian / radial basis and envelope)
            for (int t = 0; t < 4; t++) {
                int e = pick.nextInt(b.numEdges());
                double fd = (lossWithDistance(rig, b, xv, rv, e, eps) - lossWithDistance(rig, b, xv, rv, e, -eps)) / (2 * eps);
                assertClose(an.get(1)[e], fd, "d loss / d distance[" + e + "]");
            }
            // first layer's node weights, fed in place of the variable
            float[] w0 = rig.run(b, xv, rv, rig.p.trainable().get(0)).get(0);
            for (int t = 0; t < 4; t++) {
                int k = pick.nextInt(w0.length);
                float[] plus = w0.clone();
                float[] minus = w0.clone();
                plus[k] += eps;
                minus[k] -= eps;
                double fd = (rig.lossWithWeightFed(b, xv, rv, plus) - rig.lossWithWeightFed(b, xv, rv, minus)) / (2 * eps);
                assertClose(an.get(2)[k], fd, "d loss / d W[" + k + "]");
            }
            if (rig.backbone.usesVectors()) {
                for (int t = 0; t < 4; t++) {
                    int k = pick.nextInt(3 * b.numEdges());
                    double fd = (lossWithVector(rig, b, xv, rv, k, eps) - lossWithVector(rig, b, xv, rv, k, -eps)) / (2 * eps);
                    assertClose(an.get(3)[k], fd, "d loss / d vector[" + k + "]");
                }
            } else {
                assertEquals("cgcnn", kind);
            }
        }
    }

    private static float lossWithDistance(Rig rig, GraphBatch b, float[] xv, float[] rv, int e, float delta) {
        float[] d = b.distance().clone();
        d[e] += delta;
        GraphBatch moved = new GraphBatch(b.ids(), b.atomicNumbers(), b.nodeGraph(), b.source(), b.destination(), d,
                b.vector(), b.nodesPerGraph());
        return rig.run(moved, xv, rv, rig.loss).get(0)[0];
    }

    private static float lossWithVector(Rig rig, GraphBatch b, float[] xv, float[] rv, int k, float delta) {
        float[] v = b.vector().clone();
        v[k] += delta;
        GraphBatch moved = new GraphBatch(b.ids(), b.atomicNumbers(), b.nodeGraph(), b.source(), b.destination(),
                b.distance(), v, b.nodesPerGraph());
        return rig.run(moved, xv, rv, rig.loss).get(0)[0];
    }

    private static void assertClose(double analytic, double numeric, String what) {
        assertEquals(analytic, numeric, 0.03 * Math.max(Math.abs(analytic), 0.05), what);
    }
}
