package org.unate.crystal.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * Reads periodic frames of extended XYZ files (the format ASE and QUIP write).
 *
 * <pre>
 * 2
 * Lattice="5.64 0 0 0 5.64 0 0 0 5.64" Properties=species:S:1:pos:R:3 pbc="T T T" energy=-1.2
 * Na 0.0 0.0 0.0
 * Cl 2.82 2.82 2.82
 * </pre>
 * Line 1 is the atom count; line 2 holds {@code key=value} pairs (values may be double-quoted). {@code Lattice} (nine
 * numbers: a, b, c vectors in angstrom) is required: a frame without it is a molecule. {@code Properties} lists the
 * columns as {@code name:type:count} triples (types S string, R real, I integer, L logical) and defaults to
 * {@code species:S:1:pos:R:3}; it must contain {@code species:S:1} and {@code pos:R:3}. Every atom line must have
 * exactly the listed number of columns. Positions are Cartesian angstrom and converted to fractional coordinates with
 * the lattice. A {@code pbc} other than all true is refused (this library models 3-D periodic crystals). Other keys
 * are ignored.
 */
public final class ExtXyzReader {
    private ExtXyzReader() {
    }

    /** The first frame. @throws CrystalParseException when the file cannot be read or the frame is invalid */
    public static Structure read(Path file) {
        return parse(Io.readText(file), file.toString());
    }

    /** Every frame, in file order. */
    public static List<Structure> readAll(Path file) {
        return parseAll(Io.readText(file), file.toString());
    }

