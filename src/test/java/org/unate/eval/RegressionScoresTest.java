package org.unate.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

class RegressionScoresTest {
    // truth 1, 2, 3, 4; predicted 1.5, 2, 2, 5: errors 0.5, 0, -1, 1
    final Predictions tiny = Predictions.of(List.of("a", "b", "c", "d"), new double[] {1, 2, 3, 4},
            new double[] {1.5, 2, 2, 5});

    @Test
    void metricsMatchHandComputedValues() {
        RegressionScores s = RegressionScores.of(tiny);
        assertEquals(4, s.n());
        assertEquals(2.5 / 4, s.mae(), 1e-12);                // (0.5 + 0 + 1 + 1) / 4
        assertEquals(Math.sqrt(2.25 / 4), s.rmse(), 1e-12);   // sqrt((0.25 + 0 + 1 + 1) / 4) = 0.75
        assertEquals(1 - 2.25 / 5.0, s.r2(), 1e-12);          // SS_tot about mean 2.5 = 5
    }

    @Test
    void perfectPredictionsScoreZeroErrorAndR2One() {
        RegressionScores s = RegressionScores.of(Predictions.of(List.of("x", "y"), new double[] {-1, 3},
                new double[] {-1, 3}));
        assertEquals(0.0, s.mae());
        assertEquals(0.0, s.rmse());
        assertEquals(1.0, s.r2(), 1e-12);
    }

    @Test
    void tribuoPredictionsRoundTrip() {
        List<Prediction<Regressor>> t = tiny.toTribuo();
        assertEquals(4, t.size());
        assertEquals(3.0, t.get(2).getExample().getOutput().getValues()[0]);
        assertEquals(2.0, t.get(2).getOutput().getValues()[0]);
        Predictions back = Predictions.fromTribuo(tiny.ids(), t);
        assertEquals(tiny, back);
        assertEquals(RegressionScores.of(tiny), RegressionScores.ofTribuo(t));
    }

    @Test
    void malformedPredictionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Predictions.of(List.of("a", "b"), new double[] {1}, new double[] {1, 2}));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> Predictions.of(List.of("a", "a"), new double[] {1, 2}, new double[] {1, 2}));
        assertTrue(dup.getMessage().contains("'a'"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Predictions.of(List.of("a", "b"), new double[] {1, 2}, new double[] {1, Double.NaN}));
        assertTrue(nan.getMessage().contains("'b'"));
        assertThrows(IllegalArgumentException.class,
                () -> RegressionScores.of(Predictions.of(List.of(), new double[0], new double[0])));
    }

    @Test
    void csvHasHeaderAndOneLinePerCrystal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("test-predictions.csv");
        tiny.writeCsv(f);
        assertEquals(List.of("id,true,predicted", "a,1.0,1.5", "b,2.0,2.0", "c,3.0,2.0", "d,4.0,5.0"),
                Files.readAllLines(f));
        assertArrayEquals(new double[] {0.5, 0, 1, 1}, tiny.absoluteErrors());
    }
}
