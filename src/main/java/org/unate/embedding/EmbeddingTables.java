package org.unate.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.unate.data.DataCatalog;

/**
 * Finds embedding tables by reference: {@code cgcnn-92} (CGCNN's table, as resolved by {@code make data}) or a file
 * in either the project's format or CGCNN's {@code atom_init.json} format (told apart by a top-level
 * {@code "vectors"} key).
 */
public final class EmbeddingTables {
    /** The reference of CGCNN's 92-dimensional table. */
    public static final String CGCNN_92 = "cgcnn-92";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingTables() {
    }

    /** Loads the table named by {@code ref}; throws naming the file when it is missing or malformed. */
    public static AtomEmbeddings load(String ref) {
        Path file = ref.equals(CGCNN_92) ? cgcnnTable() : Path.of(ref);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("embedding table file not found: " + file);
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding table " + file + ": " + e.getMessage(), e);
        }
        if (root != null && root.has("vectors")) {
            return AtomEmbeddings.load(file);
        }
        AtomEmbeddings t = AtomEmbeddings.loadCgcnnAtomInit(file);
        // a user's file in CGCNN's format is named by its path, not as CGCNN's own table
        return ref.equals(CGCNN_92) ? t : t.withMeta("name", file.toString());
    }

    /**
     * CGCNN's table: the {@code cgcnn-atom-init} dataset resolved by {@code make data} when the project is found,
     * else {@code data/embeddings/cgcnn-atom-init.json} under the shared mirror folder (system property
     * {@code unate.shared}, environment variable {@code UNATE_SHARED}, else {@code ./shared} or {@code ../shared}).
     */
    public static Path cgcnnTable() {
        try {
            Optional<DataCatalog.Resolved> r = DataCatalog.discover().resolved("cgcnn-atom-init");
            if (r.isPresent()) {
                return r.get().file();
            }
        } catch (RuntimeException notInAProject) {
            // fall back to the mirror folder below
        }
        Path rel = Path.of("data", "embeddings", "cgcnn-atom-init.json");
        for (String base : new String[] {System.getProperty("unate.shared"), System.getenv("UNATE_SHARED"), "shared",
            "../shared"}) {
            if (base != null && Files.isRegularFile(Path.of(base).resolve(rel))) {
                return Path.of(base).resolve(rel);
            }
        }
        throw new IllegalArgumentException("table cgcnn-92: not resolved by `make data`, and " + rel
                + " is not under the shared folder (system property unate.shared or environment variable UNATE_SHARED)"
                + " nor under ./shared or ../shared");
    }
}
