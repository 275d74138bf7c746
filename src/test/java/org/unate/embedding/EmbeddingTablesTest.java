package org.unate.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.data.DataCatalog;
import org.unate.data.DatasetSpec;
import org.unate.data.ProjectPaths;

/** Tables by catalogue name, the published CSV and JSON layouts, and the catalogue of data/datasets.json. */
class EmbeddingTablesTest {
    @TempDir
    Path tmp;

    private static final String CATALOGUE = """
            {"datasets": [
              {"name": "tiny-csv", "mirror": {"file": "embeddings/tiny.csv", "format": "element-csv", "sha256": null}},
              {"name": "tiny-json", "official": {"url": "https://example.org/t.json", "file": "t.json",
                "format": "element-json", "sha256": null}},
              {"name": "pickled", "official": {"url": "https://example.org/v.pkl", "file": "v.pkl",
                "format": "crysatom-pickle", "sha256": null}},
              {"name": "unfetched", "mirror": {"file": "embeddings/u.json", "format": "embedding-table", "sha256": null}},
              {"name": "some-data", "mirror": {"file": "d.jsonl.gz", "format": "jsonl-cif", "sha256": null}}
            ]}
            """;

    private DataCatalog catalog() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("raw/tiny-csv"));
        Files.createDirectories(data.resolve("raw/tiny-json"));
        Files.createDirectories(data.resolve("raw/pickled"));
        Files.writeString(data.resolve("datasets.json"), CATALOGUE);
        Files.writeString(data.resolve("raw/tiny-csv/tiny.csv"), "element,0,1\nH,1.5,-2\nNull,0,0\nFe,3,4.25\n");
        Files.writeString(data.resolve("raw/tiny-json/t.json"), "{\"Null\": [0, 0], \"O\": [0.5, 1], \"Na\": [2, -1]}");
        Files.writeString(data.resolve("raw/pickled/v.pkl"), "not json");
        return DataCatalog.load(data);
    }

    @Test
    void aCatalogueNameResolvesToItsFileAndIsNamedByIt() throws Exception {
        DataCatalog c = catalog();
        AtomEmbeddings csv = EmbeddingTables.load("tiny-csv", Optional.of(c));
        assertEquals("tiny-csv", csv.name());
        assertEquals(2, csv.size());
        assertArrayEquals(new float[] {1.5f, -2f}, csv.vector(1));
        assertArrayEquals(new float[] {3f, 4.25f}, csv.vector(26));
        assertEquals(List.of("Null"), csv.meta().get("skipped_keys"));

        AtomEmbeddings json = EmbeddingTables.load("tiny-json", Optional.of(c));
        assertEquals("tiny-json", json.name());
        assertArrayEquals(new float[] {0.5f, 1f}, json.vector(8));
        assertArrayEquals(new float[] {2f, -1f}, json.vector(11));
        assertFalse(json.has(1));
        assertEquals(List.of("tiny-csv", "tiny-json", "pickled", "unfetched"), EmbeddingTables.catalogue(c));
    }

    @Test
    void unresolvedAndUnreadableCatalogueTablesSayWhatToDo() throws Exception {
        DataCatalog c = catalog();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingTables.load("unfetched", Optional.of(c)));
        assertTrue(e.getMessage().contains("run `make data` first"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmbeddingTables.load("pickled", Optional.of(c)));
        assertTrue(e.getMessage().contains("crysatom-pickle") && e.getMessage().contains("mirror"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EmbeddingTables.load("no-such", Optional.of(c)));
        assertTrue(e.getMessage().contains("not found: no-such") && e.getMessage().contains("tiny-csv"), e.getMessage());
    }

    @Test
    void aCsvWithoutItsHeaderOrWithTextIsRefusedNamingTheLine() throws Exception {
        Path noHeader = Files.writeString(tmp.resolve("a.csv"), "H,1,2\n");
        assertThrows(IllegalArgumentException.class, () -> EmbeddingTables.loadElementCsv(noHeader));
        Path text = Files.writeString(tmp.resolve("b.csv"), "element,0\nH,1\nHe,x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingTables.loadElementCsv(text));
        assertTrue(e.getMessage().contains("b.csv:3"), e.getMessage());
    }

    /** The ten published tables of the project's catalogue, each with its sources, licence and citation. */
    @Test
    void theProjectCatalogueListsThePublishedTables() {
        DataCatalog c = DataCatalog.load(ProjectPaths.dataDir());
        List<String> tables = EmbeddingTables.catalogue(c);
        List<String> published = List.of("mat2vec", "skipatom", "megnet16", "magpie", "oliynyk", "chgnet", "mace-mp0",
                "sevennet", "orb-v2", "crysatom");
        assertTrue(tables.containsAll(published), tables.toString());
        for (String name : published) {
            DatasetSpec s = c.spec(name);
            assertEquals("embeddings/" + name + ".json", s.mirror().file(), name);
            assertEquals("embedding-table", s.mirror().format(), name);
            assertEquals(64, s.mirror().sha256().length(), name);
            assertTrue(s.official().url().startsWith("https://"), name);
            assertNotNull(s.license(), name);
            assertNotNull(s.citation(), name);
        }
    }
}
