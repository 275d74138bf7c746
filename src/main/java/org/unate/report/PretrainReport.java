package org.unate.report;

import java.util.Locale;
import org.unate.crystal.Element;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.TableGeometry;
import org.unate.graph.CrystalGraph;
import org.unate.pretrain.Views;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Small tables and lines about pretraining, for notebook 03 and the results docs. */
public final class PretrainReport {
    private PretrainReport() {
    }

    /**
     * The two views of the first crystal of {@code v}: per view, which atoms are masked and how many edges are
     * left of the clean graph's.
     */
    public static Table views(CrystalGraph clean, Views v) {
        StringColumn view = StringColumn.create("view");
        StringColumn masked = StringColumn.create("masked atoms (index: element)");
        IntColumn edges = IntColumn.create("edges kept");
        IntColumn all = IntColumn.create("edges of the clean graph");
        int n = clean.numNodes();
        int graphs = v.batch().numGraphs();
        int[] nodeStart = new int[graphs + 1];
        for (int g = 0; g < graphs; g++) {
            nodeStart[g + 1] = nodeStart[g] + v.batch().nodesPerGraph()[g];
        }
        int half = graphs / 2;
        for (int k = 0; k < 2; k++) {
            int g = k * half;
            StringBuilder m = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (v.batch().atomicNumbers()[nodeStart[g] + i] == Views.MASK) {
                    m.append(m.length() == 0 ? "" : ", ").append(i).append(": ")
                            .append(Element.ofZ(clean.atomicNumbers()[i]).symbol());
                }
            }
            int kept = 0;
            for (int e = 0; e < v.batch().numEdges(); e++) {
                int s = v.batch().source()[e];
                if (s >= nodeStart[g] && s < nodeStart[g + 1]) {
                    kept++;
                }
            }
            view.append(k == 0 ? "A" : "B");
            masked.append(m.length() == 0 ? "none" : m.toString());
            edges.append(kept);
            all.append(clean.numEdges());
        }
        return Table.create("two views of crystal " + clean.id() + " (" + n + " atoms)", view, masked, edges, all);
    }

    /** cos(Na, K) against cos(Na, Fe) and cos(Cl, Br) against cos(Cl, Fe), one line each. */
    public static String similarities(AtomEmbeddings t) {
        return String.format(Locale.ROOT, "%s: cos(Na, K) = %.3f vs cos(Na, Fe) = %.3f; cos(Cl, Br) = %.3f vs "
                        + "cos(Cl, Fe) = %.3f", t.name(), TableGeometry.cosine(t, "Na", "K"),
                TableGeometry.cosine(t, "Na", "Fe"), TableGeometry.cosine(t, "Cl", "Br"),
                TableGeometry.cosine(t, "Cl", "Fe"));
    }
}
