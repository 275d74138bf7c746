package org.unate.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.testing.TinyGraphs;

/** Hand-built test crystals: the shared ones of {@link TinyGraphs} in cubic cells of other edges, and cells only the
 * graph tests need. */
final class Structures {
    private Structures() {
    }

    /** Body-centred cubic iron (the sites of {@link TinyGraphs#bccFe}) in a cubic cell of edge a. */
    static Structure bccFe(double a) {
        return cubic(TinyGraphs.bccFe(), a);
    }

    /** Diamond silicon, conventional cubic cell (the 8 sites of {@link TinyGraphs#diamondSi}) of edge a. */
    static Structure diamondSi(double a) {
        return cubic(TinyGraphs.diamondSi(), a);
    }

    /** One atom (the site of {@link TinyGraphs#oneAtom}) in a cubic cell of edge a. */
    static Structure oneAtomCubic(double a) {
        return cubic(TinyGraphs.oneAtom(), a);
    }

    private static Structure cubic(Structure s, double a) {
        return Structure.of(Lattice.cubic(a), s.sites());
    }

    /** A very skewed triclinic cell (perpendicular widths well below 1 angstrom) with three atoms. */
    static Structure skewed() {
        Lattice l = Lattice.of(new double[][] {{3.1, 0, 0}, {2.9, 0.55, 0}, {2.7, 0.35, 0.45}});
        return Structure.of(l, Site.of("Si", 0.1, 0.2, 0.3), Site.of("O", 0.6, 0.15, 0.9),
                Site.of("O", 0.35, 0.8, 0.55));
    }

    /** Random triclinic cell with 1..maxSites atoms at least minDist apart. */
    static Structure random(SplittableRandom r, int maxSites) {
        while (true) {
            double a = 2.5 + 6 * r.nextDouble(), b = 2.5 + 6 * r.nextDouble(), c = 2.5 + 6 * r.nextDouble();
            double al = 60 + 60 * r.nextDouble(), be = 60 + 60 * r.nextDouble(), ga = 60 + 60 * r.nextDouble();
            Lattice l;
            try {
                l = Lattice.fromParameters(a, b, c, al, be, ga);
            } catch (IllegalArgumentException e) {
                continue;
            }
            int n = 1 + r.nextInt(maxSites);
            List<Site> sites = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // coordinates deliberately outside [0, 1) too
                sites.add(new Site(Element.ofZ(1 + r.nextInt(90)),
                        new double[] {r.nextDouble(-1.5, 2.5), r.nextDouble(-0.5, 1.5), r.nextDouble(0, 1)}, null));
            }
            return Structure.of(l, sites);
        }
    }
}
