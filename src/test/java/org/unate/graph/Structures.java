package org.unate.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;

/** Hand-built test crystals. */
final class Structures {
    private Structures() {
    }

    /** Rock salt, conventional cubic cell of edge a: 4 Na + 4 Cl. */
    static Structure nacl(double a) {
        List<Site> s = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] f : fcc) {
            s.add(Site.of("Na", f[0], f[1], f[2]));
        }
        for (double[] f : fcc) {
            s.add(Site.of("Cl", f[0] + 0.5 - Math.floor(f[0] + 0.5), f[1], f[2]));
        }
        return Structure.of(Lattice.cubic(a), s);
    }

    static Structure cscl(double a) {
        return Structure.of(Lattice.cubic(a), Site.of("Cs", 0, 0, 0), Site.of("Cl", 0.5, 0.5, 0.5));
    }

    static Structure bccFe(double a) {
        return Structure.of(Lattice.cubic(a), Site.of("Fe", 0, 0, 0), Site.of("Fe", 0.5, 0.5, 0.5));
    }

    /** Diamond silicon, conventional cubic cell (8 atoms). */
    static Structure diamondSi(double a) {
        List<Site> s = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] f : fcc) {
            s.add(Site.of("Si", f[0], f[1], f[2]));
            s.add(Site.of("Si", f[0] + 0.25, f[1] + 0.25, f[2] + 0.25));
        }
        return Structure.of(Lattice.cubic(a), s);
    }

    static Structure oneAtomCubic(double a) {
        return Structure.of(Lattice.cubic(a), Site.of("Po", 0, 0, 0));
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
