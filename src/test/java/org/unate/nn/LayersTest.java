package org.unate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class LayersTest {
    private static float[] run(Session s, Operand<TFloat32> out, Placeholder<TFloat32> x, TFloat32 value) {
        try (Result r = s.runner().feed(x, value).fetch(out).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    @Test
    void denseShapesAndValues() {
        try (Graph g = new Graph()) {
            Params p = new Params(g, 7);
            Ops tf = p.tf();
            Dense d = new Dense(p, "d", 3, 5, Init.Kind.GLOROT_UNIFORM);
            var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            Operand<TFloat32> y = d.apply(x);
            assertArrayEquals(new long[] {-1, 5}, y.shape().asArray());
            try (Session s = TfSessions.open(g, 1, 1)) {
                s.initialize();
                float[] w;
                try (Result r = s.runner().fetch(d.weight()).run()) {
                    w = Tensors.toFloats(r.get(0));
                }
                double limit = Math.sqrt(6.0 / 8);
                for (float v : w) {
                    assertTrue(Math.abs(v) <= limit);
                }
                try (TFloat32 in = Tensors.floats(new float[] {1, 0, 0, 0, 2, -1}, 2, 3)) {
                    float[] out = run(s, y, x, in);
                    assertEquals(10, out.length);
                    for (int c = 0; c < 5; c++) {
                        assertEquals(w[c], out[c], 1e-6); // row 1 of x picks row 1 of W, bias 0
                        assertEquals(2 * w[5 + c] - w[10 + c], out[5 + c], 1e-6);
                    }
                }
            }
        }
        // same seed and name -> same weights; other seed -> other weights
        assertArrayEquals(Init.weights(Init.Kind.HE_NORMAL, 4, 4, Seeds.derive(1, "a")),
                Init.weights(Init.Kind.HE_NORMAL, 4, 4, Seeds.derive(1, "a")));
        assertNotEquals(Seeds.derive(1, "a"), Seeds.derive(2, "a"));
        assertNotEquals(Seeds.derive(1, "a"), Seeds.derive(1, "b"));
    }

    @Test
    void torchLinearInitialisationMatchesPyTorchsBoundsAndHasABias() {
        int fanIn = 169;
        int fanOut = 128;
        double bound = 1 / Math.sqrt(fanIn);
        float[] w = Init.weights(Init.Kind.TORCH_LINEAR, fanIn, fanOut, 5);
        float[] b = Init.bias(Init.Kind.TORCH_LINEAR, fanIn, fanOut, 6);
        assertEquals(fanIn * fanOut, w.length);
        assertEquals(fanOut, b.length);
        double maxW = 0;
        for (float x : w) {
            maxW = Math.max(maxW, Math.abs(x));
        }
        double maxB = 0;
        for (float x : b) {
            maxB = Math.max(maxB, Math.abs(x));
        }
        // every value inside the bound, and the draws reach close to it (21,632 and 128 uniform draws)
        assertTrue(maxW <= bound && maxW > 0.99 * bound, "weights bound " + maxW);
        assertTrue(maxB <= bound && maxB > 0.9 * bound, "bias bound " + maxB);
        // the other kinds keep zero biases
        assertArrayEquals(new float[fanOut], Init.bias(Init.Kind.GLOROT_UNIFORM, fanIn, fanOut, 6));
        assertEquals(Init.Kind.TORCH_LINEAR, Init.ofName("torch"));
        assertEquals(Init.Kind.GLOROT_UNIFORM, Init.ofName("glorot"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.ofName("xavier"));
        assertTrue(e.getMessage().contains("xavier") && e.getMessage().contains("glorot or torch"), e.getMessage());
    }

    @Test
    void batchNormTrainingInferenceAndMovingAverages() {
        try (Graph g = new Graph()) {
            Params p = new Params(g, 0);
            Ops tf = p.tf();
            BatchNorm bn = new BatchNorm(p, "bn", 2, 0.5f, 1e-5f);
            var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            Operand<TFloat32> train = bn.apply(x, true);
            Operand<TFloat32> infer = bn.apply(x, false);
            List<Operand<TFloat32>> affine = bn.inferenceAffine();
            assertEquals(2, p.updates().size());
            assertEquals(4, p.trainable().size() + p.nonTrainable().size());
            try (Session s = TfSessions.open(g, 1, 1);
                 TFloat32 in = Tensors.floats(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 4, 2)) {
                s.initialize();
                // inference before any update: moving mean 0, variance 1 -> identity up to epsilon
                float[] y0 = run(s, infer, x, in);
                assertEquals(40f / (float) Math.sqrt(1 + 1e-5), y0[7], 1e-4);
                // training: per-channel zero mean, unit (biased) variance
                Session.Runner r = s.runner().feed(x, in).fetch(train);
                p.updates().forEach(r::addTarget);
                float[] yt;
                try (Result res = r.run()) {
                    yt = Tensors.toFloats(res.get(0));
                }
                double m0 = (yt[0] + yt[2] + yt[4] + yt[6]) / 4;
                double v0 = (yt[0] * yt[0] + yt[2] * yt[2] + yt[4] * yt[4] + yt[6] * yt[6]) / 4 - m0 * m0;
                assertEquals(0, m0, 1e-5);
                assertEquals(1, v0, 1e-3);
                // moving stats: 0.5 * old + 0.5 * batch (unbiased variance: 5/3 and 500/3)
                List<org.tensorflow.op.core.Variable<TFloat32>> mv = bn.movingStatistics();
                try (Result res = s.runner().fetch(mv.get(0)).fetch(mv.get(1)).run()) {
                    assertArrayEquals(new float[] {1.25f, 12.5f}, Tensors.toFloats(res.get(0)), 1e-5f);
                    assertArrayEquals(new float[] {0.5f + 5f / 6, 0.5f + 500f / 6}, Tensors.toFloats(res.get(1)), 1e-3f);
                }
                // inference uses the moving statistics, and equals the folded affine map
                float[] yi = run(s, infer, x, in);
                assertEquals((1 - 1.25) / Math.sqrt(0.5 + 5.0 / 6 + 1e-5), yi[0], 1e-5);
                try (Result res = s.runner().fetch(affine.get(0)).fetch(affine.get(1)).run()) {
                    float[] a = Tensors.toFloats(res.get(0));
                    float[] c = Tensors.toFloats(res.get(1));
                    float[] raw = {1, 10, 2, 20, 3, 30, 4, 40};
                    for (int k = 0; k < 8; k++) {
                        assertEquals(a[k % 2] * raw[k] + c[k % 2], yi[k], 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void embeddingLooksUpRows() {
        try (Graph g = new Graph()) {
            Params p = new Params(g, 3);
            Ops tf = p.tf();
            Embedding e = new Embedding(p, "emb", 5, 4);
            var idx = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> out = e.apply(idx);
            try (Session s = TfSessions.open(g, 1, 1); TInt32 i = Tensors.ints(new int[] {4, 0, 4}, 3)) {
                s.initialize();
                float[] table;
                float[] rows;
                try (Result r = s.runner().feed(idx, i).fetch(e.table()).fetch(out).run()) {
                    table = Tensors.toFloats(r.get(0));
                    rows = Tensors.toFloats(r.get(1));
                    assertArrayEquals(new long[] {3, 4}, r.get(1).shape().asArray());
                }
                for (int c = 0; c < 4; c++) {
                    assertEquals(table[16 + c], rows[c]);
                    assertEquals(table[c], rows[4 + c]);
                    assertEquals(table[16 + c], rows[8 + c]);
                }
            }
        }
    }

    @Test
    void lossesActivationsAndSchedule() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> p = tf.constant(new float[] {1, 2, 4});
            Operand<TFloat32> y = tf.constant(new float[] {0, 2, 1});
            float[] xs = {-120f, -30f, -3f, -1e-3f, 0f, 1e-3f, 0.5f, 3f, 30f, 120f};
            Operand<TFloat32> x = tf.constant(xs);
            try (Result r = s.runner().fetch(Losses.l1(tf, p, y)).fetch(Losses.mse(tf, p, y))
                    .fetch(Activations.softplusFast(tf, x)).fetch(tf.math.softplus(x)).run()) {
                assertEquals(4f / 3, Tensors.scalar(r.get(0)), 1e-6);
                assertEquals(10f / 3, Tensors.scalar(r.get(1)), 1e-6);
                float[] fast = Tensors.toFloats(r.get(2));
                float[] ref = Tensors.toFloats(r.get(3));
                for (int k = 0; k < xs.length; k++) {
                    double exact = Math.max(xs[k], 0) + Math.log1p(Math.exp(-Math.abs(xs[k])));
                    assertEquals(exact, fast[k], 2e-6 + 1e-7 * Math.abs(exact), "softplusFast(" + xs[k] + ")");
                    assertEquals(ref[k], fast[k], 4e-6 + 1e-7 * Math.abs(exact));
                }
            }
        }
        assertEquals(Losses.Kind.L1, Losses.Kind.parse("L1"));
        assertThrows(IllegalArgumentException.class, () -> Losses.Kind.parse("huber"));
        CosineSchedule c = new CosineSchedule(1e-3, 1e-5);
        assertEquals(1e-3, c.at(0), 1e-15);
        assertEquals(1e-5, c.at(1), 1e-15);
        assertEquals(0.5 * (1e-3 + 1e-5), c.at(0.5), 1e-15);
        assertEquals(1e-5, c.at(7), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1e-5, 1e-3));
    }

    @Test
    void duplicateVariableNamesAreRejected() {
        try (Graph g = new Graph()) {
            Params p = new Params(g, 0);
            new Dense(p, "x", 2, 2, Init.Kind.HE_NORMAL);
            assertThrows(IllegalArgumentException.class, () -> new Dense(p, "x", 2, 2, Init.Kind.HE_NORMAL));
        }
    }
}
