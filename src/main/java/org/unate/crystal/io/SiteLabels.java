package org.unate.crystal.io;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.unate.crystal.Element;

/**
 * The element of a CIF type symbol ({@code _atom_site_type_symbol}: {@code Fe}, {@code Fe2+}) or site label
 * ({@code _atom_site_label}: {@code Fe1}, {@code O2a}, {@code FE1}, {@code Wat5}).
 *
 * <p>The CIF core dictionary makes a label of components: component 0, which "normally matches" a type symbol (an
 * element symbol, perhaps with a charge), then component 1, a serial number, run together ({@code C12} is component 0
 * {@code C}, component 1 {@code 12}). So component 0 is the run of letters a label starts with, and where it is an
 * element symbol the label names that element. Files break the rule in several ways, and the major readers
 * disagree on them (pymatgen 2022 reads {@code FE1} as Fe, ASE 3.22 as F), so every reading by a rule other than
 * the dictionary's is returned with a note that says what was chosen and what else the label could mean:
 * <ol>
 * <li>component 0 is an element symbol as written ({@code Fe1}, {@code O2-}, {@code Ca1a}) or {@code D}/{@code T}
 *     (hydrogen isotopes, read as H): that element, no note;</li>
 * <li>component 0 is an element symbol in another case ({@code FE1}, {@code CL2}, {@code fe}): that element (old
 *     SHELX files write labels in capitals); a note when the first letter alone is also an element
 *     ({@code FE}: F?, {@code CL}: C?);</li>
 * <li>component 0 is a water code ({@code Wat}, {@code Ow}, {@code Hw}, any case, as pymatgen reads them): O, O, H,
 *     with a note (the water's hydrogen atoms are not in the file and are not added);</li>
 * <li>component 0 is longer than an element symbol ({@code Ob1}, {@code Sia}, {@code Oh}): the longest element
 *     symbol it starts with (two letters before one, as pymatgen), with a note naming the other reading if there is
 *     one ({@code Sia}: Si, could be S);</li>
 * <li>otherwise there is no element ({@code Xq9}, {@code 1Fe}): empty.</li>
 * </ol>
 * Type symbols go through the same rules; a well-formed one ({@code Fe2+}) always falls under rule 1.
 */
final class SiteLabels {
    /** An element read from a label, and a note when the reading is a choice (null when the label is plain). */
    record Reading(Element element, String note) {
    }

    private static final Map<String, String> WATER = Map.of("wat", "O", "ow", "O", "hw", "H");

    private SiteLabels() {
    }

    /** The element of a type symbol or label, with a note when it was chosen by a convention (see the class). */
    static Optional<Reading> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int n = 0;
        while (n < text.length() && isAsciiLetter(text.charAt(n))) {
            n++;
        }
        if (n == 0) {
            return Optional.empty();
        }
        String c0 = text.substring(0, n);
        Optional<Element> exact = Element.lookup(c0);
        if (exact.isPresent()) {
            Element e = exact.get();
            if (c0.equals(e.symbol())) {
                return Optional.of(new Reading(e, null));
            }
            Optional<Element> first = n == 2 ? Element.lookup(c0.substring(0, 1)) : Optional.empty();
            return Optional.of(new Reading(e, first.isEmpty() ? null : "'" + c0 + "' read as " + e.symbol()
                    + " (an element symbol in capitals; it could also be " + first.get().symbol() + ")"));
        }
        if (n == 1 && (c0.equals("D") || c0.equals("T") || c0.equals("d") || c0.equals("t"))) {
            return Optional.of(new Reading(Element.ofZ(1), null));
        }
        String water = WATER.get(c0.toLowerCase(Locale.ROOT));
        if (water != null) {
            return Optional.of(new Reading(Element.of(water), "'" + c0 + "' read as " + water + " (the water code"
                    + (water.equals("O") ? "; the water's hydrogen atoms are not listed and are not added)" : ")")));
        }
        Optional<Element> two = n >= 2 ? Element.lookup(c0.substring(0, 2)) : Optional.empty();
        Optional<Element> one = Element.lookup(c0.substring(0, 1));
        if (two.isPresent()) {
            return Optional.of(new Reading(two.get(), "'" + c0 + "' is not an element symbol; read as "
                    + two.get().symbol() + (one.isPresent() ? " (it could also be " + one.get().symbol() + ")" : "")));
        }
        if (one.isPresent()) {
            return Optional.of(new Reading(one.get(), "'" + c0 + "' is not an element symbol; read as "
                    + one.get().symbol()));
        }
        return Optional.empty();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
