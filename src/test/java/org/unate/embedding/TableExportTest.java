package org.unate.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.testing.UnateCli;

/** A table written for another model's code reads back to the same floats, in both export formats. */
class TableExportTest {
    @TempDir
    Path tmp;

    /** Fe, H and O (given out of order), with values whose shortest text is long or in exponent form. */
    private static AtomEmbeddings table() {
        Map<Integer, float[]> v = new TreeMap<>();
        v.put(26, new float[] {0.1f, -1e-5f, 3.4028235e38f});
        v.put(1, new float[] {1f / 3, 0f, -2.5f});
        v.put(8, new float[] {Float.MIN_NORMAL, 7f, -0.3f});
        return AtomEmbeddings.of(v, Map.of("name", "export-test"));
    }

    @Test
    void cgcnnAtomInitKeepsEveryFloatAndIsKeyedByAtomicNumber() throws Exception {
        AtomEmbeddings t = table();
        Path f = tmp.resolve("atom_init.json");
        t.saveCgcnnAtomInit(f);
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\"1\":[") && text.contains("\"8\":[") && text.contains("\"26\":["), text);
        AtomEmbeddings back = AtomEmbeddings.loadCgcnnAtomInit(f);
        assertEquals(3, back.size());
        for (int z : new int[] {1, 8, 26}) {
            assertArrayEquals(t.vector(z), back.vector(z), 0f, "Z = " + z);
        }
    }

    @Test
    void csvHasAHeaderAndOneLinePerElementInOrderOfZ() throws Exception {
        AtomEmbeddings t = table();
        Path f = tmp.resolve("t.csv");
        t.saveElementCsv(f);
        List<String> lines = Files.readAllLines(f);
        assertEquals(List.of("element,0,1,2", "H", "O", "Fe"),
                List.of(lines.get(0), lines.get(1).split(",")[0], lines.get(2).split(",")[0], lines.get(3).split(",")[0]));
        assertEquals(4, lines.size());
        AtomEmbeddings back = EmbeddingTables.loadElementCsv(f);
        for (int z : new int[] {1, 8, 26}) {
            assertArrayEquals(t.vector(z), back.vector(z), 0f, "Z = " + z);
        }
    }

    @Test
    void theTableCommandExportsOneTableAndRefusesTwo() throws Exception {
        Path src = tmp.resolve("src.json");
        table().save(src);
        Path out = tmp.resolve("out/atom_init.json");
        UnateCli.Result r = UnateCli.run("table", src.toString(), "--export", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(table().vector(26), AtomEmbeddings.loadCgcnnAtomInit(out).vector(26), 0f);
        assertTrue(r.err().contains("3 elements x 3 written to " + out), r.err());

        UnateCli.Result two = UnateCli.run("table", src.toString(), src.toString(), "--export", out.toString());
        assertEquals(2, two.code(), two.err());
        assertTrue(two.err().contains("--export writes one table, got 2"), two.err());
    }
}
