package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.data.ProjectPaths;

/** Reading sweep configs: short names, objects, scales; the committed configs read and plan. */
class SweepConfigTest {
    @TempDir
    Path tmp;

    private SweepConfig read(String json) throws Exception {
        Path f = tmp.resolve("c" + Integer.toHexString(json.hashCode()) + ".json");
        Files.writeString(f, json);
        return SweepConfig.read(f);
    }

    private static final String BASE = "\"name\": \"t\", \"property\": \"y\", \"split\": \"s.json\", "
            + "\"epoch_rule\": {\"max_epochs\": 9, \"patience\": 3}";

    @Test
    void shortNamesExpandToSpecsPerSeedAndTable() throws Exception {
        SweepConfig c = read("{" + BASE + ", \"conditions\": [\"atomic-number\", \"random:frozen\", \"random:trainable\","
                + " \"shuffled\", \"unate:frozen\", \"unate:finetune\", \"cgcnn-92\", \"table:mat2vec\","
                + " {\"name\": \"unate-input:frozen\", \"fractions\": [0.25]},"
                + " {\"name\": \"mine\", \"features\": \"random:frozen:${seed}:${unate}\"}]}");
        assertEquals("atomic-number", c.condition("atomic-number").spec("U", "I", 3));
        assertEquals("random:frozen:3:norm:U", c.condition("random:frozen").spec("U", "I", 3));
        assertEquals("random:trainable:4:norm:U", c.condition("random:trainable").spec("U", "I", 4));
        assertEquals("shuffled:3:U", c.condition("shuffled").spec("U", "I", 3));
        assertEquals("unate:frozen:U", c.condition("unate:frozen").spec("U", "I", 3));
        assertEquals("unate:finetune:U", c.condition("unate:finetune").spec("U", "I", 3));
        assertEquals("table:cgcnn-92", c.condition("cgcnn-92").spec("U", "I", 3));
        assertEquals("table:mat2vec", c.condition("table:mat2vec").spec("U", "I", 3));
        assertEquals("unate:frozen:I", c.condition("unate-input:frozen").spec("U", "I", 3));
        assertEquals(List.of(0.25), c.condition("unate-input:frozen").fractions());
        assertEquals("random:frozen:7:U", c.condition("mine").spec("U", "I", 7));
        // defaults: the baseline, the controls present, the paper fractions and seeds
        assertEquals("atomic-number", c.baseline());
        assertEquals(List.of("random:frozen", "random:trainable", "shuffled"), c.controls());
        assertEquals(SweepConfig.PAPER_FRACTIONS, c.scale("paper").fractions());
        assertEquals(SweepConfig.PAPER_SEEDS, c.scale("paper").seeds());
        assertEquals(9, c.scale("paper").epochRule().maxEpochs());
        assertNull(c.scale("paper").subsample());
        assertEquals("error", c.scale("paper").missingElement());
    }

    @Test
    void scalesOverrideTheBuiltInsFieldByField() throws Exception {
        SweepConfig c = read("{" + BASE + ", \"conditions\": [\"atomic-number\"], \"fractions\": [0.5, 1.0],"
                + " \"scales\": {\"quick\": {\"seeds\": [7]}, \"ci\": {\"missing_element\": \"zero\"}}}");
        SweepConfig.Scale quick = c.scale("quick");
        assertEquals(List.of(7L), quick.seeds());
        assertEquals(List.of(0.25, 1.0), quick.fractions(), "built-in quick fractions");
        assertEquals(2000, quick.subsample().train());
        assertEquals("mean", quick.missingElement());
        assertEquals("zero", c.scale("ci").missingElement());
        assertEquals(96, c.scale("ci").subsample().train());
        assertEquals(List.of(0.5, 1.0), c.scale("paper").fractions(), "the config's own fractions are paper scale");
    }

