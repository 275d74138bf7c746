package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.testing.TinyGraphs;
import tech.tablesaw.api.Table;

class GraphSummaryTest {
    @Test
    void bccIronHasEightNearestNeighboursAtHalfTheBodyDiagonal() {
        Structure fe = TinyGraphs.bccFe();
        double a = fe.lattice().lengths()[0];
        CrystalGraph g = GraphBuilder.of(GraphConfig.radius(2.5)).build("fe", fe);
        assertArrayEquals(new double[] {8, 8}, GraphSummary.degrees(List.of(g)), 0);
        double[] d = GraphSummary.distances(List.of(g));
        assertEquals(16, d.length);
        for (double x : d) {
            assertEquals(a * Math.sqrt(3) / 2, x, 1e-12);
        }
        Table t = GraphSummary.neighbours(g);
        assertEquals(List.of(8, 8), t.intColumn("neighbours").asList());
        assertEquals(a * Math.sqrt(3) / 2, t.doubleColumn("farthest").get(1), 1e-12);
    }

    @Test
    void sitesTableKeepsFileOrderAndConvertsToCartesian() {
        Structure s = Structure.of(Lattice.cubic(4.0), Site.of("Cs", 0, 0, 0), Site.of("Cl", 0.5, 0.5, 0.5));
        Table t = GraphSummary.sites(s);
        assertEquals(List.of("Cs", "Cl"), t.stringColumn("element").asList());
        assertEquals(2.0, t.doubleColumn("z").get(1), 1e-15);
    }
}
