package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.unate.model.TrainingListener;
import org.junit.jupiter.api.Test;
import org.unate.eval.Predictions;
import org.unate.eval.RegressionScores;
import org.junit.jupiter.api.io.TempDir;

/** A whole sweep on tiny data: pairing, nested fractions, records, skipping, refusals, missing elements. */
class SweepTest {
    @TempDir
    Path tmp;

    @Test
    void runsArePairedAcrossConditionsAndFractionsAreNested() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 30);
        String conditions = "[\"random:frozen\", \"shuffled\"]";
        SweepConfig c = fx.config(conditions, "\"baseline\": \"random:frozen\"");
        Path out = tmp.resolve("out");
        Sweep.Result r = Sweep.run(c, "paper", out, fx.options());
        assertEquals(8, r.runs().size(), "2 conditions x 2 fractions x 2 seeds");
        assertEquals(8, r.done().size(), fx.log());
        assertTrue(r.failed().isEmpty(), r.failed().toString());

        ResultStore store = Sweep.records(out);
        assertEquals(8, store.size());
        assertEquals(List.of("random:frozen", "shuffled"), store.conditionNames());
        Split split = Split.read(out.resolve("split.json"));
        Map<String, String> trainIds = new HashMap<>();
        for (ResultRecord rec : store.records()) {
            assertEquals(split.hash(), rec.splitHash(), "one split for every run");
            assertEquals("paper", rec.extra().get("scale"));
            assertEquals("tiny", rec.extra().get("sweep"));
            // the nested label subset of the seed: the same for every condition
            List<String> subset = LabelFractions.subset(split.train(), rec.fraction(), rec.seed());
            assertEquals(PropertyRun.idsDigest(subset), rec.extra().get("train_ids_sha256"), rec.defaultFileName());
            String key = rec.fraction() + "/" + rec.seed();
            String prev = trainIds.putIfAbsent(key, (String) rec.extra().get("train_ids_sha256"));
            assertTrue(prev == null || prev.equals(rec.extra().get("train_ids_sha256")));
            assertTrue(Files.isRegularFile(out.resolve("records").resolve(rec.history())), rec.history());
            // the test predictions travel with the record: one row per test crystal, the record's MAE from them
            Predictions pred = Predictions.readCsv(
                    out.resolve("records").resolve((String) rec.extra().get("test_predictions")));
            assertEquals(rec.nTest(), pred.size(), rec.defaultFileName());
            assertEquals(rec.metrics().mae(), RegressionScores.of(pred).mae(), 1e-9);
        }
        assertNotEquals(trainIds.get("0.5/1"), trainIds.get("0.5/2"), "another seed, another subset");
        assertTrue(new HashSet<>(split.train()).containsAll(LabelFractions.subset(split.train(), 0.5, 1)));
        assertTrue(new HashSet<>(LabelFractions.subset(split.train(), 1.0, 1))
                .containsAll(LabelFractions.subset(split.train(), 0.5, 1)), "0.5 inside 1.0");
        // the random control is matched to the UNATE table: its spec names the seed and the table
        ResultRecord random = store.cell("random:frozen", 1.0).get(1);
        assertEquals("random:frozen:2:norm:" + fx.unate, random.features());
        assertEquals(Boolean.FALSE, ((Map<?, ?>) random.extra().get("unate_table")).get("stand_in"));
        // what each record says of its node table: kind, trainable, width; the report pairs tables by width with it
        int unateWidth = org.unate.embedding.AtomEmbeddings.load(fx.unate).dim();
        Map<?, ?> table = (Map<?, ?>) random.extra().get("node_table");
        assertEquals("random", table.get("kind"));
        assertEquals(Boolean.FALSE, table.get("trainable"));
        assertEquals(unateWidth, table.get("width"));
        assertEquals("shuffled", ((Map<?, ?>) store.cell("shuffled", 1.0).get(0).extra().get("node_table")).get("kind"));
        assertEquals(java.util.OptionalInt.of(unateWidth), store.width("shuffled"));
        assertTrue(store.frozenRandom("random:frozen"));
        assertTrue(!store.frozenRandom("shuffled"));
        // pairs: every condition has a partner for each seed
        ResultStore.Pairs p = store.pairs("shuffled", "random:frozen", 0.5, "mae");
        assertEquals(2, p.n());
        assertEquals(0, p.unmatchedA() + p.unmatchedB());
        assertTrue(fx.log().contains("ETA"), fx.log());

        // a second start redoes nothing and leaves the records as they were
        Path rec = out.resolve("records/shuffled__f0.5__s1.json");
        byte[] before = Files.readAllBytes(rec);
        Sweep.Result again = Sweep.run(c, "paper", out, fx.options());
        assertEquals(8, again.skipped().size());
        assertTrue(again.done().isEmpty());
        assertArrayEquals(before, Files.readAllBytes(rec));

        // other settings into the same folder are refused before anything runs, naming the records
        SweepConfig longer = fx.config(conditions, "\"baseline\": \"random:frozen\", "
                + "\"scales\": {\"paper\": {\"epoch_rule\": {\"max_epochs\": 2, \"patience\": 0}}}");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Sweep.run(longer, "paper", out, fx.options()));
        assertTrue(e.getMessage().contains("8 record(s)") && e.getMessage().contains("other settings"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(rec));
    }

    @Test
    void aHalfWrittenRecordDoesNotCountAsDone() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 24);
        SweepConfig c = fx.config("[\"atomic-number\"]", "\"seeds\": [1], \"fractions\": [1.0]");
        Path out = tmp.resolve("out");
        // what a crash in the middle of AtomicFiles.write leaves: a hidden temporary beside the record, never the record
        Path records = Files.createDirectories(out.resolve("records"));
        Files.writeString(records.resolve(".atomic-number__f1.0__s1.json123.tmp"), "{\"dataset\": \"tin");
        assertEquals(0, ResultStore.read(out).size());
        Sweep.Result r = Sweep.run(c, "paper", out, fx.options());
        assertEquals(1, r.done().size(), "the run is done, not skipped");
        assertEquals(1, ResultStore.read(out).size(), "the run folder's own result.json is not read twice");
    }

    @Test
    void aMissingUnateTableOrElementIsRefusedBeforeAnyRun() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 24);
        Path noTable = tmp.resolve("nope/embeddings.json");
        SweepConfig c = fx.config("[\"atomic-number\", \"unate:frozen\"]", "");
        SweepConfig missing = new SweepConfig(c.name(), c.dataset(), c.data(), c.property(), c.backbone(), c.split(),
                noTable.toString(), null, c.conditions(), null, null, c.fractions(), c.seeds(), c.epochRule(), null,
                c.training(), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(missing, "paper", tmp.resolve("out1"), fx.options()));
        assertTrue(e.getMessage().contains("the UNATE table " + noTable + " (\"unate\") does not exist")
                && e.getMessage().contains("[unate:frozen]") && e.getMessage().contains("pretrain"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out1")));

        // a table without Cs: refused by default, naming the condition, the table, the element and the crystals
        Map<Integer, float[]> v = new java.util.TreeMap<>();
        v.put(11, new float[] {1f, 0f});
        v.put(17, new float[] {0f, 1f});
        Path nacl = tmp.resolve("nacl.json");
        org.unate.embedding.AtomEmbeddings.of(v, Map.of("name", "nacl")).save(nacl);
        String conds = "[\"atomic-number\", \"table:" + nacl + "\"]";
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(fx.config(conds, ""), "paper", tmp.resolve("out2"), fx.options()));
        assertTrue(m.getMessage().contains("condition table:" + nacl + ": embedding table 'nacl' has no vector for Cs:"
                + " 12 of 24 crystals"), m.getMessage());
        assertFalse(Files.exists(tmp.resolve("out2/records")));

        // drop: the Cs crystals leave every condition alike, the records say so
        Sweep.Result d = Sweep.run(fx.config(conds, "\"missing_element\": \"drop\", \"seeds\": [1], \"fractions\": [1.0]"),
                "paper", tmp.resolve("out3"), fx.options());
        assertEquals(2, d.done().size(), fx.log());
        Set<Integer> sizes = new HashSet<>();
        for (ResultRecord rec : d.records()) {
            sizes.add(rec.nTrain() + rec.nVal() + rec.nTest());
            Map<?, ?> info = (Map<?, ?>) rec.extra().get("missing_element");
            assertEquals("drop", info.get("policy"));
            assertEquals("every condition of the sweep", info.get("scope"));
        }
        assertEquals(Set.of(12), sizes, "the 12 NaCl crystals, in both conditions");
    }

    /** {@code Options.withUnateTables}: one pretraining folder stands in for the config's table and for a stand-in. */
    @Test
    void unateTablesFromAFolderReplaceTheConfigsAndTheStandIn() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 24);
        Path tables = Files.createDirectories(tmp.resolve("pretrained"));
        Files.copy(fx.unate, tables.resolve("embeddings.json"));
        // the config names a table that does not exist: the folder's is used instead, and nothing is pretrained
        SweepConfig c = fx.config("[\"unate:frozen\"]", "\"baseline\": \"unate:frozen\", \"seeds\": [1], \"fractions\": [1.0]");
        SweepConfig elsewhere = new SweepConfig(c.name(), c.dataset(), c.data(), c.property(), c.backbone(),
                c.split(), tmp.resolve("absent.json").toString(), null, c.conditions(), c.baseline(), null, c.fractions(),
                c.seeds(), c.epochRule(), null, c.training(), null, null);
        Path out = tmp.resolve("out");
        Sweep.Result r = Sweep.run(elsewhere, "paper", out, fx.options().withUnateTables(tables));
        assertEquals(1, r.done().size(), fx.log());
        ResultRecord rec = r.records().get(0);
        assertEquals("unate:frozen:" + tables.resolve("embeddings.json"), rec.features());
        Map<?, ?> info = (Map<?, ?>) rec.extra().get("unate_table");
        assertEquals(Boolean.FALSE, info.get("stand_in"));
        assertEquals(Sweep.sha256(fx.unate), info.get("sha256"));
        assertFalse(Files.exists(out.resolve("unate-stand-in")));
        assertTrue(fx.log().contains("UNATE tables from " + tables), fx.log());

        // a folder without the input table is refused before anything runs, naming the file
        SweepConfig input = fx.config("[\"unate-input:frozen\"]", "\"baseline\": \"unate-input:frozen\", \"seeds\": [1], \"fractions\": [1.0]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.run(input, "paper", tmp.resolve("out2"), fx.options().withUnateTables(tables)));
        assertTrue(e.getMessage().contains(tables.resolve("embeddings-input.json").toString()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out2")));
    }

    /** Runs side by side (2 workers, 1 thread each) give the records of runs one after the other, bit for bit. */
    @Test
    void twoWorkersGiveTheRecordsOfOne() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 20);
        String conds = "[\"atomic-number\", \"random:frozen\"]";
        String common = "\"fractions\": [1.0], \"seeds\": [1], ";
        Sweep.Result one = Sweep.run(fx.config(conds, common + "\"training\": {\"batch_size\": 8, \"threads\": 1,"
                + " \"workers\": 1}"), "paper", tmp.resolve("one"), fx.options());
        Sweep.Result two = Sweep.run(fx.config(conds, common + "\"training\": {\"batch_size\": 8, \"threads\": 1,"
                + " \"workers\": 2}"), "paper", tmp.resolve("two"), fx.options());
        assertEquals(2, two.done().size(), fx.log());
        for (int k = 0; k < 2; k++) {
            assertEquals(one.records().get(k).metrics(), two.records().get(k).metrics());
            assertEquals(one.records().get(k).extra().get("sweep_run_key"), two.records().get(k).extra().get("sweep_run_key"),
                    "workers are not part of what a run depends on");
        }
    }

    /**
     * Two starts into one folder at once (as two processes would run them) split the runs: each run is trained by
     * exactly one of them, and the records are those of one start alone.
     */
    @Test
    void twoStartsIntoOneFolderSplitTheRunsAndTrainNoneTwice() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 20);
        SweepConfig c = fx.config("[\"atomic-number\", \"random:frozen\"]", "\"fractions\": [1.0], \"seeds\": [1, 2]");
        Sweep.Result alone = Sweep.run(c, "paper", tmp.resolve("alone"), fx.options());
        // the first start holds its first run until the second start has begun one of its own
        CountDownLatch secondStarted = new CountDownLatch(1);
        Sweep.Options first = fx.options().withWorkers(1).withRunListener(run -> new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss, double learningRate) {
                if (run.index() == 1 && step == 1) {
                    try {
                        secondStarted.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        Sweep.Options second = fx.options().withWorkers(1).withRunListener(run -> new TrainingListener() {
            @Override
            public void onStart(int epochs, int stepsPerEpoch, int trainSize, int valSize, double budget) {
                secondStarted.countDown();
            }
        });
        Path out = tmp.resolve("shared");
        CompletableFuture<Sweep.Result> a = CompletableFuture.supplyAsync(() -> start(c, out, first));
        CompletableFuture<Sweep.Result> b = CompletableFuture.supplyAsync(() -> start(c, out, second));
        Sweep.Result ra = a.get(5, TimeUnit.MINUTES), rb = b.get(5, TimeUnit.MINUTES);
        assertTrue(ra.failed().isEmpty() && rb.failed().isEmpty(), fx.log());
        Set<String> byA = new HashSet<>(), byB = new HashSet<>();
        ra.done().forEach(r -> byA.add(r.label()));
        rb.done().forEach(r -> byB.add(r.label()));
        assertTrue(byA.contains("atomic-number f=1.0 s=1") && !byB.isEmpty(), byA + " / " + byB);
        Set<String> both = new HashSet<>(byA);
        both.retainAll(byB);
        assertTrue(both.isEmpty(), "trained twice: " + both);
        assertEquals(4, byA.size() + byB.size(), fx.log());
        assertTrue(fx.log().contains("another start of this sweep is running it"), fx.log());
        Sweep.Result again = Sweep.run(c, "paper", out, fx.options());
        assertEquals(4, again.skipped().size());
        for (int k = 0; k < 4; k++) {
            assertEquals(alone.records().get(k).metrics(), again.records().get(k).metrics());
        }
        assertFalse(Files.readString(out.resolve("runs/atomic-number/f1.0/s1/" + RunClaim.FILE)).contains("\n"),
                "a released claim names no process");
    }

    private static Sweep.Result start(SweepConfig c, Path out, Sweep.Options opt) {
        try {
            return Sweep.run(c, "paper", out, opt);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
