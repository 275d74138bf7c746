package org.unate.crystal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A periodic crystal: a lattice and its sites, in source order.
 * <p>Immutable. Sites keep the coordinates the source wrote; nothing is snapped, wrapped or reordered.
 */
public final class Structure {
    private final Lattice lattice;
    private final List<Site> sites;

    private Structure(Lattice lattice, List<Site> sites) {
        this.lattice = Objects.requireNonNull(lattice, "lattice");
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("a structure needs at least one site");
        }
        this.sites = List.copyOf(sites);
    }

    public static Structure of(Lattice lattice, List<Site> sites) {
        return new Structure(lattice, sites);
    }

    public static Structure of(Lattice lattice, Site... sites) {
        return new Structure(lattice, List.of(sites));
    }

    public Lattice lattice() {
        return lattice;
    }

    public List<Site> sites() {
        return sites;
    }

    public int size() {
        return sites.size();
    }

    public Site site(int i) {
        return sites.get(i);
    }

    /** Atomic numbers in site order: {@code [nSites]}. */
    public int[] atomicNumbers() {
        int[] z = new int[sites.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = sites.get(i).element().z();
        }
        return z;
    }

    /** Cartesian coordinates (angstrom) of every site, row-major {@code [nSites * 3]}. */
    public double[] cartesianCoordinates() {
        double[] out = new double[sites.size() * 3];
        for (int i = 0; i < sites.size(); i++) {
            double[] r = lattice.toCartesian(sites.get(i).fractional());
            System.arraycopy(r, 0, out, 3 * i, 3);
        }
        return out;
    }

    /** Element counts, ordered by atomic number. */
    public Map<Element, Integer> composition() {
        Map<Element, Integer> c = new TreeMap<>((a, b) -> Integer.compare(a.z(), b.z()));
        for (Site s : sites) {
            c.merge(s.element(), 1, Integer::sum);
        }
        return c;
    }

    /** Formula of the cell (counts not reduced), elements in order of atomic number: "NaCl", "O3Fe2". */
    public String formula() {
        return formula(composition(), 1);
    }

    /**
     * Formula of the formula unit: the cell's counts divided by their greatest common divisor, elements in order of
     * atomic number: "Na" for a 2-atom Na cell, "NaCl" for Na4Cl4, "O3Fe2" for Fe4O6.
     */
    public String reducedFormula() {
        Map<Element, Integer> c = composition();
        int gcd = 0;
        for (int n : c.values()) {
            gcd = gcd(n, gcd);
        }
        return formula(c, gcd);
    }

    private static String formula(Map<Element, Integer> composition, int divisor) {
        StringBuilder b = new StringBuilder();
        composition.forEach((e, n) -> b.append(e.symbol()).append(n == divisor ? "" : Integer.toString(n / divisor)));
        return b.toString();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** A copy with the same lattice and other sites. */
    public Structure withSites(List<Site> newSites) {
        return new Structure(lattice, new ArrayList<>(newSites));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Structure s && lattice.equals(s.lattice) && sites.equals(s.sites);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lattice, sites);
    }

    @Override
    public String toString() {
        return "Structure(" + formula() + ", " + sites.size() + " sites, " + lattice + ")";
    }
}
