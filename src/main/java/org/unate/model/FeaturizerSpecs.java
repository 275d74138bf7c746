package org.unate.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.nn.Dense;
import org.unate.nn.Embedding;
import org.unate.nn.Init;
import org.unate.nn.Params;

/** The featurizer implementations and the spec parser behind {@link NodeFeaturizer#parse}. */
final class FeaturizerSpecs {
    /** Rows of every Z-indexed table: 0 (unused) .. Element.MAX_Z. */
    static final int ROWS = Element.MAX_Z + 1;
    /** The default width of random control tables (CGCNN's 92). */
    static final int RANDOM_DEFAULT_WIDTH = 92;
    /** The keyword of {@code random:MODE:SEED:norm:REF}: REF's width, every row scaled to REF's mean row norm. */
    static final String NORM = "norm";

    private FeaturizerSpecs() {
    }

    static NodeFeaturizer parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty featurizer spec");
        }
        String s = spec.trim();
        String[] p = s.split(":", -1);
        String head = p[0].toLowerCase(Locale.ROOT);
        switch (head) {
            case "atomic-number":
                requireParts(s, p, 1, 1);
                return new AtomicNumber(s);
            case "one-hot":
                requireParts(s, p, 1, 1);
                return new OneHot(s);
            case "table": {
                String ref = s.substring("table:".length());
                if (p.length < 2 || ref.isBlank()) {
                    throw new IllegalArgumentException("featurizer spec '" + s + "': expected table:PATH or table:cgcnn-92");
                }
                return new Table(s, loadTable(ref), false);
            }
            case "unate": {
                if (p.length < 3) {
                    throw new IllegalArgumentException("featurizer spec '" + s
                            + "': expected unate:frozen:PATH or unate:finetune:PATH");
                }
                boolean trainable = mode(s, p[1], "frozen", "finetune");
                String ref = s.substring(p[0].length() + p[1].length() + 2);
                return new Table(s, loadTable(ref), trainable);
            }
            case "random": {
                if (p.length < 2) {
                    throw new IllegalArgumentException("featurizer spec '" + s
                            + "': expected random:frozen[:SEED[:WIDTH|REF|norm:REF]] or random:trainable[...]");
                }
                boolean trainable = mode(s, p[1], "frozen", "trainable");
                long seed = 0;
                if (p.length >= 3 && !p[2].isBlank()) {
                    try {
                        seed = Long.parseLong(p[2].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("featurizer spec '" + s + "': seed '" + p[2] + "' is not an integer");
                    }
                }
                int width = RANDOM_DEFAULT_WIDTH;
                AtomEmbeddings normOf = null;
                if (p.length >= 4) {
                    String ref = s.substring(p[0].length() + p[1].length() + p[2].length() + 3);
                    if (p[3].equals(NORM)) {
                        ref = ref.substring(NORM.length() + 1);
                        if (p.length < 5 || ref.isBlank() || ref.matches("\\d+")) {
                            throw new IllegalArgumentException("featurizer spec '" + s + "': " + NORM
                                    + " takes a table to match (cgcnn-92, a catalogue name or a file), not a width");
                        }
                        normOf = loadTable(ref);
                        width = normOf.dim();
                    } else {
                        width = ref.matches("\\d+") ? Integer.parseInt(ref) : loadTable(ref).dim();
                    }
                }
                if (width < 1) {
                    throw new IllegalArgumentException("featurizer spec '" + s + "': width must be positive");
                }
                AtomEmbeddings random = AtomEmbeddings.random(width, Element.MAX_Z, seed);
                if (normOf != null) {
                    random = random.withRowNorm(normOf.meanRowNorm()).withMeta("norm_of", normOf.name());
                }
                return new Table(s, random, trainable);
            }
            case "shuffled": {
                if (p.length < 2 || s.substring("shuffled:".length()).isBlank()) {
                    throw new IllegalArgumentException("featurizer spec '" + s + "': expected shuffled[:SEED]:TABLE");
                }
                long seed = 0;
                String ref = s.substring("shuffled:".length());
                if (p.length >= 3 && p[1].trim().matches("-?\\d+")) {
                    seed = Long.parseLong(p[1].trim());
                    ref = s.substring(p[0].length() + p[1].length() + 2);
                }
                return new Table(s, loadTable(ref).shuffledRows(seed), false);
            }
            default:
                throw new IllegalArgumentException("unknown featurizer spec '" + s + "': expected atomic-number, one-hot, "
                        + "table:PATH|NAME, table:cgcnn-92, random:frozen|trainable[:SEED[:WIDTH|REF|norm:REF]], "
                        + "shuffled[:SEED]:REF, unate:frozen:PATH or unate:finetune:PATH");
        }
    }

    /**
     * The featurizer of a table-based spec ({@code table:}, {@code random:}, {@code unate:}) with a given table, without
     * reading or generating the spec's own table: how a saved model gets back the table it was trained with.
     */
    static NodeFeaturizer withSavedTable(String spec, AtomEmbeddings table) {
        String s = spec.trim();
        String[] p = s.split(":", -1);
        String head = p[0].toLowerCase(Locale.ROOT);
        if (!head.equals("table") && !head.equals("random") && !head.equals("unate") && !head.equals("shuffled")) {
            throw new IllegalArgumentException("featurizer spec '" + s + "' takes no element table");
        }
        boolean trainable = p.length >= 2 && (head.equals("random") && mode(s, p[1], "frozen", "trainable")
                || head.equals("unate") && mode(s, p[1], "frozen", "finetune"));
        return new Table(s, table, trainable);
    }

    private static void requireParts(String s, String[] p, int min, int max) {
        if (p.length < min || p.length > max) {
            throw new IllegalArgumentException("featurizer spec '" + s + "' takes no options");
        }
    }

    private static boolean mode(String spec, String m, String off, String on) {
        String x = m.trim().toLowerCase(Locale.ROOT);
        if (x.equals(off)) {
            return false;
        }
        if (x.equals(on)) {
            return true;
        }
        throw new IllegalArgumentException("featurizer spec '" + spec + "': mode '" + m + "' is neither " + off + " nor " + on);
    }

    /** {@code cgcnn-92}, a catalogue name or a table file; see {@link org.unate.embedding.EmbeddingTables#load(String)}. */
    static AtomEmbeddings loadTable(String ref) {
        return org.unate.embedding.EmbeddingTables.load(ref);
    }

    static void checkRange(List<CrystalGraph> graphs, String what) {
        for (CrystalGraph g : graphs) {
            for (int z : g.atomicNumbers()) {
                if (z < 1 || z > Element.MAX_Z) {
                    throw new IllegalArgumentException(what + " crystal '" + g.id() + "': atomic number " + z
                            + " outside 1.." + Element.MAX_Z);
                }
            }
        }
    }

    /** A featurizer computed from Z alone: no element table, nothing to check beyond the range of Z. */
    private interface WithoutTable extends NodeFeaturizer {
        @Override
        default Optional<AtomEmbeddings> table() {
            return Optional.empty();
        }

        @Override
        default boolean trainableTable() {
            return false;
        }

        @Override
        default void requireElements(List<CrystalGraph> graphs, String what) {
            checkRange(graphs, what);
        }

        @Override
        default NodeFeaturizer withTable(AtomEmbeddings t) {
            return this;
        }
    }

    /** A built layer: {@code features} maps Z to node vectors; {@code table} is the element table in the graph. */
    private static NodeFeaturizer.Layer layer(Function<Operand<TInt32>, Operand<TFloat32>> features,
            Optional<Operand<TFloat32>> table) {
        return new NodeFeaturizer.Layer() {
            @Override
            public Operand<TFloat32> apply(Operand<TInt32> z) {
                return features.apply(z);
            }

            @Override
            public Optional<Operand<TFloat32>> tableOperand() {
                return table;
            }
        };
    }

    /** Learned embedding indexed by Z (row 0, no element, is what pretraining feeds for a masked atom). */
    record AtomicNumber(String spec) implements WithoutTable {
        @Override
        public Layer build(Params params, int width) {
            Embedding emb = new Embedding(params, "features/embedding", ROWS, width);
            return layer(emb::apply, Optional.of(emb.table()));
        }
    }

    /** One-hot Z -> Dense. */
    record OneHot(String spec) implements WithoutTable {
        @Override
        public Layer build(Params params, int width) {
            Dense dense = new Dense(params, "features/dense", ROWS, width, Init.Kind.GLOROT_UNIFORM);
            Ops tf = params.tf();
            return layer(z -> dense.apply(tf.oneHot(z, tf.constant(ROWS), tf.constant(1f), tf.constant(0f))),
                    Optional.empty());
        }
    }

    /** A per-element table (frozen constant or trainable variable) -> Dense. */
    record Table(String spec, AtomEmbeddings embeddings, boolean trainableTable) implements NodeFeaturizer {
        @Override
        public Optional<AtomEmbeddings> table() {
            return Optional.of(embeddings);
        }

        @Override
        public void requireElements(List<CrystalGraph> graphs, String what) {
            checkRange(graphs, what);
            for (CrystalGraph g : graphs) {
                for (int z : g.atomicNumbers()) {
                    if (!embeddings.has(z)) {
                        throw new IllegalArgumentException("element " + Element.ofZ(z).symbol() + " (Z=" + z + ") of "
                                + what + " crystal '" + g.id() + "' has no vector in embedding table '"
                                + embeddings.name() + "' (featurizer " + spec + ")");
                    }
                }
            }
        }

        @Override
        public Layer build(Params params, int width) {
            int dim = embeddings.dim();
            float[][] dense = embeddings.denseByZ(new boolean[ROWS]);
            float[] flat = new float[ROWS * dim];
            for (int z = 0; z < ROWS; z++) {
                System.arraycopy(dense[z], 0, flat, z * dim, dim);
            }
            Ops tf = params.tf();
            Operand<TFloat32> tab = trainableTable
                    ? params.variable("features/table", Shape.of(ROWS, dim), flat, true)
                    : tf.withName("features.table").constant(Shape.of(ROWS, dim), DataBuffers.of(flat, true, false));
            Dense proj = new Dense(params, "features/dense", dim, width, Init.Kind.GLOROT_UNIFORM);
            return layer(z -> proj.apply(tf.gather(tab, z, tf.constant(0))), Optional.of(tab));
        }

        @Override
        public NodeFeaturizer withTable(AtomEmbeddings t) {
            return new Table(spec, t, trainableTable);
        }
    }
}
