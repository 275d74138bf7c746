package org.unate.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.unate.crystal.Element;
import org.unate.data.DataCatalog;
import org.unate.data.DatasetSpec;

/**
 * Finds embedding tables by reference:
 * <ul>
 * <li>{@code cgcnn-92}: CGCNN's table, as resolved by {@code make data};</li>
 * <li>the name of a table in the catalogue ({@code data/datasets.json}: {@code mat2vec}, {@code skipatom},
 * {@code megnet16}, {@code magpie}, {@code oliynyk}, {@code chgnet}, {@code mace-mp0}, {@code sevennet},
 * {@code orb-v2}, {@code crysatom}, see {@link #catalogue()}), as resolved by {@code make data};</li>
 * <li>otherwise a file in either the project's format or CGCNN's {@code atom_init.json} format (told apart by a
 * top-level {@code "vectors"} key).</li>
 * </ul>
 * A catalogue name wins over a file of the same name in the working directory; write {@code ./NAME} for the file.
 */
public final class EmbeddingTables {
    /** The reference of CGCNN's 92-dimensional table. */
    public static final String CGCNN_92 = "cgcnn-92";

    /** The format names of catalogue entries that are element tables (mirror or official file). */
    public static final Set<String> TABLE_FORMATS = Set.of("embedding-table", "cgcnn-atom-init", "element-csv",
            "element-json", "crysatom-pickle");


    private EmbeddingTables() {
    }

    /** Loads the table named by {@code ref}; throws naming the file when it is missing or malformed. */
    public static AtomEmbeddings load(String ref) {
        return ref.equals(CGCNN_92) ? loadFile(cgcnnTable(), ref) : load(ref, catalog());
    }

