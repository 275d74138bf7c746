package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unate.crystal.CrystalRecord;
import org.unate.eval.Bootstrap;
import org.unate.eval.Predictions;
import org.unate.eval.RegressionScores;
import org.unate.graph.BuildReport;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.graph.GraphSet;
import org.unate.model.EpochRecord;
import org.unate.model.TrainingHistory;
import org.unate.testing.TinyGraphs;

/** Values a notebook cell ends on print as one readable line, not as array addresses or whole id lists. */
class ReadableValuesTest {

    @Test
    void graphsSayIdFormulaNodesEdgesAndEdgeLengths() {
        CrystalGraph fe = GraphBuilder.of(GraphConfig.cgcnn()).build("JVASP-882", TinyGraphs.bccFe());
        // 8 nearest at a*sqrt(3)/2 = 2.4855 A, then 4 of the 6 at a = 2.87 A
        assertEquals("CrystalGraph[JVASP-882 Fe2: 2 nodes, 24 edges of 2.49 to 2.87 Å]", fe.toString());
        CrystalGraph cscl = GraphBuilder.of(GraphConfig.radius(4.0)).build("cscl", TinyGraphs.cscl());
        assertEquals("CrystalGraph[cscl ClCs: 2 nodes, 16 edges of 3.57 to 3.57 Å]", cscl.toString());
        assertEquals(TinyGraphs.cscl().formula(), cscl.formula());

        GraphSet set = new GraphSet(List.of(fe, cscl), new BuildReport(3, 2,
                List.of(new BuildReport.Skipped(2, "lonely", "site 0 has no neighbour within 4 A"))));
        assertEquals("GraphSet[2 graphs, 4 nodes, 40 edges; 2 of 3 graphs built, 1 skipped]", set.toString());
        assertEquals("BuildReport[2 of 3 graphs built, 1 skipped: lonely]", set.report().toString());
    }

    @Test
    void recordsHistoriesAndScoresAreOneLine() {
        CrystalRecord r = new CrystalRecord("0", TinyGraphs.cscl(), Map.of("mbj_bandgap", 1.25, "e_form", -0.5));
        assertEquals("CrystalRecord[0 ClCs, 2 sites: e_form -0.5000, mbj_bandgap 1.2500]", r.toString());

        TrainingHistory h = new TrainingHistory(List.of(new EpochRecord(1, 2.0, 1e-3, 0.9, 0.8, 0.7, 0.7),
                new EpochRecord(2, 4.0, 5e-4, 0.6, 0.5, 0.75, 0.7)), 1, "epoch cap");
        assertEquals("TrainingHistory[2 epochs (epoch cap), best epoch 1, val MAE 0.7000]", h.toString());
        assertEquals("EpochRecord[epoch 2: train loss 0.6000, train MAE 0.5000, val MAE 0.7500 (best 0.7000),"
                + " lr 5.00e-04, 4.0 s]", h.epochs().get(1).toString());
        assertEquals(0.75, h.valMae()[1]);

        Predictions p = Predictions.of(List.of("a", "b", "c", "d"), new double[] {0, 1, 2, 3},
                new double[] {0.5, 1, 2, 2});
        assertEquals("RegressionScores[n 4: MAE 0.3750, RMSE 0.5590, R2 0.7500]", RegressionScores.of(p).toString());
        String b = Bootstrap.mae(p, 100, 0.95, 0).toString();
        assertTrue(b.startsWith("Bootstrap[MAE 0.3750, 95 % interval ") && b.endsWith("(100 resamples, seed 0)]"), b);

        ResultRecord.Metrics m = ResultRecord.Metrics.of(RegressionScores.of(p), 0.5, Map.of("mae_ci_low", 0.1));
        assertEquals("Metrics[MAE 0.3750, RMSE 0.5590, R2 0.7500, val MAE 0.5000, mae_ci_low 0.1000]", m.toString());
        Split s = Split.random(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 0.8, 0.1, 0);
        assertEquals("Split(train 8, val 1, test 1, hash " + s.hash() + ")", s.toString());
    }
}
