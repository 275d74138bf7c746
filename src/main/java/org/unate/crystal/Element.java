package org.unate.crystal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A chemical element, Z = 1..118.
 * <p>Only identity lives here; physical properties used by featurizers live in {@code ElementData}.
 */
public record Element(int z, String symbol) {
    private static final String[] SYMBOLS = {
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar",
        "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr",
        "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe",
        "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po", "At", "Rn",
        "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr",
        "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};

    /** The largest atomic number known here. */
    public static final int MAX_Z = SYMBOLS.length;

    private static final Element[] BY_Z = new Element[MAX_Z + 1];
    private static final Map<String, Element> BY_SYMBOL = new HashMap<>();

    static {
        for (int z = 1; z <= MAX_Z; z++) {
            Element e = new Element(z, SYMBOLS[z - 1]);
            BY_Z[z] = e;
            BY_SYMBOL.put(e.symbol, e);
        }
    }

    public Element {
        if (z < 1 || z > MAX_Z || !SYMBOLS[z - 1].equals(symbol)) {
            throw new IllegalArgumentException("no element with Z=" + z + " and symbol '" + symbol + "'");
        }
    }

    /** The element with atomic number {@code z}; throws for z outside 1..118. */
    public static Element ofZ(int z) {
        if (z < 1 || z > MAX_Z) {
            throw new IllegalArgumentException("atomic number must be in 1.." + MAX_Z + ", got " + z);
        }
        return BY_Z[z];
    }

    /** The element with this symbol, matched exactly ("Fe", not "FE"); throws if unknown. */
    public static Element of(String symbol) {
        Element e = BY_SYMBOL.get(symbol);
        if (e == null) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "'");
        }
        return e;
    }

    /** The element with this symbol, tolerant of case ("FE", "fe"); empty if unknown. */
    public static Optional<Element> lookup(String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 2) {
            return Optional.empty();
        }
        String norm = symbol.substring(0, 1).toUpperCase(Locale.ROOT) + symbol.substring(1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(BY_SYMBOL.get(norm));
    }

    /** All elements in order of atomic number. */
    public static List<Element> all() {
        return List.of(BY_Z).subList(1, MAX_Z + 1);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
