package org.unate.pretrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;

/**
 * The element tables a pretrained encoder exports, in the project's table format ({@link AtomEmbeddings}).
 * <ul>
 * <li>{@link #context}: per element, the mean over every occurrence of the element in the pretraining set of the
 * encoder's final node state on the clean graph in inference mode, L2-normalised (the authors' table, but over the
 * whole set rather than one batch).</li>
 * <li>{@link #input}: the learned input embedding, the rows of the elements that occur in the set.</li>
 * </ul>
 * Elements that never occur have no vector; {@code meta.unseen_elements} lists them (never silently zero), and
 * {@code meta.occurrences} gives each element's atom count.
 */
public final class ElementTables {
    private ElementTables() {
    }

    /** Atom counts per atomic number, {@code [Element.MAX_Z + 1]}. */
    static long[] occurrences(List<CrystalGraph> graphs) {
        long[] n = new long[Element.MAX_Z + 1];
        for (CrystalGraph g : graphs) {
            for (int z : g.atomicNumbers()) {
                n[z]++;
            }
        }
        return n;
    }

    static AtomEmbeddings context(PretrainModel model, List<CrystalGraph> graphs, int batchSize,
                                  Map<String, Object> meta) {
        int h = model.config().dim();
        double[][] sum = new double[Element.MAX_Z + 1][];
        for (int s = 0; s < graphs.size(); s += batchSize) {
            GraphBatch b = GraphBatch.pack(graphs.subList(s, Math.min(graphs.size(), s + batchSize)));
            float[] v = model.nodeStates(b);
            int[] z = b.atomicNumbers();
            for (int i = 0; i < z.length; i++) {
                double[] acc = sum[z[i]];
                if (acc == null) {
                    acc = sum[z[i]] = new double[h];
                }
                for (int c = 0; c < h; c++) {
                    acc[c] += v[i * h + c];
                }
            }
        }
        Map<Integer, float[]> vectors = new TreeMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (sum[z] != null) {
                double norm = 0;
                for (double x : sum[z]) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                float[] out = new float[h];
                for (int c = 0; c < h; c++) {
                    out[c] = (float) (norm > 0 ? sum[z][c] / norm : 0);
                }
                vectors.put(z, out);
            }
        }
        return AtomEmbeddings.of(vectors, meta(meta, "context", occurrences(graphs),
                "mean final encoder state per element over every occurrence (clean graphs, inference mode), "
                        + "L2-normalised"));
    }

    static AtomEmbeddings input(PretrainModel model, List<CrystalGraph> graphs, Map<String, Object> meta) {
        int h = model.config().dim();
        float[] table = model.inputTable();
        long[] n = occurrences(graphs);
        Map<Integer, float[]> vectors = new TreeMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (n[z] > 0) {
                float[] row = new float[h];
                System.arraycopy(table, z * h, row, 0, h);
                vectors.put(z, row);
            }
        }
        return AtomEmbeddings.of(vectors, meta(meta, "input", n, "the learned input embedding of Z"));
    }

    private static Map<String, Object> meta(Map<String, Object> base, String kind, long[] n, String what) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put("name", "unate-" + kind);
        m.put("table", kind);
        m.put("description", what);
        List<String> unseen = new ArrayList<>();
        Map<String, Long> occ = new LinkedHashMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (n[z] == 0) {
                unseen.add(Element.ofZ(z).symbol());
            } else {
                occ.put(Element.ofZ(z).symbol(), n[z]);
            }
        }
        m.put("unseen_elements", unseen);
        m.put("occurrences", occ);
        return m;
    }
}
