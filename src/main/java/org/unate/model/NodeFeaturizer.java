package org.unate.model;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.nn.Params;

/**
 * Turns atomic numbers into the initial node vectors of a backbone: {@code [nNodes] (int32 Z) -> [nNodes, H]}.
 * <p>Specs ({@link #parse}):
 * <ul>
 * <li>{@code atomic-number}: a learned embedding indexed by Z, width H (the baseline of the paper).</li>
 * <li>{@code one-hot}: Z one-hot (119 wide) -> Dense to H.</li>
 * <li>{@code table:PATH}, {@code table:NAME} or {@code table:cgcnn-92}: a per-element table ({@link AtomEmbeddings};
 * the project's JSON format or CGCNN's atom_init.json; NAME a table of the catalogue, e.g. {@code mat2vec}), a frozen
 * constant, -> Dense to H.</li>
 * <li>{@code random:frozen[:SEED[:REF]]}, {@code random:trainable[:SEED[:REF]]}: a seeded N(0, 1) table for every
 * element, as wide as REF (an integer width, {@code cgcnn-92}, a catalogue name or a table file; default 92), frozen or
 * trainable, -> Dense to H. The control for a learned table of the same size. SEED defaults to 0.
 * {@code random:MODE:SEED:norm:REF} also scales every row to REF's mean row norm (1 for an L2-normalised table such as
 * UNATE's context table), so the control matches REF in width and row norm.</li>
 * <li>{@code shuffled[:SEED]:REF}: REF's rows permuted across REF's elements (a seeded derangement: the same vectors,
 * no element keeps its own), frozen, -> Dense to H. The control for what a table's element identity carries.</li>
 * <li>{@code unate:frozen:PATH}, {@code unate:finetune:PATH}: a pretrained table, frozen, or a trainable variable
 * initialised from it, -> Dense to H.</li>
 * </ul>
 * {@code cgcnn-92} is the {@code cgcnn-atom-init} dataset that {@code make data} resolves, or else
 * {@code data/embeddings/cgcnn-atom-init.json} under the shared mirror folder (system property {@code unate.shared},
 * environment variable {@code UNATE_SHARED}, else {@code ./shared} or {@code ../shared}).
 * <p>Implementations are immutable descriptions; {@link #build} adds the layer's variables to a graph.
 */
public interface NodeFeaturizer {
    /** The spec this featurizer was parsed from. */
    String spec();

    /** The per-element table used, if any (the initial values for a trainable one). */
    Optional<AtomEmbeddings> table();

    /** Whether the table (if any) is trained. */
    boolean trainableTable();

    /**
     * Throws {@link IllegalArgumentException} naming the crystal, the element and the table if some atom has no
     * vector; {@code what} says which data set is checked ("training", "validation", "prediction").
     */
    void requireElements(List<CrystalGraph> graphs, String what);

    /** Adds the featurizer's variables to {@code params}; the returned layer can be applied any number of times. */
    Layer build(Params params, int width);

    /** A featurizer with the same kind and trainability but this table (used when a saved model is loaded). */
    NodeFeaturizer withTable(AtomEmbeddings table);

    /** The built featurizer of one graph. */
    interface Layer {
        /** {@code [nNodes] -> [nNodes, width]}. */
        Operand<TFloat32> apply(Operand<TInt32> atomicNumbers);

        /**
         * The element table as it stands in the graph, {@code [119, D]} (constant or variable), if any; for
         * {@code atomic-number} the learned embedding itself ({@code [119, width]}).
         */
        Optional<Operand<TFloat32>> tableOperand();
    }

    /** Parses a spec (see the class comment). */
    static NodeFeaturizer parse(String spec) {
        return FeaturizerSpecs.parse(spec);
    }

    /**
     * The featurizer of a table-based spec ({@code table:}, {@code random:}, {@code shuffled:}, {@code unate:}) with a
     * given table, without reading or generating the spec's own table: how a saved model gets back the table it was trained with.
     */
    static NodeFeaturizer withSavedTable(String spec, AtomEmbeddings table) {
        return FeaturizerSpecs.withSavedTable(spec, table);
    }
}
