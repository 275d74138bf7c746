package org.unate.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.unate.nn.Tensors;

/** The contrastive losses against the formulas evaluated by hand (in double) on a batch of 3 crystals. */
class PretrainLossesTest {
    static final int B = 3;
    static final int P = 4;

    static double[][] projections() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] z = new double[2 * B][P];
        for (double[] row : z) {
            for (int k = 0; k < P; k++) {
                row[k] = 2 * r.nextDouble() - 1;
            }
        }
        return z;
    }

    static float evaluate(java.util.function.Function<Ops, Operand<TFloat32>> f) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Operand<TFloat32> out = f.apply(Ops.create(g));
            try (Result r = s.runner().fetch(out).run()) {
                return Tensors.scalar(r.get(0));
            }
        }
    }

    static Operand<TFloat32> constant(Ops tf, double[][] z) {
        float[] flat = new float[z.length * z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < z[0].length; k++) {
                flat[i * z[0].length + k] = (float) z[i][k];
            }
        }
        return tf.constant(Shape.of(z.length, z[0].length), DataBuffers.of(flat, true, false));
    }

    @Test
    void ntXentMatchesTheFormula() {
        double[][] z = projections();
        double tau = 0.5;
        double[][] u = new double[2 * B][];
        for (int i = 0; i < 2 * B; i++) {
            double n = 0;
            for (double x : z[i]) {
                n += x * x;
            }
            u[i] = new double[P];
            for (int k = 0; k < P; k++) {
                u[i][k] = z[i][k] / Math.sqrt(n);
            }
        }
        double loss = 0;
        for (int a = 0; a < 2 * B; a++) {
            int p = (a + B) % (2 * B);
            double den = 0;
            for (int b = 0; b < 2 * B; b++) {
                if (b != a) {
                    den += Math.exp(dot(u[a], u[b]) / tau);
                }
            }
            loss += -Math.log(Math.exp(dot(u[a], u[p]) / tau) / den);
        }
        loss /= 2 * B;
        float tfLoss = evaluate(tf -> PretrainLosses.ntXent(tf, constant(tf, z),
                tf.constant(new int[] {0, 1, 2, 3, 4, 5}), tf.constant(new int[] {3, 4, 5, 0, 1, 2}), tau));
        assertEquals(loss, tfLoss, 1e-5 * Math.abs(loss));
    }

    @Test
    void barlowTwinsMatchesTheFormula() {
        double[][] z = projections();
        double lambda = 0.3;
        double[][] a = standardise(java.util.Arrays.copyOfRange(z, 0, B));
        double[][] b = standardise(java.util.Arrays.copyOfRange(z, B, 2 * B));
        double loss = 0;
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                double c = 0;
                for (int n = 0; n < B; n++) {
                    c += a[n][i] * b[n][j];
                }
                c /= B;
                loss += i == j ? (1 - c) * (1 - c) : lambda * c * c;
            }
        }
        final double expected = loss;
        float tfLoss = evaluate(tf -> PretrainLosses.barlowTwins(tf, constant(tf, z), P, lambda));
        assertEquals(expected, tfLoss, 1e-4 * Math.abs(expected));
    }

    @Test
    void weightedCrossEntropyMatchesTheFormula() {
        double[][] logits = {{1, 2, 0.5}, {0.1, -1, 3}, {2, 2, 2}};
        int[] y = {1, 2, 0};
        double[] w = {1, 0.25, 2};
        double num = 0;
        double den = 0;
        for (int n = 0; n < 3; n++) {
            double s = 0;
            for (double l : logits[n]) {
                s += Math.exp(l);
            }
            num += w[n] * -(logits[n][y[n]] - Math.log(s));
            den += w[n];
        }
        final double expected = num / den;
        float tfLoss = evaluate(tf -> PretrainLosses.weightedCrossEntropy(tf, constant(tf, logits),
                tf.constant(y), 3, tf.constant(new float[] {1f, 0.25f, 2f})));
        assertEquals(expected, tfLoss, 1e-5);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double[][] standardise(double[][] x) {
        int n = x.length;
        double[][] out = new double[n][P];
        for (int k = 0; k < P; k++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[k];
            }
            mean /= n;
            double var = 0;
            for (double[] row : x) {
                var += (row[k] - mean) * (row[k] - mean);
            }
            var /= n;
            for (int i = 0; i < n; i++) {
                out[i][k] = (x[i][k] - mean) / Math.sqrt(var + PretrainLosses.BARLOW_EPSILON);
            }
        }
        return out;
    }
}
