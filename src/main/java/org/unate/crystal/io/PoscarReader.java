package org.unate.crystal.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * Reads VASP POSCAR / CONTCAR files (VASP 4 and 5 layouts).
 *
 * <pre>
 * line 1   comment (free text)
 * line 2   scale: one number s (s &gt; 0 multiplies vectors and Cartesian positions; s &lt; 0 means the cell volume
 *          is -s cubic angstrom), or three positive numbers scaling x, y, z separately
 * line 3-5 lattice vectors a, b, c (angstrom, before scaling)
 * line 6   species symbols (VASP 5), e.g. "Fe O" or "Fe_pv O" or "Fe/abc123"; absent in VASP 4
 * line 7   counts per species, e.g. "2 3"
 * [Selective dynamics]   optional, recognised by its first letter S/s
 * Direct | Cartesian     first letter D/d = fractional; C/c/K/k = Cartesian (angstrom, scaled like the vectors)
 * N lines  three coordinates each; selective-dynamics flags and trailing labels after them are ignored
 * [blank line, velocities, predictor-corrector block]   ignored
 * </pre>
 *
 * <p>VASP 4 files have no species line; the species are then taken from the comment line only if it consists of
 * exactly as many element symbols as there are counts (the convention several tools use); otherwise the file is
 * refused with a message asking for a species line, since the POTCAR that would name them is not at hand.
 *
 * <p>Fractional (Direct) coordinates are kept exactly as written; Cartesian ones are converted with the scaled
 * lattice. Sites are in file order, labelled with their element symbol.
 */
public final class PoscarReader {
    private PoscarReader() {
    }

    /** @throws CrystalParseException when the file cannot be read or is not a valid POSCAR */
    public static Structure read(Path file) {
        return parse(Io.readText(file), file.toString());
    }

    /**
     * @param source file name for messages; may be null
     * @throws CrystalParseException when the text is not a valid POSCAR
     */
    public static Structure parse(String text, String source) {
        try {
            return parse(text);
        } catch (CrystalParseException e) {
            throw e.inSource(source);
        }
    }

