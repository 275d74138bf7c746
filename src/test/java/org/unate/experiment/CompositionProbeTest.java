package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.unate.eval.RegressionScores;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.MissingElements;

class CompositionProbeTest {
    static final int MAX_Z = 40;

    /** A hidden per-element property; labels are its atom-fraction-weighted mean. */
    static double hidden(int z) {
        return Math.sin(z / 4.0) + z / 20.0;
    }

    /** Binary A_m B_n crystals (m, n in 1..3) with label = weighted mean of hidden(Z); every 10th unlabelled. */
    static List<CrystalRecord> dataset(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<CrystalRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int za = 3 + rng.nextInt(MAX_Z - 2);
            int zb = 3 + rng.nextInt(MAX_Z - 2);
            int ma = 1 + rng.nextInt(3);
            int mb = 1 + rng.nextInt(3);
            List<Site> sites = new ArrayList<>();
            for (int k = 0; k < ma; k++) {
                sites.add(new Site(Element.ofZ(za), new double[] {k / 6.0, 0, 0}, null));
            }
            for (int k = 0; k < mb; k++) {
                sites.add(new Site(Element.ofZ(zb), new double[] {0.5 + k / 6.0, 0.5, 0.5}, null));
            }
            double y = (ma * hidden(za) + mb * hidden(zb)) / (ma + mb);
            Map<String, Double> labels = i % 10 == 9 ? Map.of() : Map.of("y", y);
            out.add(new CrystalRecord("c" + i, Structure.of(Lattice.cubic(5.0), sites), labels));
        }
        return out;
    }

    static AtomEmbeddings informative() {
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= MAX_Z; z++) {
            v.put(z, new float[] {(float) hidden(z), z / (float) MAX_Z});
        }
        return AtomEmbeddings.of(v, Map.of("name", "hidden"));
    }

    static final CompositionProbe.Config SMALL = CompositionProbe.Config.defaults().withTrees(20);

    @Test
    void aPlanRunsTheSameProbeAsTheLongCall() {
        List<CrystalRecord> data = dataset(200, 1);
        CompositionProbe.Result longCall = CompositionProbe.run(data, "y", informative(), "table:hidden", "synthetic",
                null, 1.0, 7, SMALL);
        CompositionProbe.Plan plan = CompositionProbe.on(data, "y").dataset("synthetic").seed(7).config(SMALL);
        CompositionProbe.Result viaPlan = plan.table(informative(), "table:hidden").run();
        assertEquals(longCall.record().metrics().mae(), viaPlan.record().metrics().mae(), 0.0);
        assertEquals(longCall.split(), viaPlan.split());
        assertEquals("table:hidden", viaPlan.record().features());
        assertTrue(viaPlan.toString().startsWith("Result[table:hidden -> y: test MAE "), viaPlan.toString());
        assertEquals("probe of table:hidden for y on 200 records of synthetic, seed 7, xgboost",
                plan.table(informative(), "table:hidden").toString());

        // a featurizer spec names the table; one without a table, or no table at all, is a clear error
        CompositionProbe.Result random = plan.features("random:frozen:0:2").run();
        assertEquals("random:frozen:0:2", random.record().features());
        IllegalArgumentException noTable = assertThrows(IllegalArgumentException.class,
                () -> plan.features("atomic-number"));
        assertTrue(noTable.getMessage().contains("'atomic-number'"), noTable.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class, plan::run);
        assertTrue(none.getMessage().contains(".features("), none.getMessage());
    }

    @Test
    void informativeTableBeatsTheMeanAndTheRecordIsComplete(@TempDir Path dir) {
        List<CrystalRecord> data = dataset(400, 1);
        CompositionProbe.Result r = CompositionProbe.run(data, "y", informative(), "table:hidden", "synthetic",
                null, 1.0, 7, SMALL);
        ResultRecord rec = r.record();
        assertEquals(40, r.unlabelled());
        assertEquals(0, r.unfeaturizable());
        assertNull(r.firstUnfeaturizable());
        assertEquals(List.of(288, 36, 36), List.of(rec.nTrain(), rec.nVal(), rec.nTest()));
        assertEquals(r.split().hash(), rec.splitHash());
        assertEquals(Split.ofLabelled(data, "y", 0.8, 0.1, 7), r.split());
        assertEquals(CompositionProbe.BACKBONE, rec.backbone());
        assertEquals("table:hidden", rec.features());
        assertEquals(RegressionScores.of(r.test()).mae(), rec.metrics().mae());
        assertEquals(RegressionScores.of(r.val()).mae(), rec.metrics().valMae());
        assertTrue(rec.metrics().get("mae_ci_low") <= rec.metrics().mae()
                && rec.metrics().mae() <= rec.metrics().get("mae_ci_high"));
        assertEquals(40, rec.extra().get("excluded_unlabelled"));
        assertEquals(20, rec.config().at("/probe/trees").asInt());

        double[] t = r.test().truth();
        double trainMean = r.split().train().stream()
                .mapToDouble(id -> data.get(Integer.parseInt(id.substring(1))).label("y").getAsDouble()).average()
                .orElseThrow();
        double meanMae = 0;
        for (double v : t) {
            meanMae += Math.abs(v - trainMean) / t.length;
        }
        assertTrue(rec.metrics().mae() < 0.5 * meanMae, rec.metrics().mae() + " vs predict-mean " + meanMae);

        ResultRecord back = ResultRecord.read(rec.writeTo(dir));
        assertEquals(rec, back);
    }

    @Test
    void bothLearnersBeatTheMeanAndNameThemselvesInTheRecord() {
        List<CrystalRecord> data = dataset(400, 1);
        for (CompositionProbe.Config c : List.of(SMALL, CompositionProbe.Config.forest().withTrees(20))) {
            CompositionProbe.Result r = CompositionProbe.run(data, "y", informative(), "table:hidden", "synthetic",
                    null, 1.0, 7, c);
            assertEquals(c.learner(), r.record().config().at("/probe/learner").asText());
            double[] t = r.test().truth();
            double mean = java.util.Arrays.stream(t).average().orElseThrow();
            double meanMae = java.util.Arrays.stream(t).map(v -> Math.abs(v - mean)).average().orElseThrow();
            assertTrue(r.record().metrics().mae() < 0.5 * meanMae, c.learner() + ": " + r.record().metrics().mae()
                    + " vs the test mean's " + meanMae);
        }
        assertEquals("xgboost", SMALL.learner());
        assertEquals("forest", CompositionProbe.Config.forest().learner());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CompositionProbe.Config(SMALL.stats(), 10, 6, 5f, 0.5f, 0.8, 0.1, 0, "svm"));
        assertTrue(e.getMessage().contains("svm"), e.getMessage());
    }

    @Test
    void sameSeedSameResultAndFractionsUseTheNestedSubset() {
        List<CrystalRecord> data = dataset(200, 2);
        AtomEmbeddings random = AtomEmbeddings.random(8, MAX_Z, 3);
        CompositionProbe.Result a = CompositionProbe.run(data, "y", random, "random:frozen", "s", null, 0.5, 4, SMALL);
        CompositionProbe.Result b = CompositionProbe.run(data, "y", random, "random:frozen", "s", null, 0.5, 4, SMALL);
        assertEquals(a.test(), b.test());
        assertEquals(a.record().metrics(), b.record().metrics());
        assertEquals(LabelFractions.size(a.split().train().size(), 0.5), a.record().nTrain());

        // a given split is used as is
        CompositionProbe.Result c = CompositionProbe.run(data, "y", random, "random:frozen", "s", a.split(), 1.0, 99,
                SMALL);
        assertEquals(a.split().hash(), c.record().splitHash());
        assertEquals(new HashSet<>(a.split().test()), new HashSet<>(c.test().ids()));
    }

    @Test
    void aTableLackingElementsIsRefusedUnlessAPolicyIsChosen() {
        List<CrystalRecord> data = dataset(200, 3);
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= 30; z++) {
            v.put(z, new float[] {(float) hidden(z)});
        }
        AtomEmbeddings partial = AtomEmbeddings.of(v, Map.of("name", "partial"));
        List<CrystalRecord> labelled = data.stream().filter(x -> x.label("y").isPresent()).toList();
        long expected = labelled.stream()
                .filter(x -> x.structure().composition().keySet().stream().anyMatch(e -> e.z() > 30)).count();
        assertTrue(expected > 0);

        // the default: a clear error naming the table, the elements and how many crystals hold them
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompositionProbe.run(data, "y", partial, "table:partial", "s", null, 1.0, 1, SMALL));
        assertTrue(e.getMessage().startsWith("embedding table 'partial' has no vector for "), e.getMessage());
        assertTrue(e.getMessage().contains(expected + " of " + labelled.size() + " crystals"), e.getMessage());

        // drop: the crystals leave the split, counted and recorded
        CompositionProbe.Result r = CompositionProbe.run(data, "y", partial, "table:partial", "s", null, 1.0, 1, SMALL,
                MissingElements.Policy.DROP);
        assertEquals(expected, r.unfeaturizable());
        assertTrue(r.firstUnfeaturizable().contains("no vector for"), r.firstUnfeaturizable());
        assertEquals(labelled.size() - expected, r.split().size());
        assertEquals(r.split().size(), r.record().nTrain() + r.record().nVal() + r.record().nTest());
        assertEquals(r.split().hash(), r.record().splitHash());
        Map<?, ?> info = (Map<?, ?>) r.record().extra().get("missing_element");
        assertEquals("drop", info.get("policy"));
        Map<?, ?> dropped = (Map<?, ?>) info.get("dropped");
        assertEquals(expected, ((Number) dropped.get("train")).longValue() + ((Number) dropped.get("val")).longValue()
                + ((Number) dropped.get("test")).longValue());

        // mean: every crystal stays, the record says how many use a filled row
        CompositionProbe.Result m = CompositionProbe.run(data, "y", partial, "table:partial", "s", null, 1.0, 1, SMALL,
                MissingElements.Policy.MEAN);
        assertEquals(0, m.unfeaturizable());
        assertEquals(labelled.size(), m.record().nTrain() + m.record().nVal() + m.record().nTest());
        Map<?, ?> filled = (Map<?, ?>) ((Map<?, ?>) m.record().extra().get("missing_element")).get("filled_crystals");
        assertEquals(expected, ((Number) filled.get("train")).longValue() + ((Number) filled.get("val")).longValue()
                + ((Number) filled.get("test")).longValue());
    }
}
