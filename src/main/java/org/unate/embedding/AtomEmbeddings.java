package org.unate.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.unate.crystal.Element;
import org.unate.data.AtomicFiles;

/**
 * A per-element embedding table: atomic number -> vector of {@link #dim()} floats.
 * <p>The file format, read and written by {@link #load(Path)} and {@link #save(Path)}, is
 * <pre>{ "meta": { "name": "...", ... }, "vectors": { "H": [..], "Fe": [..] } }</pre>
 * keyed by element symbol. CGCNN's {@code atom_init.json}, keyed by atomic number, is read by
 * {@link #loadCgcnnAtomInit(Path)}. Elements absent from a table have no vector ({@link #has(int)} is false); a
 * featurizer asked for one of them must fail with the element's name.
 * <p>Immutable.
 */
public final class AtomEmbeddings {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int dim;
    private final float[][] byZ; // [Element.MAX_Z + 1][dim] or null rows
    private final Map<String, Object> meta;

    private AtomEmbeddings(int dim, float[][] byZ, Map<String, Object> meta) {
        if (dim < 1) {
            throw new IllegalArgumentException("embedding dimension must be positive, got " + dim);
        }
        this.dim = dim;
        this.byZ = byZ;
        this.meta = Map.copyOf(meta);
    }

    /**
     * A table from vectors keyed by atomic number.
     *
     * @throws IllegalArgumentException if vectors differ in length, are empty, or hold non-finite values
     */
    public static AtomEmbeddings of(Map<Integer, float[]> vectors, Map<String, Object> meta) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("an embedding table needs at least one element");
        }
        int dim = -1;
        float[][] byZ = new float[Element.MAX_Z + 1][];
        for (Map.Entry<Integer, float[]> e : new TreeMap<>(vectors).entrySet()) {
            Element el = Element.ofZ(e.getKey());
            float[] v = e.getValue();
            if (dim < 0) {
                dim = v.length;
            } else if (v.length != dim) {
                throw new IllegalArgumentException("vector of " + el.symbol() + " has length " + v.length
                        + ", expected " + dim + " like the others");
            }
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("vector of " + el.symbol() + " holds a non-finite value");
                }
            }
            byZ[el.z()] = v.clone();
        }
        return new AtomEmbeddings(dim, byZ, meta);
    }

    /**
     * Random vectors for elements 1..maxZ, each component drawn from N(0, 1) with the given seed:
     * the control embedding of the same size as a learned one.
     */
    public static AtomEmbeddings random(int dim, int maxZ, long seed) {
        if (maxZ < 1 || maxZ > Element.MAX_Z) {
            throw new IllegalArgumentException("maxZ must be in 1.." + Element.MAX_Z + ", got " + maxZ);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= maxZ; z++) {
            float[] x = new float[dim];
            for (int k = 0; k < dim; k++) {
                x[k] = (float) gaussian(rng);
            }
            v.put(z, x);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "random");
        meta.put("distribution", "normal(0,1)");
        meta.put("seed", seed);
        return of(v, meta);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on JDK 17
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Reads the project's format ({@code {"meta": {...}, "vectors": {"Fe": [...]}}}). */
    public static AtomEmbeddings load(Path file) {
        return parse(readJson(file, "embedding table"), file.toString());
    }

    /** The JSON tree of a table file (null for an empty file); {@code what} names the file in the error. */
    static JsonNode readJson(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CGCNN's {@code atom_init.json}: an object keyed by atomic number ("1".."100"). */
    public static AtomEmbeddings loadCgcnnAtomInit(Path file) {
        JsonNode root = readJson(file, "CGCNN atom_init");
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object keyed by atomic number");
        }
        Map<Integer, float[]> v = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int z;
            try {
                z = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(file + ": key '" + e.getKey() + "' is not an atomic number");
            }
            if (z < 1 || z > Element.MAX_Z) {
                throw new IllegalArgumentException(file + ": atomic number " + z + " out of range 1.." + Element.MAX_Z);
            }
            v.put(z, vector(e.getValue(), file + " key " + e.getKey()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "cgcnn-" + v.values().iterator().next().length);
        meta.put("source", "CGCNN atom_init.json (Xie & Grossman, PRL 120, 145301, 2018)");
        meta.put("file", file.getFileName().toString());
        try {
            return of(v, meta);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }

    static AtomEmbeddings parse(JsonNode root, String source) {
        if (root == null || !root.isObject() || !root.has("vectors") || !root.get("vectors").isObject()) {
            throw new IllegalArgumentException(source + ": expected {\"meta\": {...}, \"vectors\": {\"Fe\": [...], ...}}");
        }
        Map<Integer, float[]> v = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("vectors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Element el = Element.lookup(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    source + ": unknown element symbol '" + e.getKey() + "' in \"vectors\""));
            v.put(el.z(), vector(e.getValue(), source + " element " + e.getKey()));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        JsonNode m = root.get("meta");
        if (m != null && m.isObject()) {
            meta.putAll(JSON.convertValue(m, Map.class));
        }
        try {
            return of(v, meta);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    private static float[] vector(JsonNode arr, String where) {
        if (arr == null || !arr.isArray() || arr.isEmpty()) {
            throw new IllegalArgumentException(where + ": expected a non-empty array of numbers");
        }
        float[] out = new float[arr.size()];
        for (int k = 0; k < out.length; k++) {
            JsonNode x = arr.get(k);
            if (!x.isNumber()) {
                throw new IllegalArgumentException(where + ": entry " + k + " is not a number: " + x);
            }
            out[k] = (float) x.doubleValue();
        }
        return out;
    }

    /** Writes the table in the project's format, elements in order of atomic number. */
    public void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.set("meta", JSON.valueToTree(new TreeMap<>(meta)));
        ObjectNode vectors = root.putObject("vectors");
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (byZ[z] != null) {
                ArrayNode a = vectors.putArray(Element.ofZ(z).symbol());
                for (float x : byZ[z]) {
                    a.add(x);
                }
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding table " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the table as CGCNN's {@code atom_init.json}: one JSON object keyed by atomic number ({@code "1"},
     * {@code "26"}, ...), in order of Z, which CGCNN's code and its descendants read as their node features. The format
     * has no place for {@code meta}; keep the project-format file beside it for provenance.
     */
    public void saveCgcnnAtomInit(Path file) {
        ObjectNode root = JSON.createObjectNode();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (byZ[z] != null) {
                ArrayNode a = root.putArray(Integer.toString(z));
                for (float x : byZ[z]) {
                    a.add(x);
                }
            }
        }
        AtomicFiles.writeJson(file, root, false);
    }

    /**
     * Writes the table as CSV (the layout {@link EmbeddingTables#loadElementCsv} reads, and pandas with
     * {@code index_col=0}): a header {@code element,0,1,...,d-1}, then one line per element in order of Z, its symbol
     * and its components (Java's shortest float text, so reading it back gives the same floats).
     */
    public void saveElementCsv(Path file) {
        StringBuilder b = new StringBuilder("element");
        for (int k = 0; k < dim; k++) {
            b.append(',').append(k);
        }
        b.append('\n');
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (byZ[z] != null) {
                b.append(Element.ofZ(z).symbol());
                for (float x : byZ[z]) {
                    b.append(',').append(Float.toString(x));
                }
                b.append('\n');
            }
        }
        AtomicFiles.write(file, b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The mean Euclidean norm of the table's rows (over the elements it has). */
    public double meanRowNorm() {
        double sum = 0;
        int n = 0;
        for (float[] v : byZ) {
            if (v != null) {
                sum += norm(v);
                n++;
            }
        }
        return sum / n;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * The same elements with every row scaled to Euclidean norm {@code norm} (directions kept). A row of zeros stays
     * zero. {@code meta.row_norm} records the norm.
     */
    public AtomEmbeddings withRowNorm(double norm) {
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("row norm must be positive and finite, got " + norm);
        }
        float[][] out = new float[byZ.length][];
        for (int z = 0; z < byZ.length; z++) {
            if (byZ[z] != null) {
                double n = norm(byZ[z]);
                out[z] = new float[dim];
                for (int k = 0; k < dim; k++) {
                    out[z][k] = n == 0 ? 0f : (float) (byZ[z][k] * (norm / n));
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put("row_norm", norm);
        return new AtomEmbeddings(dim, out, m);
    }

    /**
     * The same multiset of rows, permuted across the elements the table has: a seeded uniformly random derangement
     * (Fisher-Yates with {@code SplittableRandom(seed)} over the elements in order of Z, drawn again until no element
     * keeps its own row), so the vectors are those of the table but carry no element identity. Needs two or more
     * elements. {@code meta} gets {@code name = shuffled-<name>}, {@code shuffled_from}, {@code shuffle_seed}.
     */
    public AtomEmbeddings shuffledRows(long seed) {
        int[] zs = java.util.stream.IntStream.rangeClosed(1, Element.MAX_Z).filter(this::has).toArray();
        if (zs.length < 2) {
            throw new IllegalArgumentException("cannot shuffle the rows of a table with " + zs.length + " element");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = new int[zs.length];
        boolean fixedPoint;
        do {
            for (int i = 0; i < perm.length; i++) {
                perm[i] = i;
            }
            for (int i = perm.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            fixedPoint = false;
            for (int i = 0; i < perm.length; i++) {
                fixedPoint |= perm[i] == i;
            }
        } while (fixedPoint);
        float[][] out = new float[byZ.length][];
        for (int i = 0; i < zs.length; i++) {
            out[zs[i]] = byZ[zs[perm[i]]].clone();
        }
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put("name", "shuffled-" + name());
        m.put("shuffled_from", name());
        m.put("shuffle_seed", seed);
        return new AtomEmbeddings(dim, out, m);
    }

    /** Vector length. */
    public int dim() {
        return dim;
    }

    public boolean has(int z) {
        return z >= 1 && z <= Element.MAX_Z && byZ[z] != null;
    }

    /** The vector of element {@code z}; throws naming the element if the table lacks it. */
    public float[] vector(int z) {
        if (!has(z)) {
            String name = z >= 1 && z <= Element.MAX_Z ? Element.ofZ(z).symbol() : "Z=" + z;
            throw new IllegalArgumentException("embedding table '" + name() + "' has no vector for " + name);
        }
        return byZ[z].clone();
    }

    /** Number of elements with a vector. */
    public int size() {
        int n = 0;
        for (float[] v : byZ) {
            n += v == null ? 0 : 1;
        }
        return n;
    }

    /** The same vectors with one meta entry set (replaced if present). */
    public AtomEmbeddings withMeta(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(meta);
        m.put(key, value);
        return new AtomEmbeddings(dim, byZ, m);
    }

    /** The table's name from its meta ("unnamed" if none). */
    public String name() {
        return String.valueOf(meta.getOrDefault("name", "unnamed"));
    }

    public Map<String, Object> meta() {
        return meta;
    }

    /**
     * A dense matrix {@code [Element.MAX_Z + 1, dim]} indexed by atomic number, row 0 and rows of absent elements zero;
     * {@code present[z]} tells which rows are real. Used to build a TensorFlow lookup table.
     */
    public float[][] denseByZ(boolean[] present) {
        Objects.requireNonNull(present, "present");
        float[][] out = new float[Element.MAX_Z + 1][dim];
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (byZ[z] != null) {
                out[z] = byZ[z].clone();
                if (z < present.length) {
                    present[z] = true;
                }
            }
        }
        return out;
    }

    /** A copy with the same vectors and other meta. */
    public AtomEmbeddings withMeta(Map<String, Object> newMeta) {
        float[][] copy = Arrays.stream(byZ).map(v -> v == null ? null : v.clone()).toArray(float[][]::new);
        return new AtomEmbeddings(dim, copy, newMeta);
    }

    @Override
    public String toString() {
        return "AtomEmbeddings(" + name() + ", " + size() + " elements x " + dim + ")";
    }
}