    @Test
    void malformedConfigsAreRefusedNamingTheProblem() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{" + BASE + ", \"conditions\": [\"rnd\"]}"))
                .getMessage().contains("unknown condition 'rnd'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{" + BASE
                + ", \"conditions\": [\"atomic-number\", \"atomic-number\"]}")).getMessage().contains("listed twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{" + BASE
                + ", \"conditions\": [\"cgcnn-92\"]}")).getMessage().contains("baseline atomic-number is not one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{" + BASE
                + ", \"conditions\": [\"atomic-number\"], \"epochs\": 3}")).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{\"name\": \"t\", \"property\": \"y\","
                + " \"split\": \"s.json\", \"conditions\": [\"atomic-number\"]}")).getMessage().contains("epoch_rule"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{" + BASE
                + ", \"conditions\": [\"atomic-number\"], \"scales\": {\"huge\": {}}}")).getMessage()
                .contains("unknown scale 'huge'"));
    }

    /** The committed sweeps read, name their tables, and plan the runs the issue asks for. */
    @Test
    void theCommittedConfigsPlanTheIssuesSweeps() {
        Path dir = ProjectPaths.root().resolve("experiments");
        SweepConfig mbj = SweepConfig.read(dir.resolve("mbj-cgcnn.json"));
        assertEquals(List.of("atomic-number", "random:frozen", "random:trainable", "shuffled", "unate:frozen",
                "unate:finetune", "cgcnn-92", "unate-input:frozen"), mbj.conditionNames());
        assertEquals("results/pretrained/cgcnn-d128/embeddings.json", mbj.unate());
        var paper = mbj.scale("paper");
        assertEquals(75, Sweep.plan(mbj, paper, mbj.conditions(), "U", "I", tmp).size(),
                "7 conditions x 2 fractions x 5 seeds + the input table at 25 % x 5 seeds");
        assertEquals(45, Sweep.plan(mbj, mbj.scale("quick"), mbj.conditions(), "U", "I", tmp).size());
        SweepConfig eform = SweepConfig.read(dir.resolve("eform-cgcnn.json"));
        assertEquals(18, Sweep.plan(eform, eform.scale("paper"), eform.conditions(), "U", "I", tmp).size());
        assertNull(eform.scale("paper").subsample(), "the full training split");
        for (String probe : List.of("probe-catalogue-mbj.json", "probe-catalogue-eform.json")) {
            SweepConfig p = SweepConfig.read(dir.resolve(probe));
            assertEquals(SweepConfig.PROBE, p.backbone());
            assertEquals("drop", p.missingElement());
            assertTrue(p.conditionNames().containsAll(List.of("table:mat2vec", "table:crysatom", "shuffled")));
        }
    }

    @Test
    void theCommittedMbjSweepPlansItsRunsAndItsSweepJsonReadsBack() throws Exception {
        SweepConfig c = SweepConfig.read(ProjectPaths.root().resolve("experiments/mbj-cgcnn.json"));
        List<Sweep.Planned> paper = Sweep.planned(c, "paper");
        assertEquals(75, paper.size(), "7 conditions x 2 fractions x 5 seeds + unate-input:frozen at 25 % x 5");
        assertEquals(new Sweep.Planned("atomic-number", 0.25, 1), paper.get(0), "seeds, then fractions, then conditions");
        assertEquals(5, paper.stream().filter(p -> p.condition().equals("unate-input:frozen")).count());
        assertEquals(30, Sweep.planned(c, "ci").size(), "ci: 2 fractions x 2 seeds");
        assertThrows(IllegalArgumentException.class, () -> Sweep.planned(c, "huge"));

        assertTrue(Sweep.started(tmp).isEmpty(), "no sweep.json: nothing started");
        Files.writeString(tmp.resolve("sweep.json"), "{\"scale\": \"quick\", \"config\": " + c.toJson() + "}");
        Sweep.Started st = Sweep.started(tmp).orElseThrow();
        assertEquals("quick", st.scale());
        assertEquals(c.conditionNames(), st.config().conditionNames());
        Files.writeString(tmp.resolve("sweep.json"), "{\"config\": {}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweep.started(tmp));
        assertTrue(e.getMessage().contains("sweep.json") && e.getMessage().contains("\"scale\""), e.getMessage());
    }

    @Test
    void rootInAConditionsFeaturesIsTheProjectRoot() {
        SweepConfig.Condition c = new SweepConfig.Condition("u", "unate:frozen:${root}/results/t.json", null);
        java.nio.file.Path root = java.nio.file.Path.of("/srv/project/./x/..");
        assertEquals("unate:frozen:/srv/project/results/t.json", c.withRoot(root).features());
        SweepConfig.Condition plain = SweepConfig.Condition.of("unate:frozen");
        assertEquals(plain, plain.withRoot(root), "a condition without ${root} is left as it is");
    }
}
