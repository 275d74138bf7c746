package org.unate.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class ScheduledAdamTest {
    /** loss = sum (w - target)^2 with w starting at 0. */
    private record Problem(Graph g, Params p, Variable<TFloat32> w, Operand<TFloat32> loss, Op step, ScheduledAdam adam) {
    }

    private static Problem problem() {
        Graph g = new Graph();
        Params p = new Params(g, 0);
        Ops tf = p.tf();
        Variable<TFloat32> w = p.variable("w", Shape.of(2), new float[] {0, 0}, true);
        Operand<TFloat32> loss = tf.sum(tf.math.squaredDifference(w, tf.constant(new float[] {3, -2})), tf.constant(0));
        ScheduledAdam adam = new ScheduledAdam(g);
        Op step = adam.minimize(loss, p.trainable(), "step");
        return new Problem(g, p, w, loss, step, adam);
    }

    private static float[] step(Session s, Problem pr, float lr) {
        try (TFloat32 t = TFloat32.scalarOf(lr)) {
            s.runner().feed(pr.adam().learningRate(), t).addTarget(pr.step()).run();
        }
        try (Result r = s.runner().fetch(pr.w()).run()) {
            return Tensors.toFloats(r.get(0));
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRate() {
        Problem pr = problem();
        try (Session s = TfSessions.open(pr.g(), 1, 1)) {
            s.initialize();
            // Adam's first step: m_hat / sqrt(v_hat) = sign(grad), so each weight moves by lr towards its target
            assertArrayEquals(new float[] {0.1f, -0.1f}, step(s, pr, 0.1f), 1e-6f);
            // a learning rate of zero changes nothing: the placeholder is really used
            assertArrayEquals(new float[] {0.1f, -0.1f}, step(s, pr, 0f), 1e-7f);
            float[] w = null;
            for (int k = 0; k < 300; k++) {
                w = step(s, pr, 0.1f);
            }
            assertEquals(3f, w[0], 0.05f);
            assertEquals(-2f, w[1], 0.05f);
        } finally {
            pr.g().close();
        }
    }

    @Test
    void checkpointAndSavedModelRoundTrip(@TempDir Path dir) throws Exception {
        Problem pr = problem();
        float[] trained;
        try (Session s = TfSessions.open(pr.g(), 1, 1)) {
            s.initialize();
            for (int k = 0; k < 5; k++) {
                trained = step(s, pr, 0.1f);
            }
            trained = step(s, pr, 0.1f);
            TfSessions.saveCheckpoint(s, dir.resolve("ckpt"), "c");
            Signature sig = Signature.builder().key(Signature.DEFAULT_KEY).output("w", pr.w()).build();
            TfSessions.exportSavedModel(s, dir.resolve("sm"), sig);
            step(s, pr, 0.1f); // move on, then restore
            TfSessions.restoreCheckpoint(s, dir.resolve("ckpt"), "c");
            try (Result r = s.runner().fetch(pr.w()).run()) {
                assertArrayEquals(trained, Tensors.toFloats(r.get(0)));
            }
        } finally {
            pr.g().close();
        }
        assertTrue(Files.exists(dir.resolve("ckpt").resolve("c.index")));
        try (SavedModelBundle b = TfSessions.loadSavedModel(dir.resolve("sm"), 1, 1);
             Result r = b.call(java.util.Map.of())) {
            assertArrayEquals(trained, Tensors.toFloats(r.get("w").orElseThrow()));
        }
        // a fresh graph of the same construction restores the same values
        Problem again = problem();
        try (Session s = TfSessions.open(again.g(), 1, 1)) {
            s.initialize();
            TfSessions.restoreCheckpoint(s, dir.resolve("ckpt"), "c");
            try (Result r = s.runner().fetch(again.w()).run()) {
                assertArrayEquals(trained, Tensors.toFloats(r.get(0)));
            }
        } finally {
            again.g().close();
        }
    }

    @Test
    void threadSettingsAreExplicit() {
        var c = TfSessions.config(2, 1);
        assertEquals(2, c.getIntraOpParallelismThreads());
        assertEquals(1, c.getInterOpParallelismThreads());
        assertTrue(c.getUsePerSessionThreads());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TfSessions.config(0, 1));
    }
}
