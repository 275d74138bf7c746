package org.unate.crystal.io;

import java.util.ArrayList;
import java.util.List;

import org.unate.crystal.Element;
import org.unate.crystal.io.CrystalParseException.Reason;

/** Small text helpers shared by the readers. */
final class Text {
    private Text() {
    }

    /** {@code s} cut to 60 characters with control characters escaped, for messages. */
    static String clip(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= 60 && s.length() > 60) {
            b.append("...");
        }
        return b.toString();
    }

    /** Whitespace-separated tokens of a line (space, tab, and other ASCII controls). */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            int s = i;
            while (i < n && line.charAt(i) > ' ') {
                i++;
            }
            if (i > s) {
                out.add(line.substring(s, i));
            }
        }
        return out;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The element of an exact species name in a JSON structure ("Fe", or "Fe2+" / "Fe3+" with a charge): the symbol
     * must be a known element followed by nothing or an oxidation state.
     */
    static Element exactSpecies(String name, String what, int line) {
        if (name == null) {
            throw new CrystalParseException(Reason.MISSING_FIELD, line, "expected an element symbol for " + what
                    + ", got null");
        }
        int n = 0;
        while (n < name.length() && n < 2 && isAsciiLetter(name.charAt(n))) {
            n++;
        }
        String rest = name.substring(n);
        if (!rest.isEmpty() && !rest.matches("[0-9]*[+-]|[+-][0-9]*")) {
            // "Fe1" and similar labels are not species names
            throw new CrystalParseException(Reason.UNKNOWN_ELEMENT, line, "expected an element symbol for " + what
                    + " (e.g. 'Fe' or 'Fe2+'), got '" + clip(name) + "'");
        }
        String sym = name.substring(0, n);
        try {
            return Element.of(sym);
        } catch (IllegalArgumentException e) {
            throw new CrystalParseException(Reason.UNKNOWN_ELEMENT, line, "expected an element symbol for " + what
                    + " (e.g. 'Fe' or 'Fe2+'), got '" + clip(name) + "'");
        }
    }
}