    private static Structure parse(String text) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        Cursor c = new Cursor(lines);
        String comment = c.next("the comment line");
        // scale
        List<String> sc = c.tokens("the scale factor");
        if (sc.size() != 1 && sc.size() != 3) {
            throw c.err(Reason.BAD_VALUE, "expected 1 or 3 scale factors, got " + sc.size() + " tokens");
        }
        double[] scale = new double[sc.size()];
        for (int i = 0; i < sc.size(); i++) {
            scale[i] = Numbers.finite(sc.get(i), "the scale factor", c.line);
        }
        if (scale.length == 3 && !(scale[0] > 0 && scale[1] > 0 && scale[2] > 0)) {
            throw c.err(Reason.BAD_VALUE, "expected three positive scale factors, got " + String.join(" ", sc));
        }
        if (scale.length == 1 && scale[0] == 0) {
            throw c.err(Reason.BAD_VALUE, "expected a non-zero scale factor, got " + sc.get(0));
        }
        int scaleLine = c.line;
        double[][] m = new double[3][];
        int latticeLine = c.line + 1;
        for (int i = 0; i < 3; i++) {
            m[i] = c.vector("lattice vector " + "abc".charAt(i));
        }
        Lattice raw = lattice(m, latticeLine);
        double[] s3;
        if (scale.length == 3) {
            s3 = scale;
        } else if (scale[0] > 0) {
            s3 = new double[] {scale[0], scale[0], scale[0]};
        } else {
            double f = Math.cbrt(-scale[0] / raw.volume());
            s3 = new double[] {f, f, f};
            if (!Double.isFinite(f) || f == 0) {
                throw new CrystalParseException(Reason.BAD_VALUE, scaleLine, "expected a volume that gives a finite"
                        + " scale, got " + sc.get(0));
            }
        }
        double[][] ms = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                ms[i][k] = m[i][k] * s3[k];
            }
        }
        Lattice lattice = lattice(ms, latticeLine);
        // species and counts; either line may wrap onto the next ones (VASP reads its counts free-format)
        List<String> t6 = c.tokens("the species or counts line");
        List<Element> species;
        List<String> countTokens;
        int countsLine;
        if (Numbers.isDigit(t6.get(0).charAt(0))) {
            countTokens = new ArrayList<>(t6);
            countsLine = c.line;
            List<Element> named = speciesOfComment(comment);
            while (named != null && countTokens.size() < named.size() && c.nextIsCounts()) {
                countTokens.addAll(c.tokens("the counts line"));
                countsLine = c.line;
            }
            if (named == null || named.size() != countTokens.size()) {
                throw new CrystalParseException(Reason.MISSING_FIELD, countsLine, "expected a species line (VASP 5)"
                        + " before the counts " + Text.clip(String.join(" ", countTokens)) + ", or a VASP 4 comment"
                        + " line that names the " + countTokens.size() + " species and nothing else (element"
                        + " symbols 'Cs Cl', with counts 'Cs1 Cl1', or a formula 'CsCl'); got comment '"
                        + Text.clip(comment) + "'" + (named == null ? "" : ", which names " + named.size()));
            }
            species = named;
            checkCommentRatio(comment, countTokens, countsLine);
        } else {
            species = new ArrayList<>();
            addSpecies(species, t6, c.line);
            while (c.nextIsSpecies()) {
                addSpecies(species, c.tokens("the species line"), c.line);
            }
            countTokens = new ArrayList<>(c.tokens("the counts line"));
            countsLine = c.line;
            while (countTokens.size() < species.size() && c.nextIsCounts()) {
                countTokens.addAll(c.tokens("the counts line"));
                countsLine = c.line;
            }
        }
        if (countTokens.size() != species.size()) {
            throw new CrystalParseException(Reason.BAD_VALUE, countsLine, "expected " + species.size()
                    + " counts for species " + species + " (on one line, or wrapped over the next lines), got "
                    + countTokens.size() + ": " + Text.clip(String.join(" ", countTokens)));
        }
        long total = 0;
        int[] counts = new int[species.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = Numbers.count(countTokens.get(i), "the count of " + species.get(i), countsLine);
            total += counts[i];
        }
        if (total == 0) {
            throw new CrystalParseException(Reason.NO_SITES, countsLine, "expected at least one atom, counts are "
                    + String.join(" ", countTokens));
        }
        String mode = c.next("the coordinate mode line (Direct or Cartesian)").trim();
        if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
            mode = c.next("the coordinate mode line (Direct or Cartesian)").trim();
        }
        boolean cartesian;
        char m0 = mode.isEmpty() ? ' ' : mode.charAt(0);
        if (m0 == 'D' || m0 == 'd') {
            cartesian = false;
        } else if (m0 == 'C' || m0 == 'c' || m0 == 'K' || m0 == 'k') {
            cartesian = true;
        } else {
            throw c.err(Reason.BAD_VALUE, "expected 'Direct' or 'Cartesian', got '" + Text.clip(mode) + "'");
        }
        List<Site> sites = new ArrayList<>();
        for (int sp = 0; sp < counts.length; sp++) {
            for (int k = 0; k < counts[sp]; k++) {
                if (!c.hasNext()) {
                    throw new CrystalParseException(Reason.MISSING_FIELD, c.line, "expected " + total
                            + " coordinate lines (counts " + String.join(" ", countTokens) + "), the file ends after "
                            + sites.size());
                }
                double[] v = c.vector("coordinates of atom " + (sites.size() + 1));
                double[] f;
                if (cartesian) {
                    f = lattice.toFractional(new double[] {v[0] * s3[0], v[1] * s3[1], v[2] * s3[2]});
                } else {
                    f = v;
                }
                for (double x : f) {
                    if (!(Math.abs(x) <= CifReader.MAX_ABS_FRACTIONAL)) {
                        throw c.err(Reason.BAD_VALUE, "expected a position within +-"
                                + (long) CifReader.MAX_ABS_FRACTIONAL + " cells, got fractional "
                                + java.util.Arrays.toString(f));
                    }
                }
                Element e = species.get(sp);
                sites.add(new Site(e, f, e.symbol()));
            }
        }
        return Structure.of(lattice, sites);
    }

    private static void addSpecies(List<Element> species, List<String> tokens, int line) {
        for (String n : tokens) {
            species.add(potcarSymbol(n).orElseThrow(() -> new CrystalParseException(Reason.UNKNOWN_ELEMENT, line,
                    "expected element symbols in the species line, got '" + Text.clip(n) + "'")));
        }
    }

    /** One element of a formula in a comment: symbol and amount (NaN when the token gives none). */
    private record Amount(Element element, double amount) {
    }

    private static final Pattern FORMULA_PART = Pattern.compile("([A-Z][a-z]?)(\\d+(?:\\.\\d+)?)?");
    private static final Pattern FORMULA = Pattern.compile("(?:[A-Z][a-z]?(?:\\d+(?:\\.\\d+)?)?)+");

    /**
     * The species a VASP 4 comment line names, in order, when the line (up to a '!' or '#') consists of species
     * tokens only: POTCAR-style symbols ({@code Fe}, {@code Fe_pv}, any case), symbols with an amount ({@code Fe2})
     * or formulas ({@code Fe2O3}, {@code CsCl}); null otherwise.
     */
    static List<Element> speciesOfComment(String comment) {
        List<Amount> amounts = commentAmounts(comment);
        return amounts == null ? null : amounts.stream().map(Amount::element).toList();
    }

    private static List<Amount> commentAmounts(String comment) {
        String text = comment;
        for (char stop : new char[] {'!', '#'}) {
            int k = text.indexOf(stop);
            if (k >= 0) {
                text = text.substring(0, k);
            }
        }
        List<String> tokens = Text.tokens(text);
        if (tokens.isEmpty()) {
            return null;
        }
        List<Amount> out = new ArrayList<>();
        for (String t : tokens) {
            Optional<Element> plain = potcarSymbol(t);
            if (plain.isPresent()) {
                out.add(new Amount(plain.get(), Double.NaN));
                continue;
            }
            if (!FORMULA.matcher(t).matches()) {
                return null;
            }
            Matcher m = FORMULA_PART.matcher(t);
            List<Amount> parts = new ArrayList<>();
            while (m.find()) {
                Optional<Element> e = Element.lookup(m.group(1));
                if (e.isEmpty() || !e.get().symbol().equals(m.group(1))) {
                    return null;
                }
                parts.add(new Amount(e.get(), m.group(2) == null ? 1 : Double.parseDouble(m.group(2))));
            }
            out.addAll(parts);
        }
        return out;
    }

    /**
     * When the comment gives an amount for every species ({@code Fe2O3}, {@code Fe4 O6}), the counts must be in that
     * ratio: a comment that does not fit the counts is not read as naming them.
     */
    private static void checkCommentRatio(String comment, List<String> counts, int line) {
        List<Amount> amounts = commentAmounts(comment);
        if (amounts.stream().anyMatch(a -> Double.isNaN(a.amount()))) {
            return;
        }
        double ratio = Double.NaN;
        for (int i = 0; i < amounts.size(); i++) {
            double r = Numbers.count(counts.get(i), "the count of " + amounts.get(i).element(), line)
                    / amounts.get(i).amount();
            if (Double.isNaN(ratio)) {
                ratio = r;
            } else if (Math.abs(r - ratio) > 1e-6 * Math.max(r, ratio)) {
                throw new CrystalParseException(Reason.BAD_VALUE, line, "the comment '" + Text.clip(comment)
                        + "' gives the species in other proportions than the counts " + String.join(" ", counts)
                        + "; expected a VASP 4 comment naming the species of the counts, in their order");
            }
        }
    }

    /** "Fe", "Fe_pv", "Fe_sv_GW", "Fe/3f2a": the element before any '_' or '/'; exact symbol (case-normalised). */
    static Optional<Element> potcarSymbol(String token) {
        int cut = token.length();
        for (int i = 0; i < token.length(); i++) {
            char ch = token.charAt(i);
            if (ch == '_' || ch == '/' || ch == '.') {
                cut = i;
                break;
            }
        }
        return Element.lookup(token.substring(0, cut));
    }

    private static Lattice lattice(double[][] m, int line) {
        try {
            return Lattice.of(m);
        } catch (IllegalArgumentException e) {
            throw new CrystalParseException(Reason.BAD_LATTICE, null, 0, null, line,
                    "expected three independent lattice vectors: " + e.getMessage(), e);
        }
    }

    /** Line cursor; {@code line} is the 1-based number of the line last returned. */
    private static final class Cursor {
        final String[] lines;
        int line;

        Cursor(String[] lines) {
            this.lines = lines;
        }

        boolean hasNext() {
            return line < lines.length && !(line == lines.length - 1 && lines[line].isEmpty());
        }

        String next(String what) {
            if (!hasNext()) {
                throw new CrystalParseException(Reason.MISSING_FIELD, line, "expected " + what
                        + " on line " + (line + 1) + ", the file ends");
            }
            return lines[line++];
        }

        /** Whether the next line holds only whole numbers (more counts of a wrapped counts line). */
        boolean nextIsCounts() {
            if (!hasNext()) {
                return false;
            }
            List<String> t = Text.tokens(lines[line]);
            return !t.isEmpty() && t.stream().allMatch(x -> x.chars().allMatch(Numbers::isDigitCode));
        }

        /** Whether the next line holds only species symbols (more of a wrapped species line). */
        boolean nextIsSpecies() {
            if (!hasNext()) {
                return false;
            }
            List<String> t = Text.tokens(lines[line]);
            return !t.isEmpty() && t.stream().allMatch(x -> potcarSymbol(x).isPresent());
        }

        List<String> tokens(String what) {
            List<String> t = Text.tokens(next(what));
            if (t.isEmpty()) {
                throw err(Reason.MISSING_FIELD, "expected " + what + ", got an empty line");
            }
            return t;
        }

        double[] vector(String what) {
            List<String> t = Text.tokens(next(what));
            if (t.size() < 3) {
                throw err(Reason.MISSING_FIELD, "expected 3 numbers for " + what + ", got " + t.size()
                        + (t.isEmpty() ? "" : ": '" + Text.clip(String.join(" ", t)) + "'"));
            }
            return new double[] {Numbers.finite(t.get(0), what, line), Numbers.finite(t.get(1), what, line),
                Numbers.finite(t.get(2), what, line)};
        }

        CrystalParseException err(Reason r, String msg) {
            return new CrystalParseException(r, line, msg);
        }
    }
}
