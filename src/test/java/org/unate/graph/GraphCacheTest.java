package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.OccupancyPolicy;
import org.unate.crystal.io.ReadOptions;
import org.unate.testing.TinyGraphs;

class GraphCacheTest {
    @TempDir
    Path dir;

    private final List<CrystalRecord> recs = withSkewed(GraphBuilderTest.records());
    private final AtomicInteger builds = new AtomicInteger();
    private final Supplier<Iterator<CrystalRecord>> source = () -> {
        builds.incrementAndGet();
        return recs.iterator();
    };

    /** Adds a very skewed cell (images beyond +-127 along one axis) so the int image path is exercised. */
    private static List<CrystalRecord> withSkewed(List<CrystalRecord> in) {
        List<CrystalRecord> out = new ArrayList<>(in);
        double[][] m = TinyGraphs.nacl().lattice().matrix();
        for (int k = 0; k < 3; k++) {
            m[2][k] += 200 * m[0][k];
        }
        Structure s = TinyGraphs.nacl();
        org.unate.crystal.Lattice l2 = org.unate.crystal.Lattice.of(m);
        List<org.unate.crystal.Site> sites = new ArrayList<>();
        for (org.unate.crystal.Site site : s.sites()) {
            sites.add(new org.unate.crystal.Site(site.element(),
                    l2.toFractional(s.lattice().toCartesian(site.fractional())), null));
        }
        out.add(new CrystalRecord("skewed", Structure.of(l2, sites), Map.of()));
        return out;
    }

    @Test
    void anotherOccupancyPolicyGetsItsOwnCacheFile(@TempDir Path dir) {
        String sha = "ab".repeat(32);
        assertEquals(sha, GraphCache.sourceKey(sha, ReadOptions.DEFAULT), "default options keep the old key");
        assertEquals(sha, GraphCache.sourceKey(sha, null));
        String majority = GraphCache.sourceKey(sha, ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY));
        assertNotEquals(sha, majority);
        assertNotEquals(GraphCache.cacheFile(dir, sha, GraphConfig.cgcnn()),
                GraphCache.cacheFile(dir, majority, GraphConfig.cgcnn()));
        assertNotEquals(majority, GraphCache.sourceKey(sha, ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.SKIP)));
    }

    @Test
    void roundTripIsBitIdenticalAndSecondCallHits() throws IOException {
        GraphConfig c = GraphConfig.radius(5.0);
        GraphSet fresh = GraphBuilder.of(c).buildAll(recs, 1, null);
        for (boolean deflate : new boolean[] {true, false}) {
            Path d = dir.resolve("d" + deflate);
            GraphCache.Loaded first = GraphCache.loadOrBuild(d, "sum1", c, source, 2, null, deflate);
            assertFalse(first.hit());
            GraphCache.Loaded second = GraphCache.loadOrBuild(d, "sum1", c, source, 2, null, deflate);
            assertTrue(second.hit());
            assertEquals(first.file(), second.file());
            assertEquals(fresh.report(), second.graphs().report());
            assertEquals(fresh.size(), second.graphs().size());
            for (int i = 0; i < fresh.size(); i++) {
                GraphBuilderTest.assertSameGraph(fresh.graphs().get(i), second.graphs().graphs().get(i));
            }
            try (var files = Files.list(d)) {
                assertEquals(1, files.count(), "no temporary files left");
            }
        }
        assertEquals(2, builds.get());
        CrystalGraph sk = fresh.graphs().get(fresh.size() - 1);
        int maxImg = 0;
        for (int v : sk.image()) {
            maxImg = Math.max(maxImg, Math.abs(v));
        }
        assertTrue(maxImg > 127, "skewed cell should need int images, max " + maxImg);
    }

    @Test
    void keyIncludesChecksumAndConfig() throws IOException {
        Path a = GraphCache.cacheFile(dir, "sum1", GraphConfig.cgcnn());
        assertNotEquals(a, GraphCache.cacheFile(dir, "sum2", GraphConfig.cgcnn()));
        assertNotEquals(a, GraphCache.cacheFile(dir, "sum1", GraphConfig.kNearest(8.0, 16)));
        GraphCache.loadOrBuild(dir, "sum1", GraphConfig.cgcnn(), source, 1);
        GraphCache.loadOrBuild(dir, "sum2", GraphConfig.cgcnn(), source, 1);
        assertEquals(2, builds.get());
        // a file renamed to another key's name is refused by its header
        Files.copy(a, GraphCache.cacheFile(dir, "sum3", GraphConfig.cgcnn()));
        IOException e = assertThrows(IOException.class,
                () -> GraphCache.read(GraphCache.cacheFile(dir, "sum3", GraphConfig.cgcnn()), "sum3", GraphConfig.cgcnn()));
        assertTrue(e.getMessage().contains("sum1"), e.getMessage());
    }

    @Test
    void corruptedOrTruncatedCacheIsRebuilt() throws IOException {
        GraphConfig c = GraphConfig.cgcnn();
        for (boolean deflate : new boolean[] {true, false}) {
            Path d = dir.resolve("c" + deflate);
            Path file = GraphCache.loadOrBuild(d, "s", c, source, 1, null, deflate).file();
            byte[] good = Files.readAllBytes(file);
            // flip one byte in the middle of the payload
            byte[] bad = good.clone();
            bad[bad.length / 2] ^= 0x10;
            Files.write(file, bad);
            assertThrows(IOException.class, () -> GraphCache.read(file, "s", c));
            int before = builds.get();
            GraphCache.Loaded re = GraphCache.loadOrBuild(d, "s", c, source, 1, null, deflate);
            assertFalse(re.hit());
            assertEquals(before + 1, builds.get());
            assertEquals(good.length, Files.size(file));
            // truncated
            Files.write(file, java.util.Arrays.copyOf(good, good.length - 5));
            IOException e = assertThrows(IOException.class, () -> GraphCache.read(file, "s", c));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertFalse(GraphCache.loadOrBuild(d, "s", c, source, 1, null, deflate).hit());
            assertTrue(GraphCache.loadOrBuild(d, "s", c, source, 1, null, deflate).hit());
        }
    }

    @Test
    void readCachedFindsTheGraphsOfADataFile() throws IOException {
        Path data = dir.resolve("data.jsonl");
        Files.writeString(data, "stands for a dataset", StandardCharsets.US_ASCII);
        GraphConfig c = GraphConfig.cgcnn();
        Path d = dir.resolve("cache");
        assertThrows(IOException.class, () -> GraphCache.readCached(d, data, c));
        GraphSet built = GraphCache.loadOrBuild(d, GraphCache.sha256(data), c, source, 1).graphs();
        GraphSet read = GraphCache.readCached(d, data, c);
        assertEquals(built.graphs().size(), read.graphs().size());
        for (int i = 0; i < built.graphs().size(); i++) {
            GraphBuilderTest.assertSameGraph(built.graphs().get(i), read.graphs().get(i));
        }
        assertThrows(IOException.class, () -> GraphCache.readCached(d, data, GraphConfig.radius(5.0)));
    }

    @Test
    void sha256OfAFile() throws IOException {
        Path f = dir.resolve("abc.txt");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", GraphCache.sha256(f));
    }
}
