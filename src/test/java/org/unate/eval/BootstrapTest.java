package org.unate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void equalErrorsGiveAPointInterval() {
        Predictions p = Predictions.of(List.of("a", "b", "c"), new double[] {1, 2, 3}, new double[] {1.5, 1.5, 3.5});
        Bootstrap b = Bootstrap.mae(p, 200, 0.95, 1);
        assertEquals(0.5, b.mae(), 1e-12);
        assertEquals(0.5, b.low(), 1e-12);
        assertEquals(0.5, b.high(), 1e-12);
    }

    @Test
    void intervalContainsTheMaeAndIsSeeded() {
        SplittableRandom rng = new SplittableRandom(5);
        List<String> ids = new ArrayList<>();
        double[] t = new double[400];
        double[] y = new double[400];
        for (int i = 0; i < t.length; i++) {
            ids.add("r" + i);
            t[i] = rng.nextDouble();
            y[i] = t[i] + rng.nextDouble() - 0.5;
        }
        Predictions p = Predictions.of(ids, t, y);
        Bootstrap b = Bootstrap.mae(p, 500, 0.95, 11);
        assertTrue(b.low() < b.mae() && b.mae() < b.high(), b.toString());
        // errors ~ U(0, 0.5): sd 0.144, standard error of the MAE ~ 0.0072, 95 % half-width ~ 0.014
        assertTrue(b.high() - b.low() > 0.01 && b.high() - b.low() < 0.04, b.toString());
        assertEquals(b, Bootstrap.mae(p, 500, 0.95, 11));
        assertNotEquals(b.low(), Bootstrap.mae(p, 500, 0.95, 12).low());
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] s = {0, 10, 20, 30, 40};
        assertEquals(0, Bootstrap.quantile(s, 0));
        assertEquals(40, Bootstrap.quantile(s, 1));
        assertEquals(25, Bootstrap.quantile(s, 0.625));
    }
}
