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

/** Predictions files: what {@link Predictions#writeCsv} writes reads back, and so does the reference's format. */
class PredictionsTest {
    @TempDir
    Path tmp;

    @Test
    void writtenPredictionsReadBackExactlyQuotedIdsIncluded() {
        Predictions p = Predictions.of(List.of("a", "b,1", "say \"x\""), new double[] {0.1, -2.5e-7, 3},
                new double[] {1.0 / 3, 7, -0.0});
        Path f = tmp.resolve("p.csv");
        p.writeCsv(f);
        assertEquals(p, Predictions.readCsv(f));
    }

    @Test
    void theReferencesColumnsReadToo() throws Exception {
        Path f = tmp.resolve("ref.csv");
        Files.writeString(f, "id,target,prediction\n18136,0.0,0.004313\n\n16136,2.904,4.002016\n");
        Predictions p = Predictions.readCsv(f);
        assertEquals(List.of("18136", "16136"), p.ids());
        assertArrayEquals(new double[] {0.0, 2.904}, p.truth(), 0.0);
        assertArrayEquals(new double[] {0.004313, 4.002016}, p.predicted(), 0.0);
    }

    @Test
    void aBadRowIsNamedByFileAndLine() throws Exception {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, "id,true,predicted\n1,0.5,0.25\n2,0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Predictions.readCsv(f));
        assertTrue(e.getMessage().contains("bad.csv:3: expected id,truth,prediction"), e.getMessage());
        Files.writeString(f, "id,true,predicted\n1,0.5,x\n");
        e = assertThrows(IllegalArgumentException.class, () -> Predictions.readCsv(f));
        assertTrue(e.getMessage().contains("bad.csv:2: truth and prediction must be numbers"), e.getMessage());
        Files.writeString(f, "id,true,predicted\n1,0.5,1\n1,0.5,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> Predictions.readCsv(f));
        assertTrue(e.getMessage().contains("bad.csv: id '1' occurs twice"), e.getMessage());
    }
}
