package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.testing.TinyGraphs;

class NeighborFinderTest {
    private static final double EPS = 1e-12;

    private static CrystalGraph all(Structure s, double cutoff) {
        return GraphBuilder.of(GraphConfig.radius(cutoff)).build("t", s);
    }

    /** Distances of the edges of centre i, in graph order. */
    private static double[] distancesOf(CrystalGraph g, int i) {
        List<Double> d = new ArrayList<>();
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.source()[e] == i) {
                d.add(g.distance()[e]);
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertShell(double[] d, int count, double expected) {
        assertTrue(d.length >= count, "only " + d.length + " neighbours");
        for (int k = 0; k < count; k++) {
            assertEquals(expected, d[k], 1e-12, "neighbour " + k);
        }
        if (d.length > count) {
            assertTrue(d[count] > expected + 1e-6, "shell has more than " + count + " members");
        }
    }

    @Test
    void naclFirstTwoShells() {
        double a = 5.64;
        CrystalGraph g = all(TinyGraphs.nacl(), a / Math.sqrt(2) + 1e-6);
        for (int i = 0; i < 8; i++) {
            double[] d = distancesOf(g, i);
            assertEquals(18, d.length, "site " + i);
            assertShell(d, 6, a / 2);
            for (int k = 6; k < 18; k++) {
                assertEquals(a / Math.sqrt(2), d[k], 1e-12);
            }
            // the 6 nearest are of the other element, the 12 next of the same
            for (int e = 0; e < g.numEdges(); e++) {
                if (g.source()[e] == i) {
                    boolean same = g.atomicNumbers()[g.destination()[e]] == g.atomicNumbers()[i];
                    assertEquals(g.distance()[e] > a / 2 + 1e-6, same);
                }
            }
        }
    }

    @Test
    void csclAndBccFe() {
        double a = 4.12;
        CrystalGraph g = all(TinyGraphs.cscl(), a + 1e-6);
        for (int i = 0; i < 2; i++) {
            double[] d = distancesOf(g, i);
            assertEquals(14, d.length);
            assertShell(d, 8, a * Math.sqrt(3) / 2);
        }
        double af = 2.8665;
        CrystalGraph fe = all(Structures.bccFe(af), af + 1e-6);
        for (int i = 0; i < 2; i++) {
            double[] d = distancesOf(fe, i);
            assertEquals(14, d.length);
            assertShell(d, 8, af * Math.sqrt(3) / 2);
            for (int k = 8; k < 14; k++) {
                assertEquals(af, d[k], 1e-12);
            }
        }
    }

    @Test
    void diamondSiHasFourNearest() {
        double a = 5.431;
        CrystalGraph g = all(Structures.diamondSi(a), a * Math.sqrt(2) / 2 + 1e-6);
        for (int i = 0; i < 8; i++) {
            double[] d = distancesOf(g, i);
            assertEquals(16, d.length);
            assertShell(d, 4, a * Math.sqrt(3) / 4);
        }
    }

    @Test
    void oneAtomCellSeesItsSixImages() {
        CrystalGraph g = all(TinyGraphs.oneAtom(), 3.0);
        assertEquals(6, g.numEdges());
        int[] expected = {-1, 0, 0, 0, -1, 0, 0, 0, -1, 0, 0, 1, 0, 1, 0, 1, 0, 0};
        assertArrayEquals(expected, g.image(), "ties broken by image, lexicographically");
        for (int e = 0; e < 6; e++) {
            assertEquals(0, g.destination()[e]);
            assertEquals(3.0, g.distance()[e], 0.0);
        }
        // images through many cells: the first 4 shells of a simple cubic lattice up to 2a
        CrystalGraph g2 = all(Structures.oneAtomCubic(1.0), 2.0);
        assertEquals(6 + 12 + 8 + 6, g2.numEdges());
    }

    @Test
    void cutoffIsInclusiveWithinTolerance() {
        assertEquals(6, all(TinyGraphs.oneAtom(), 3.0 - 0.5e-8).numEdges());
        assertEquals(0, GraphBuilder.of(GraphConfig.radius(3.0 - 2e-8).withAllowIsolatedSites(true))
                .build("t", TinyGraphs.oneAtom()).numEdges());
    }

    @Test
    void kNearestTieBreakIsByNeighbourThenImage() {
        CrystalGraph g = GraphBuilder.of(GraphConfig.kNearest(5.0, 3)).build("t", TinyGraphs.oneAtom());
        assertArrayEquals(new int[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}, g.image());
        // bcc: 8 nearest are all neighbour 1 (the other atom); k = 10 adds two of the 6 images of atom 0
        CrystalGraph fe = GraphBuilder.of(GraphConfig.kNearest(5.0, 10)).build("t", TinyGraphs.bccFe());
        int[] deg = fe.degrees();
        assertArrayEquals(new int[] {10, 10}, deg);
        for (int e = 0; e < 8; e++) {
            assertEquals(1, fe.destination()[e]);
        }
        assertEquals(0, fe.destination()[8]);
        assertArrayEquals(new int[] {-1, 0, 0, 0, -1, 0}, Arrays.copyOfRange(fe.image(), 24, 30));
    }

    @Test
    void kNearestKeepsFewerWhenFewerWithinCutoff() {
        CrystalGraph g = GraphBuilder.of(GraphConfig.cgcnn()).build("t", Structures.oneAtomCubic(6.0));
        assertEquals(6, g.numEdges(), "6 images at 6 A, the next shell (8.49 A) is beyond 8 A; no padding");
    }

    @Test
    void isolatedSitesAreReportedNotPadded() {
        Structure s = Structure.of(Lattice.cubic(20.0), Site.of("Fe", 0, 0, 0), Site.of("Fe", 0.1, 0, 0),
                Site.of("O", 0.5, 0.5, 0.5));
        GraphBuildException ex = assertThrows(GraphBuildException.class,
                () -> GraphBuilder.of(GraphConfig.cgcnn()).build("mp-42", s));
        assertEquals(GraphBuildException.Reason.ISOLATED_SITE, ex.reason());
        assertArrayEquals(new int[] {2}, ex.sites());
        assertEquals("mp-42", ex.recordId());
        assertTrue(ex.getMessage().contains("mp-42") && ex.getMessage().contains("[2]"), ex.getMessage());
        CrystalGraph g = GraphBuilder.of(GraphConfig.cgcnn().withAllowIsolatedSites(true)).build("mp-42", s);
        assertArrayEquals(new int[] {1, 1, 0}, g.degrees());
    }

    @Test
    void coincidentSitesFail() {
        Structure s = Structure.of(Lattice.cubic(4.0), Site.of("Fe", 0, 0, 0), Site.of("O", 1.0, 0, 0));
        GraphBuildException ex = assertThrows(GraphBuildException.class, () -> all(s, 5.0));
        assertEquals(GraphBuildException.Reason.COINCIDENT_SITES, ex.reason());
    }

    @Test
    void skewedTriclinicMatchesBruteForce() {
        Structure s = Structures.skewed();
        double[] w = s.lattice().perpendicularWidths();
        assertTrue(w[0] < 1 && w[2] < 1, "cell should be thin: " + Arrays.toString(w));
        for (double cutoff : new double[] {2.0, 5.0, 8.0}) {
            assertMatchesBruteForce(s, cutoff);
        }
    }

    @Test
    void sameLatticeInASkewedBasisGivesSameDistances() {
        Structure s = TinyGraphs.nacl();
        double[][] m = s.lattice().matrix();
        // c' = c + 4a + 3b, b' = b - 5a: the same lattice, a far more skewed cell
        double[][] m2 = new double[3][3];
        for (int k = 0; k < 3; k++) {
            m2[0][k] = m[0][k];
            m2[1][k] = m[1][k] - 5 * m[0][k];
            m2[2][k] = m[2][k] + 4 * m[0][k] + 3 * m[1][k];
        }
        Lattice l2 = Lattice.of(m2);
        List<Site> sites = new ArrayList<>();
        for (Site site : s.sites()) {
            sites.add(new Site(site.element(), l2.toFractional(s.lattice().toCartesian(site.fractional())), null));
        }
        CrystalGraph g1 = all(s, 8.0), g2 = all(Structure.of(l2, sites), 8.0);
        assertEquals(g1.numEdges(), g2.numEdges());
        for (int i = 0; i < s.size(); i++) {
            assertArrayEquals(distancesOf(g1, i), distancesOf(g2, i), 1e-9);
        }
    }

    @Test
    void randomStructuresMatchBruteForce() {
        SplittableRandom r = new SplittableRandom(20240611L);
        for (int t = 0; t < 40; t++) {
            Structure s = Structures.random(r, 6);
            assertMatchesBruteForce(s, 2 + 6 * r.nextDouble());
        }
    }

    @Test
    void cellListPathMatchesBruteForceOnALargeCell() {
        // 3x3x3 supercell of NaCl (216 atoms, widths 16.9 A): 3 bins per axis at 5 A, bin scanning really prunes
        SplittableRandom r = new SplittableRandom(7);
        double a = 5.64 * 3;
        List<Site> sites = new ArrayList<>();
        for (Site site : TinyGraphs.nacl().sites()) {
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    for (int z = 0; z < 3; z++) {
                        double[] f = site.fractional();
                        sites.add(new Site(site.element(), new double[] {(f[0] + x) / 3 + 0.01 * r.nextDouble(),
                                (f[1] + y) / 3, (f[2] + z) / 3 - 0.01 * r.nextDouble()}, null));
                    }
                }
            }
        }
        Structure big = Structure.of(Lattice.cubic(a), sites);
        assertMatchesBruteForce(big, 4.0);
        // 5.5 A cutoff: 3 bins of 5.64 A per axis
        assertMatchesBruteForce(big, 5.5);
    }

    @Test
    void edgesFollowTheConventions() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 10; t++) {
            Structure s = Structures.random(r, 5);
            CrystalGraph g = all(s, 6.0);
            double[] rc = s.cartesianCoordinates();
            double[][] m = s.lattice().matrix();
            Map<String, Integer> index = new HashMap<>();
            for (int e = 0; e < g.numEdges(); e++) {
                int i = g.source()[e], j = g.destination()[e];
                int[] n = Arrays.copyOfRange(g.image(), 3 * e, 3 * e + 3);
                double len2 = 0;
                for (int k = 0; k < 3; k++) {
                    double expect = rc[3 * j + k] + n[0] * m[0][k] + n[1] * m[1][k] + n[2] * m[2][k] - rc[3 * i + k];
                    assertEquals(expect, g.vector()[3 * e + k], 1e-9, "vector = r_j + n M - r_i");
                    len2 += g.vector()[3 * e + k] * g.vector()[3 * e + k];
                }
                assertEquals(Math.sqrt(len2), g.distance()[e], EPS);
                index.put(i + "," + j + "," + n[0] + "," + n[1] + "," + n[2], e);
                if (e > 0 && g.source()[e - 1] == i) {
                    double q0 = Math.round(g.distance()[e - 1] / 1e-8), q1 = Math.round(g.distance()[e] / 1e-8);
                    assertTrue(q0 < q1 || (q0 == q1 && compareTie(g, e - 1, e) < 0), "order at edge " + e);
                } else if (e > 0) {
                    assertTrue(g.source()[e - 1] < i, "grouped by centre");
                }
            }
            // every edge i -> j (n) has its reverse j -> i (-n)
            for (int e = 0; e < g.numEdges(); e++) {
                int[] n = Arrays.copyOfRange(g.image(), 3 * e, 3 * e + 3);
                String rev = g.destination()[e] + "," + g.source()[e] + "," + -n[0] + "," + -n[1] + "," + -n[2];
                assertTrue(index.containsKey(rev), "reverse of edge " + e);
            }
        }
    }

    private static int compareTie(CrystalGraph g, int a, int b) {
        int c = Integer.compare(g.destination()[a], g.destination()[b]);
        for (int k = 0; c == 0 && k < 3; k++) {
            c = Integer.compare(g.image()[3 * a + k], g.image()[3 * b + k]);
        }
        return c;
    }

    @Test
    void unwrappedCoordinatesGiveTheSameDistancesAndConsistentImages() {
        Structure s = Structures.diamondSi(5.431);
        List<Site> shifted = new ArrayList<>();
        int[][] shifts = {{3, 0, -2}, {-1, -1, -1}, {0, 7, 0}, {0, 0, 0}, {1, 1, 1}, {-4, 2, 0}, {0, 0, 5}, {2, -3, 1}};
        for (int i = 0; i < s.size(); i++) {
            double[] f = s.site(i).fractional();
            shifted.add(new Site(s.site(i).element(),
                    new double[] {f[0] + shifts[i][0], f[1] + shifts[i][1], f[2] + shifts[i][2]}, null));
        }
        Structure s2 = Structure.of(s.lattice(), shifted);
        CrystalGraph g1 = all(s, 5.0), g2 = all(s2, 5.0);
        assertEquals(g1.numEdges(), g2.numEdges());
        assertArrayEquals(g1.destination(), g2.destination());
        assertArrayEquals(g1.distance(), g2.distance(), 1e-12);
        assertArrayEquals(g1.vector(), g2.vector(), 1e-12);
        for (int e = 0; e < g1.numEdges(); e++) {
            int i = g1.source()[e], j = g1.destination()[e];
            for (int k = 0; k < 3; k++) {
                // r_j + n M - r_i is unchanged, so n' = n + s_i - s_j
                assertEquals(g1.image()[3 * e + k] + shifts[i][k] - shifts[j][k], g2.image()[3 * e + k]);
            }
        }
    }

    @Test
    void siteOrderDoesNotChangeDistanceLists() {
        Structure s = Structures.skewed();
        List<Site> rev = new ArrayList<>(s.sites());
        java.util.Collections.reverse(rev);
        CrystalGraph g1 = all(s, 6.0), g2 = all(Structure.of(s.lattice(), rev), 6.0);
        for (int i = 0; i < s.size(); i++) {
            assertArrayEquals(distancesOf(g1, i), distancesOf(g2, s.size() - 1 - i), 1e-12);
        }
    }

    static void assertMatchesBruteForce(Structure s, double cutoff) {
        List<BruteForce.Edge> ref = BruteForce.neighbors(s, cutoff);
        CrystalGraph g = all(s, cutoff);
        Map<String, Double> expected = new HashMap<>();
        for (BruteForce.Edge e : ref) {
            expected.put(e.i() + "," + e.j() + "," + e.n0() + "," + e.n1() + "," + e.n2(), e.d());
        }
        assertEquals(expected.size(), g.numEdges(), "edge count for " + s + " at " + cutoff + " A");
        for (int e = 0; e < g.numEdges(); e++) {
            String key = g.source()[e] + "," + g.destination()[e] + "," + g.image()[3 * e] + ","
                    + g.image()[3 * e + 1] + "," + g.image()[3 * e + 2];
            Double d = expected.get(key);
            assertTrue(d != null, "unexpected edge " + key);
            assertEquals(d, g.distance()[e], 1e-9);
        }
    }
}