    /** The first frame of an extended XYZ text. */
    public static Structure parse(String text, String source) {
        try {
            String[] lines = text.split("\r\n|\n|\r", -1);
            int[] pos = {0};
            return frame(lines, pos);
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    /** Every frame of an extended XYZ text. */
    public static List<Structure> parseAll(String text, String source) {
        try {
            String[] lines = text.split("\r\n|\n|\r", -1);
            int[] pos = {0};
            List<Structure> out = new ArrayList<>();
            do {
                out.add(frame(lines, pos));
                while (pos[0] < lines.length && lines[pos[0]].isBlank()) {
                    pos[0]++;
                }
            } while (pos[0] < lines.length);
            return out;
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    private static Structure frame(String[] lines, int[] pos) {
        int first = pos[0] + 1;
        if (pos[0] >= lines.length || lines[pos[0]].isBlank()) {
            throw new CrystalParseException(Reason.MISSING_FIELD, first, "expected the atom count");
        }
        List<String> ct = Text.tokens(lines[pos[0]]);
        if (ct.size() != 1) {
            throw new CrystalParseException(Reason.BAD_VALUE, first, "expected the atom count alone on the line, got '"
                    + Text.clip(lines[pos[0]]) + "'");
        }
        int n = Numbers.count(ct.get(0), "the atom count", first);
        if (n == 0) {
            throw new CrystalParseException(Reason.NO_SITES, first, "expected at least one atom, count is 0");
        }
        if (pos[0] + 1 >= lines.length) {
            throw new CrystalParseException(Reason.MISSING_FIELD, first + 1, "expected the comment line with Lattice=");
        }
        int infoLine = first + 1;
        Map<String, String> info = keyValues(lines[pos[0] + 1], infoLine);
        String lat = info.get("lattice");
        if (lat == null) {
            throw new CrystalParseException(Reason.MISSING_FIELD, infoLine, "expected Lattice=\"ax ay az bx by bz cx cy"
                    + " cz\" on the comment line (a frame without a lattice is a molecule)");
        }
        List<String> lt = Text.tokens(lat);
        if (lt.size() != 9) {
            throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected 9 numbers in Lattice, got "
                    + lt.size());
        }
        double[][] m = new double[3][3];
        for (int i = 0; i < 9; i++) {
            m[i / 3][i % 3] = Numbers.finite(lt.get(i), "Lattice", infoLine);
        }
        Lattice lattice;
        try {
            lattice = Lattice.of(m);
        } catch (IllegalArgumentException e) {
            throw new CrystalParseException(Reason.BAD_LATTICE, null, 0, null, infoLine,
                    "expected three independent lattice vectors: " + e.getMessage(), e);
        }
        String pbc = info.get("pbc");
        if (pbc != null) {
            for (String b : Text.tokens(pbc)) {
                if (!(b.equalsIgnoreCase("T") || b.equalsIgnoreCase("true"))) {
                    throw new CrystalParseException(Reason.UNSUPPORTED, infoLine, "expected pbc=\"T T T\" (3-D"
                            + " periodic), got pbc=\"" + Text.clip(pbc) + "\"");
                }
            }
        }
        String props = info.getOrDefault("properties", "species:S:1:pos:R:3");
        String[] p = props.split(":", -1);
        if (p.length % 3 != 0) {
            throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected Properties as name:type:count"
                    + " triples, got '" + Text.clip(props) + "'");
        }
        int col = 0, speciesCol = -1, posCol = -1;
        for (int i = 0; i < p.length; i += 3) {
            int count = Numbers.count(p[i + 2], "the column count of property " + Text.clip(p[i]), infoLine);
            String type = p[i + 1];
            if (!(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L"))) {
                throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected type S, R, I or L for property "
                        + Text.clip(p[i]) + ", got '" + Text.clip(type) + "'");
            }
            if (p[i].equals("species")) {
                if (!type.equals("S") || count != 1) {
                    throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected species:S:1, got species:"
                            + Text.clip(type) + ":" + count);
                }
                speciesCol = col;
            } else if (p[i].equals("pos")) {
                if (!type.equals("R") || count != 3) {
                    throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected pos:R:3, got pos:"
                            + Text.clip(type) + ":" + count);
                }
                posCol = col;
            }
            col += count;
            if (col > 10_000) {
                throw new CrystalParseException(Reason.BAD_VALUE, infoLine, "expected at most 10000 columns");
            }
        }
        if (speciesCol < 0 || posCol < 0) {
            throw new CrystalParseException(Reason.MISSING_FIELD, infoLine, "expected species:S:1 and pos:R:3 in"
                    + " Properties, got '" + Text.clip(props) + "'");
        }
        List<Site> sites = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int li = pos[0] + 2 + a;
            if (li >= lines.length || (li == lines.length - 1 && lines[li].isEmpty())) {
                throw new CrystalParseException(Reason.MISSING_FIELD, li + 1, "expected " + n + " atom lines, the"
                        + " file ends after " + a);
            }
            List<String> t = Text.tokens(lines[li]);
            if (t.size() != col) {
                throw new CrystalParseException(Reason.BAD_VALUE, li + 1, "expected " + col + " columns ("
                        + Text.clip(props) + "), got " + t.size());
            }
            Element e = Text.exactSpecies(t.get(speciesCol), "species", li + 1);
            double[] r = new double[3];
            for (int k = 0; k < 3; k++) {
                r[k] = Numbers.finite(t.get(posCol + k), "pos", li + 1);
            }
            double[] f = lattice.toFractional(r);
            for (double x : f) {
                if (!(Math.abs(x) <= CifReader.MAX_ABS_FRACTIONAL)) {
                    throw new CrystalParseException(Reason.BAD_VALUE, li + 1, "expected a position within +-"
                            + (long) CifReader.MAX_ABS_FRACTIONAL + " cells of the lattice");
                }
            }
            sites.add(new Site(e, f, e.symbol()));
        }
        pos[0] += 2 + n;
        return Structure.of(lattice, sites);
    }

    /** {@code key=value} pairs (keys lower case); values may be "double quoted"; a bare key means "T". */
    static Map<String, String> keyValues(String line, int lineNo) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0, n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) <= ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int ks = i;
            while (i < n && line.charAt(i) > ' ' && line.charAt(i) != '=') {
                i++;
            }
            String key = line.substring(ks, i).toLowerCase(Locale.ROOT);
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '=') {
                i++;
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                String value;
                if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
                    char q = line.charAt(i);
                    int e = line.indexOf(q, i + 1);
                    if (e < 0) {
                        throw new CrystalParseException(Reason.SYNTAX, lineNo, "expected a closing " + q
                                + " for the value of " + Text.clip(key));
                    }
                    value = line.substring(i + 1, e);
                    i = e + 1;
                } else {
                    int vs = i;
                    while (i < n && line.charAt(i) > ' ') {
                        i++;
                    }
                    value = line.substring(vs, i);
                }
                out.put(key, value);
            } else if (!key.isEmpty()) {
                out.put(key, "T");
            }
        }
        return out;
    }
}