    /** {@link #load(String)} against a given catalogue (or none). */
    static AtomEmbeddings load(String ref, Optional<DataCatalog> catalog) {
        if (catalog.isPresent() && catalogue(catalog.get()).contains(ref)) {
            DataCatalog.Resolved r = catalog.get().resolved(ref).orElseThrow(() -> new IllegalArgumentException(
                    "embedding table '" + ref + "' is in data/datasets.json but not resolved in "
                            + catalog.get().rawDir(ref) + ": run `make data` first"));
            return loadResolved(ref, r);
        }
        Path file = Path.of(ref);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("embedding table file not found: " + file
                    + (catalog.isPresent() ? " (nor a table of data/datasets.json: " + catalogue(catalog.get()) + ")" : ""));
        }
        return loadFile(file, ref);
    }

    /** The names of the element tables in the project's catalogue, in catalogue order (empty outside a project). */
    public static List<String> catalogue() {
        return catalog().map(EmbeddingTables::catalogue).orElse(List.of());
    }

    static List<String> catalogue(DataCatalog c) {
        List<String> names = new ArrayList<>();
        for (DatasetSpec s : c.datasets()) {
            DatasetSpec.Source src = s.mirror() != null ? s.mirror() : s.official();
            if (src != null && TABLE_FORMATS.contains(src.format())) {
                names.add(s.name());
            }
        }
        return names;
    }

    private static Optional<DataCatalog> catalog() {
        try {
            return Optional.of(DataCatalog.discover());
        } catch (RuntimeException notInAProject) {
            return Optional.empty();
        }
    }

    /** A catalogue table from its resolved file, named by its catalogue name. */
    private static AtomEmbeddings loadResolved(String name, DataCatalog.Resolved r) {
        AtomEmbeddings t = switch (r.format()) {
            case "embedding-table" -> AtomEmbeddings.load(r.file());
            case "cgcnn-atom-init" -> AtomEmbeddings.loadCgcnnAtomInit(r.file());
            case "element-csv" -> loadElementCsv(r.file());
            case "element-json" -> loadElementJson(r.file());
            default -> throw new IllegalArgumentException("embedding table '" + name + "': " + r.file() + " is in format "
                    + r.format() + ", which the project cannot read; resolve it from a mirror holding the converted"
                    + " file (UNATE_DATA_MIRROR, see data/README.md)");
        };
        return t.withMeta("name", name);
    }

    private static AtomEmbeddings loadFile(Path file, String ref) {
        JsonNode root = AtomEmbeddings.readJson(file, "embedding table");
        if (root != null && root.has("vectors")) {
            return AtomEmbeddings.parse(root, file.toString());
        }
        AtomEmbeddings t = AtomEmbeddings.loadCgcnnAtomInit(file);
        // a user's file in CGCNN's format is named by its path, not as CGCNN's own table
        return ref.equals(CGCNN_92) ? t : t.withMeta("name", file.toString());
    }

    /**
     * Reads a table published as CSV (ElementEmbeddings' layout): a header line whose first field is {@code element},
     * then one line per element: its symbol and the vector's components. Lines whose first field is not an element
     * symbol are skipped and listed in {@code meta.skipped_keys}.
     */
    public static AtomEmbeddings loadElementCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding table " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).split(",", -1)[0].trim().equalsIgnoreCase("element")) {
            throw new IllegalArgumentException(file + ": expected a header line starting with 'element'");
        }
        Map<Integer, float[]> v = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            if (lines.get(k).isBlank()) {
                continue;
            }
            String[] f = lines.get(k).split(",", -1);
            Optional<Element> el = Element.lookup(f[0].trim());
            if (el.isEmpty()) {
                skipped.add(f[0].trim());
                continue;
            }
            float[] x = new float[f.length - 1];
            for (int j = 1; j < f.length; j++) {
                try {
                    x[j - 1] = Float.parseFloat(f[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + (k + 1) + ": field " + (j + 1) + " is not a number: '"
                            + f[j] + "'");
                }
            }
            v.put(el.get().z(), x);
        }
        return of(v, file, skipped);
    }

    /**
     * Reads a table published as a JSON object keyed by element symbol (ElementEmbeddings' layout:
     * {@code {"H": [...], ...}}); keys that are not element symbols (such as MEGNet's {@code "Null"}) are skipped and
     * listed in {@code meta.skipped_keys}.
     */
    public static AtomEmbeddings loadElementJson(Path file) {
        JsonNode root = AtomEmbeddings.readJson(file, "embedding table");
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object keyed by element symbol");
        }
        Map<Integer, float[]> v = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Optional<Element> el = Element.lookup(e.getKey().trim());
            if (el.isEmpty()) {
                skipped.add(e.getKey());
                continue;
            }
            JsonNode a = e.getValue();
            if (!a.isArray()) {
                throw new IllegalArgumentException(file + ": the value of '" + e.getKey() + "' is not an array");
            }
            float[] x = new float[a.size()];
            for (int j = 0; j < x.length; j++) {
                if (!a.get(j).isNumber()) {
                    throw new IllegalArgumentException(file + ": entry " + j + " of '" + e.getKey() + "' is not a number");
                }
                x[j] = (float) a.get(j).doubleValue();
            }
            v.put(el.get().z(), x);
        }
        return of(v, file, skipped);
    }

    private static AtomEmbeddings of(Map<Integer, float[]> v, Path file, List<String> skipped) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", file.getFileName().toString());
        meta.put("file", file.toString());
        if (!skipped.isEmpty()) {
            meta.put("skipped_keys", skipped);
        }
        try {
            return AtomEmbeddings.of(v, meta);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * CGCNN's table: the {@code cgcnn-atom-init} dataset resolved by {@code make data} when the project is found,
     * else {@code data/embeddings/cgcnn-atom-init.json} under the shared mirror folder (system property
     * {@code unate.shared}, environment variable {@code UNATE_SHARED}, else {@code ./shared} or {@code ../shared}).
     */
    public static Path cgcnnTable() {
        Optional<DataCatalog.Resolved> r = catalog()
                .filter(c -> c.datasets().stream().anyMatch(d -> d.name().equals("cgcnn-atom-init")))
                .flatMap(c -> c.resolved("cgcnn-atom-init"));
        if (r.isPresent()) {
            return r.get().file();
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
