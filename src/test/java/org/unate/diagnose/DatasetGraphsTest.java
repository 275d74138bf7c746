package org.unate.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.io.DatasetOptions;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphConfig;
import org.unate.testing.TinyGraphs;

/** The dataset and graphs the diagnostics read: the graph cache when there is one, built graphs otherwise. */
class DatasetGraphsTest {
    @TempDir
    Path tmp;

    @Test
    void graphsAreBuiltAndCachedOnceThenReadFromTheCache() throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("d.jsonl"), TinyGraphs.all(), "y", new double[] {1, 2, 3, 4, 5, 6});
        Path cache = tmp.resolve("cache");
        ByteArrayOutputStream log1 = new ByteArrayOutputStream();
        DatasetGraphs first = new DatasetGraphs(data, DatasetOptions.DEFAULT, cache, 1,
                new PrintStream(log1, true, StandardCharsets.UTF_8));
        Map<String, CrystalGraph> built = first.graphs(GraphConfig.cgcnn());
        assertSame(built, first.graphs(GraphConfig.cgcnn()), "kept per config");
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4", "t5"), List.copyOf(built.keySet()));
        assertTrue(log1.toString(StandardCharsets.UTF_8).startsWith("graphs built and cached in " + cache), log1.toString());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count());
        }

        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        DatasetGraphs second = new DatasetGraphs(data, DatasetOptions.DEFAULT, cache, 1,
                new PrintStream(log2, true, StandardCharsets.UTF_8));
        Map<String, CrystalGraph> read = second.graphs(GraphConfig.cgcnn());
        assertTrue(log2.toString(StandardCharsets.UTF_8).startsWith("graphs loaded from " + cache), log2.toString());
        CrystalGraph a = built.get("t3");
        CrystalGraph b = read.get("t3");
        assertArrayEquals(a.destination(), b.destination());
        assertArrayEquals(a.distance(), b.distance(), 0.0);
        assertEquals(Map.of("t0", 1.0, "t1", 2.0, "t2", 3.0, "t3", 4.0, "t4", 5.0, "t5", 6.0),
                new DatasetGraphs(data, DatasetOptions.DEFAULT.withLabels(List.of("y")), null, 1, TinyRun.quiet())
                        .labels("y"));
    }

    @Test
    void aRecordLimitOrNoCacheFolderBuildsWithoutCaching() throws Exception {
        Path data = TinyGraphs.writeJsonl(tmp.resolve("d.jsonl"), TinyGraphs.all());
        Path cache = tmp.resolve("cache");
        DatasetGraphs limited = new DatasetGraphs(data, DatasetOptions.DEFAULT.withLimit(2), cache, 1, TinyRun.quiet());
        assertEquals(2, limited.graphs(GraphConfig.radius(4.0)).size());
        assertFalse(Files.exists(cache));
        DatasetGraphs none = new DatasetGraphs(data, DatasetOptions.DEFAULT, null, 1, TinyRun.quiet());
        assertEquals(6, none.graphs(GraphConfig.cgcnn()).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.labels("y"));
        assertTrue(e.getMessage().contains("no record has a value for 'y'"), e.getMessage());
    }
}
