package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistanceBasisTest {
    @Test
    void cgcnnGaussians() {
        GaussianBasis g = GaussianBasis.cgcnn();
        assertEquals(41, g.size());
        assertEquals(0.0, g.centre(0));
        assertEquals(8.0, g.centre(40), 1e-12);
        assertEquals(1.0, g.value(2.0, 10), 1e-12, "d at a centre");
        assertEquals(Math.exp(-1), g.value(2.2, 10), 1e-12, "one sigma away: exp(-1), not exp(-1/2)");
        float[] f = g.expand(new double[] {0.0, 3.1});
        assertEquals(2 * 41, f.length);
        assertEquals(1.0f, f[0]);
        assertEquals((float) Math.exp(-0.1 * 0.1 / 0.04), f[41 + 15], 1e-7f);
        assertEquals((float) Math.exp(-0.1 * 0.1 / 0.04), g.expand(new float[] {3.1f})[15], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> new GaussianBasis(0, 8, 0.3, 0.2));
    }

    @Test
    void expNormalBasis() {
        ExpNormalBasis b = ExpNormalBasis.of(5.0, 16);
        assertEquals(16, b.size());
        assertEquals(5.0, b.alpha() * 5.0, 1e-12, "alpha = 5 / cutoff");
        assertEquals(Math.exp(-5.0), b.centre(0), 1e-15);
        assertEquals(1.0, b.centre(15), 1e-15);
        double w = 2 * (1 - Math.exp(-5.0)) / 16;
        assertEquals(1 / (w * w), b.beta(), 1e-9);
        assertEquals(1.0, b.envelope(0.0), 0.0);
        assertEquals(0.5, b.envelope(2.5), 1e-15);
        assertEquals(0.0, b.envelope(5.0), 0.0);
        assertEquals(0.0, b.envelope(6.0), 0.0);
        // d = 0: exp(-alpha d) = 1 sits on the last centre
        assertEquals(1.0, b.value(0.0, 15), 1e-15);
        double d = 1.7;
        double x = Math.exp(-d) - b.centre(4);
        assertEquals(b.envelope(d) * Math.exp(-b.beta() * x * x), b.value(d, 4), 1e-15);
        float[] f = b.expand(new double[] {d, 7.0});
        assertEquals(32, f.length);
        assertEquals((float) b.value(d, 4), f[4]);
        for (int k = 0; k < 16; k++) {
            assertEquals(0.0f, f[16 + k], "beyond the cutoff");
        }
    }

    @Test
    void directionsAreUnitVectors() {
        CrystalGraph g = GraphBuilder.of(GraphConfig.radius(5.0)).build("t", Structures.skewed());
        float[] u = EdgeFeatures.directions(g);
        assertEquals(3 * g.numEdges(), u.length);
        for (int e = 0; e < g.numEdges(); e++) {
            double n = Math.sqrt(u[3 * e] * u[3 * e] + u[3 * e + 1] * u[3 * e + 1] + u[3 * e + 2] * u[3 * e + 2]);
            assertEquals(1.0, n, 1e-6);
            assertEquals(g.vector()[3 * e] / g.distance()[e], u[3 * e], 1e-6);
        }
        float[] ub = EdgeFeatures.directions(GraphBatch.pack(java.util.List.of(g)));
        for (int k = 0; k < u.length; k++) {
            assertEquals(u[k], ub[k], 1e-6f);
        }
    }
}
