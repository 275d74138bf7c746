package org.unate.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphConfig;
import org.unate.property.TrainedModel;
import org.unate.testing.UnateCli;

/** {@code unate diagnose batchnorm-gap}: inference against batch-statistics predictions in seeded batches. */
class BatchNormGapTest {
    private static final BatchNormGap.Config SMALL = new BatchNormGap.Config(3, 5, 11);

    @Test
    void eachBatchIsDrawnFromTheSeedAndHoldsTheCrystalLast() {
        TinyRun run = TinyRun.get();
        DatasetGraphs data = run.dataset();
        List<CrystalGraph> pool = data.trainingGraphs(run.split, GraphConfig.cgcnn());
        CrystalGraph g = data.graphs(GraphConfig.cgcnn()).get(run.split.test().get(0));
        try (TrainedModel m = TrainedModel.load(run.model)) {
            BatchNormGap.Gap gap = BatchNormGap.measure(m, List.of(g), pool, SMALL, new Random(11)).get(0);
            assertEquals(m.predict(List.of(g))[0], gap.inference(), 0.0);
            Random rnd = new Random(11);
            double[] expected = new double[3];
            for (int r = 0; r < 3; r++) {
                List<CrystalGraph> batch = new ArrayList<>();
                for (int q = 0; q < 4; q++) {
                    batch.add(pool.get(rnd.nextInt(pool.size())));
                }
                batch.add(g);
                expected[r] = m.predictWithBatchStatistics(batch)[4];
            }
            assertArrayEquals(expected, gap.batchStatistics(), 0.0);
            assertNotEquals(gap.batchStatistics()[0], gap.batchStatistics()[1], "other company, other statistics");
            double[] again = BatchNormGap.measure(m, List.of(g), pool, SMALL, new Random(11)).get(0).batchStatistics();
            assertArrayEquals(gap.batchStatistics(), again, 0.0);
            double[] otherSeed = BatchNormGap.measure(m, List.of(g), pool, SMALL, new Random(12)).get(0).batchStatistics();
            assertFalse(java.util.Arrays.equals(gap.batchStatistics(), otherSeed));
        }
    }

    @Test
    void theCommandPrintsOneLinePerCrystalForEachModel() {
        TinyRun run = TinyRun.get();
        List<String> ids = List.of(run.split.test().get(0), run.split.train().get(1));
        UnateCli.Result cli = UnateCli.run("diagnose", "batchnorm-gap", "--data", run.data.toString(), "--no-graph-cache",
                "--split", run.splitFile.toString(), "--ids", ids.get(0) + ",nope," + ids.get(1), "--batches", "3",
                "--batch", "5", "--seed", "11", run.model.toString(), run.model.toString());
        assertEquals(0, cli.code(), cli.err());

        // the same draws in the same order: one generator for every model and crystal
        DatasetGraphs data = run.dataset();
        Map<String, CrystalGraph> byId = data.graphs(GraphConfig.cgcnn());
        List<CrystalGraph> pool = data.trainingGraphs(run.split, GraphConfig.cgcnn());
        List<String> expected = new ArrayList<>();
        Random rnd = new Random(11);
        try (TrainedModel m = TrainedModel.load(run.model)) {
            for (int model = 0; model < 2; model++) {
                expected.add(run.model.toString());
                for (String id : List.of(ids.get(0), "nope", ids.get(1))) {
                    if (id.equals("nope")) {
                        expected.add("  nope: no graph (not in the dataset, or a site without neighbours)");
                        continue;
                    }
                    BatchNormGap.Gap gap = BatchNormGap.measure(m, List.of(byId.get(id)), pool, SMALL, rnd).get(0);
                    var st = gap.summary();
                    expected.add(String.format(Locale.ROOT, "  %s inference %.2f  batch-stats mean %.2f min %.2f max %.2f",
                            id, gap.inference(), st.getAverage(), st.getMin(), st.getMax()));
                }
            }
        }
        assertEquals(expected, cli.out().lines().toList());
    }
}
