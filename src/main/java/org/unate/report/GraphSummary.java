package org.unate.report;

import java.util.Collection;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.graph.CrystalGraph;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Numbers and tables that describe crystal graphs and single structures, for notebooks and reports. */
public final class GraphSummary {
    private GraphSummary() {
    }

    /** Neighbour count of every site of every graph: {@code [total sites]}. */
    public static double[] degrees(Collection<CrystalGraph> graphs) {
        int n = graphs.stream().mapToInt(CrystalGraph::numNodes).sum();
        double[] out = new double[n];
        int at = 0;
        for (CrystalGraph g : graphs) {
            for (int d : g.degrees()) {
                out[at++] = d;
            }
        }
        return out;
    }

    /** Length of every edge of every graph, angstrom: {@code [total edges]}. */
    public static double[] distances(Collection<CrystalGraph> graphs) {
        long n = graphs.stream().mapToLong(CrystalGraph::numEdges).sum();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many edges for one array: " + n);
        }
        double[] out = new double[(int) n];
        int at = 0;
        for (CrystalGraph g : graphs) {
            System.arraycopy(g.distance(), 0, out, at, g.numEdges());
            at += g.numEdges();
        }
        return out;
    }

    /** One row per site: label, element, fractional and Cartesian (angstrom) coordinates, in file order. */
    public static Table sites(Structure s) {
        StringColumn label = StringColumn.create("label"), element = StringColumn.create("element");
        DoubleColumn[] f = {DoubleColumn.create("fx"), DoubleColumn.create("fy"), DoubleColumn.create("fz")};
        DoubleColumn[] c = {DoubleColumn.create("x"), DoubleColumn.create("y"), DoubleColumn.create("z")};
        for (Site site : s.sites()) {
            label.append(site.label());
            element.append(site.element().symbol());
            double[] cart = s.lattice().toCartesian(site.fractional());
            for (int k = 0; k < 3; k++) {
                f[k].append(site.frac(k));
                c[k].append(cart[k]);
            }
        }
        return Table.create(s.formula(), label, element, f[0], f[1], f[2], c[0], c[1], c[2]);
    }

    /**
     * One row per site of a graph: element, neighbour count, nearest and farthest neighbour distance (angstrom); the
     * table is named in words: "neighbours of each site of record 0 (As2Si2Ti2Cu2)".
     */
    public static Table neighbours(CrystalGraph g) {
        IntColumn site = IntColumn.create("site"), z = IntColumn.create("Z"), deg = IntColumn.create("neighbours");
        DoubleColumn near = DoubleColumn.create("nearest"), far = DoubleColumn.create("farthest");
        int[] degrees = g.degrees();
        int e = 0;
        for (int i = 0; i < g.numNodes(); i++) {
            site.append(i);
            z.append(g.atomicNumbers()[i]);
            deg.append(degrees[i]);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < degrees[i]; k++, e++) {
                lo = Math.min(lo, g.distance()[e]);
                hi = Math.max(hi, g.distance()[e]);
            }
            near.append(degrees[i] == 0 ? Double.NaN : lo);
            far.append(degrees[i] == 0 ? Double.NaN : hi);
        }
        return Table.create("neighbours of each site of record " + g.id() + " (" + g.formula() + ")", site, z, deg,
                near, far);
    }
}
