package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;

class SplitTest {
    static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(Integer::toString).toList();
    }

    @Test
    void randomSplitHasRoundedSizesAndCoversEveryIdOnce() {
        Split s = Split.random(ids(1000), 0.8, 0.1, 7);
        assertEquals(800, s.train().size());
        assertEquals(100, s.val().size());
        assertEquals(100, s.test().size());
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.val());
        all.addAll(s.test());
        assertEquals(new HashSet<>(ids(1000)), all);
    }

    @Test
    void sizesRoundHalfToEvenLikePython() {
        // n = 5: 0.8*5 = 4 train, 0.1*5 = 0.5 -> 0 val (half to even), 1 test
        Split s = Split.random(ids(5), 0.8, 0.1, 1);
        assertEquals(List.of(4, 0, 1), List.of(s.train().size(), s.val().size(), s.test().size()));
        // n = 15: 12 train, 1.5 -> 2 val, 1 test
        Split t = Split.random(ids(15), 0.8, 0.1, 1);
        assertEquals(List.of(12, 2, 1), List.of(t.train().size(), t.val().size(), t.test().size()));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        assertEquals(Split.random(ids(200), 0.8, 0.1, 3), Split.random(ids(200), 0.8, 0.1, 3));
        assertNotEquals(Split.random(ids(200), 0.8, 0.1, 3).train(), Split.random(ids(200), 0.8, 0.1, 4).train());
    }

    @Test
    void permutationIsPinnedForTheDocumentedAlgorithm() {
        // Fisher-Yates with SplittableRandom(42): a change of algorithm would silently change every split.
        List<String> perm = Split.shuffled(ids(10), 42);
        assertEquals(perm, Split.shuffled(ids(10), 42));
        Split s = Split.random(ids(10), 0.8, 0.1, 42);
        assertEquals(perm.subList(0, 8), s.train());
        assertEquals(perm.subList(8, 9), s.val());
        assertEquals(perm.subList(9, 10), s.test());
        assertEquals(PINNED_42, perm);
    }

    static final List<String> PINNED_42 = List.of("3", "4", "7", "0", "8", "5", "9", "2", "6", "1");

    @Test
    void overlappingOrRepeatedIdsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Split.of(List.of("a", "b"), List.of("c"), List.of("b")));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.of(List.of("a", "a"), List.of(), List.of()));
    }

    @Test
    void unknownIdIsNamedWithItsListAndSource() {
        Split s = Split.of(List.of("1", "2"), List.of("x9"), List.of("3", "y"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.requireKnown(Set.of("1", "2", "3"), "splits/gap.json"));
        assertTrue(e.getMessage().startsWith("splits/gap.json: id 'x9' in \"val\""), e.getMessage());
        assertTrue(e.getMessage().contains("2 of 5"), e.getMessage());
        Split ok = Split.of(List.of("1"), List.of(), List.of());
        assertEquals(ok, ok.requireKnown(List.of("1", "2"), "x"));
    }

    @Test
    void hashIgnoresOrderAndExtrasButNotMembership() {
        Split a = Split.of(List.of("1", "2", "3"), List.of("4"), List.of("5"));
        Split b = new Split(List.of("3", "1", "2"), List.of("4"), List.of("5"), Map.of("seed", 9));
        Split c = Split.of(List.of("1", "2", "3"), List.of("5"), List.of("4"));
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), c.hash());
        assertEquals(Split.HASH_HEX_DIGITS, a.hash().length());
        assertTrue(a.hash().matches("[0-9a-f]+"));
    }

    @Test
    void writeThenReadKeepsListsOrderAndExtras(@TempDir Path dir) throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("property", "mbj_bandgap");
        extra.put("seed", 123);
        extra.put("rule", "test rule");
        Split s = new Split(List.of("9", "1"), List.of("5"), List.of("7", "3"), extra);
        Path f = dir.resolve("sub/split.json");
        s.write(f);
        Split back = Split.read(f);
        assertEquals(s, back);
        assertEquals(List.of("property", "seed", "rule"), new ArrayList<>(back.extra().keySet()));
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\"property\":\"mbj_bandgap\",\"seed\":123,\"rule\":\"test rule\",\"train\":[\"9\",\"1\"]"), text);
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void readRejectsMissingListsAndNonStringIdsNamingTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"train\": [\"1\"], \"val\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.read(f));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("\"test\""), e.getMessage());
        Files.writeString(f, "{\"train\": [\"1\", 2], \"val\": [], \"test\": []}");
        e = assertThrows(IllegalArgumentException.class, () -> Split.read(f));
        assertTrue(e.getMessage().contains("\"train\"[1]"), e.getMessage());
    }

    @Test
    void ofLabelledUsesOnlyLabelledRecordsInFileOrder() {
        Structure cell = Structure.of(Lattice.cubic(3.0), Site.of("Fe", 0, 0, 0));
        List<CrystalRecord> recs = new ArrayList<>();
        List<String> labelledIds = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            boolean labelled = i % 3 != 0;
            recs.add(new CrystalRecord("r" + i, cell, labelled ? Map.of("gap", (double) i) : Map.of()));
            if (labelled) {
                labelledIds.add("r" + i);
            }
        }
        Split s = Split.ofLabelled(recs, "gap", 0.8, 0.1, 5);
        Split direct = Split.random(labelledIds, 0.8, 0.1, 5);
        assertEquals(direct.lists(), s.lists());
        assertEquals("gap", s.extra().get("property"));
        assertEquals(5, s.extra().get("seed"));
        assertEquals(List.of(0.8, 0.1, 0.1), s.extra().get("fractions"));
        assertTrue(s.extra().containsKey("rule"));
    }

    @Test
    void readsThePeersSplitFile() {
        String shared = System.getProperty("unate.shared");
        Path f = shared == null ? null : Path.of(shared, "peers/splits/mbj_bandgap-seed123.json");
        Assumptions.assumeTrue(f != null && Files.isRegularFile(f), "shared peers split file not found (unate.shared="
                + shared + "); skipping");
        Split s = Split.read(f);
        // figures from the peers' README: 18,172 labelled records, 14,538/1,817/1,817
        assertEquals(List.of(14538, 1817, 1817), List.of(s.train().size(), s.val().size(), s.test().size()));
        assertEquals("mbj_bandgap", s.extra().get("property"));
        assertEquals(123, s.extra().get("seed"));
        assertEquals(s.hash(), Split.read(f).hash());
    }
}
