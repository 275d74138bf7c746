package org.unate.crystal.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.unate.crystal.Lattice;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * The operations of a space group named by a CIF that lists none: a table of the 530 settings (Hall symbols) of the
 * 230 space-group types, {@code space-groups.tsv} beside this class, generated from spglib's database by
 * {@code scripts/space-groups-table.py} (the script names the source and the columns).
 *
 * <p>A name is looked up only where it fixes the operations; where it does not, the lookup fails and says what would:
 * <ul>
 * <li><b>Hall symbol</b> ({@code -P 2ybc}): one setting, always.</li>
 * <li><b>Hermann-Mauguin symbol</b>, compared without spaces and underscores and in any case ({@code P 21/c} =
 *     {@code P2_1/c}): the settings that symbol names, the full symbol ({@code P 1 21/n 1}) or the setting's own short
 *     one ({@code P 21/n}, {@code P b n m}); a short monoclinic symbol names the unique-axis-b setting, as in the
 *     International Tables. A suffix picks among settings of one symbol: {@code :1}, {@code :2} (origin choice; ICSD's
 *     trailing {@code S} and {@code Z} are read as 1 and 2), {@code :H}, {@code :R} (axes), or any spglib choice
 *     ({@code :b1}, {@code :-cba}). Pre-1983 cubic symbols without the bar ({@code F m 3 m}) and the symbols
 *     replaced by e-glides in 1992 ({@code C m c a} = {@code C m c e}) are read as the current ones.</li>
 * <li><b>Number</b> ({@code 225}): only where the number has one setting; the CIF dictionary says a number "defines
 *     the space-group type but not the coordinate system", so for 14 (9 settings) the lookup fails.</li>
 * </ul>
 * Settings left after that which differ only in rhombohedral or hexagonal axes are told apart by the cell (a = b and
 * gamma = 120: hexagonal; a = b = c and alpha = beta = gamma: rhombohedral). Any other choice left open (two origins,
 * {@code C m m e} in two orientations) fails, listing the settings that would fit. Immutable; the table is read once.
 */
final class SpaceGroups {
    /** One setting: spglib's Hall number, the space-group number, its choice, Hall symbol, names and operations. */
    record Setting(int hall, int number, String choice, String hallSymbol, List<String> names, String standard,
                   List<SymmetryOperation> operations) {
        /** The setting's full Hermann-Mauguin symbol with its choice, e.g. {@code F 4_1/d -3 2/m :2}. */
        String describe() {
            return names.get(0) + (choice.isEmpty() ? "" : " :" + choice) + " (Hall '" + hallSymbol + "')";
        }
    }

    private static final class Table {
        static final List<Setting> SETTINGS = load();
    }

    /** Groups that the International Tables renamed in 1992 (e-glide symbols), standard settings only. */
    private static final Map<String, String> OLD_SYMBOLS = Map.of("abm2", "aem2", "aba2", "aea2", "cmca", "cmce",
            "cmma", "cmme", "ccca", "ccce");
    private static final Pattern SUFFIX = Pattern.compile("^(.*?)(?:\\s*:\\s*(\\S+)|\\s+([HRSZ]))\\s*$");
    private static final Pattern OLD_CUBIC = Pattern.compile("^([pfi])([mnad])3(.*)$");

    private SpaceGroups() {
    }

    /** Every setting, in spglib's Hall order (the first of each number is its standard setting). */
    static List<Setting> settings() {
        return Table.SETTINGS;
    }

    /**
     * The setting a Hermann-Mauguin symbol names.
     *
     * @param cell the block's cell, to tell rhombohedral from hexagonal axes
     * @throws CrystalParseException (BAD_SYMMETRY, line 0) when the symbol names no setting or several
     */
    static Setting byHermannMauguin(String symbol, Lattice cell) {
        String text = symbol.trim();
        String choice = null;
        Matcher m = SUFFIX.matcher(text);
        if (m.matches()) {
            text = m.group(1);
            choice = m.group(2) != null ? m.group(2) : switch (m.group(3)) {
                case "S" -> "1";
                case "Z" -> "2";
                default -> m.group(3);
            };
        }
        String key = normalise(text);
        List<Setting> found = named(key);
        if (found.isEmpty()) {
            Matcher c = OLD_CUBIC.matcher(key);
            if (c.matches()) {
                found = named(c.group(1) + c.group(2) + "-3" + c.group(3));
            } else if (OLD_SYMBOLS.containsKey(key)) {
                String current = OLD_SYMBOLS.get(key);
                found = named(current).stream().filter(s -> s.choice().isEmpty() || s.choice().matches("[12]"))
                        .toList();
            }
        }
        if (found.isEmpty()) {
            throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, "expected a Hermann-Mauguin symbol of the"
                    + " International Tables, got '" + Text.clip(symbol) + "'");
        }
        if (choice != null) {
            String want = choice.toLowerCase(Locale.ROOT);
            List<Setting> chosen = found.stream().filter(s -> s.choice().equalsIgnoreCase(want)).toList();
            if (chosen.isEmpty() && want.matches("[12]")) {
                // an origin choice of an orthorhombic setting: spglib writes '1cab', '2ba-c', ...
                chosen = found.stream().filter(s -> s.choice().startsWith(want)).toList();
            }
            if (chosen.isEmpty()) {
                throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, "space group '" + Text.clip(symbol)
                        + "': no setting with choice '" + Text.clip(choice) + "'; the settings of that symbol are "
                        + describe(found));
            }
            found = chosen;
        }
        return pick(found, cell, "space group '" + Text.clip(symbol) + "'",
                "name the setting in the symbol (e.g. '" + found.get(0).names().get(found.get(0).names().size() - 1)
                        + " :" + (found.get(0).choice().isEmpty() ? "1" : found.get(0).choice()) + "')");
    }

    /**
     * The setting of a Hall symbol (spaces collapsed, any case).
     *
     * @throws CrystalParseException (BAD_SYMMETRY, line 0) when no setting has that Hall symbol
     */
    static Setting byHall(String hall) {
        String key = hall.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (Setting s : settings()) {
            if (s.hallSymbol().toLowerCase(Locale.ROOT).equals(key)) {
                return s;
            }
        }
        throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, "expected a Hall symbol of one of the 530 settings"
                + " of the International Tables, got '" + Text.clip(hall) + "'");
    }

    /**
     * The setting of a space-group number, where the number fixes it.
     *
     * @throws CrystalParseException (BAD_SYMMETRY, line 0) for a number outside 1..230 or with several settings
     */
    static Setting byNumber(int number, Lattice cell) {
        List<Setting> found = settings().stream().filter(s -> s.number() == number).toList();
        if (found.isEmpty()) {
            throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, "expected a space-group number in 1..230, got "
                    + number);
        }
        return pick(found, cell, "space group number " + number, "name the setting with"
                + " _space_group_name_H-M_alt or _space_group_name_Hall");
    }

    /** The one setting among {@code found}, or the rhombohedral/hexagonal one the cell fits; else an error. */
    private static Setting pick(List<Setting> found, Lattice cell, String what, String fix) {
        Set<Set<SymmetryOperation>> distinct = new HashSet<>();
        for (Setting s : found) {
            distinct.add(Set.copyOf(s.operations()));
        }
        if (distinct.size() == 1) {
            return found.get(0);
        }
        if (found.size() == 2 && found.get(0).choice().equals("H") && found.get(1).choice().equals("R")) {
            if (cell != null && hexagonalAxes(cell)) {
                return found.get(0);
            }
            if (cell != null && rhombohedralAxes(cell)) {
                return found.get(1);
            }
            throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, what + ": the cell fits neither hexagonal axes"
                    + " (a = b, gamma = 120) nor rhombohedral ones (a = b = c, alpha = beta = gamma); expected ':H' or"
                    + " ':R' in the symbol, or the operators listed in _space_group_symop_operation_xyz");
        }
        throw new CrystalParseException(Reason.BAD_SYMMETRY, 0, what + " does not fix the operations: it fits "
                + found.size() + " settings of the International Tables, " + describe(found) + "; " + fix
                + ", or list the operators in _space_group_symop_operation_xyz");
    }

    private static String describe(List<Setting> found) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < found.size(); i++) {
            if (i == 6) {
                b.append(", ...");
                break;
            }
            b.append(i == 0 ? "" : ", ").append(found.get(i).describe());
        }
        return b.toString();
    }

    private static boolean hexagonalAxes(Lattice cell) {
        double[] len = cell.lengths();
        double[] ang = cell.angles();
        return close(len[0], len[1], 1e-3 * len[0]) && close(ang[0], 90, 0.05) && close(ang[1], 90, 0.05)
                && close(ang[2], 120, 0.05);
    }

    private static boolean rhombohedralAxes(Lattice cell) {
        double[] len = cell.lengths();
        double[] ang = cell.angles();
        return close(len[0], len[1], 1e-3 * len[0]) && close(len[0], len[2], 1e-3 * len[0])
                && close(ang[0], ang[1], 0.05) && close(ang[0], ang[2], 0.05);
    }

    private static boolean close(double a, double b, double tol) {
        return Math.abs(a - b) <= tol;
    }

    /** Settings one of whose names normalises to {@code key}, else the standard setting whose short symbol does. */
    private static List<Setting> named(String key) {
        List<Setting> out = new ArrayList<>();
        for (Setting s : settings()) {
            for (String n : s.names()) {
                if (normalise(n).equals(key)) {
                    out.add(s);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            Set<Integer> numbers = new HashSet<>();
            for (Setting s : settings()) {
                if (numbers.add(s.number()) && normalise(s.standard()).equals(key)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** A Hermann-Mauguin symbol without spaces, underscores and quotes, in lower case. */
    static String normalise(String symbol) {
        StringBuilder b = new StringBuilder(symbol.length());
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '\'' && c != '"') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static List<Setting> load() {
        String name = "space-groups.tsv";
        try (InputStream in = SpaceGroups.class.getResourceAsStream(name)) {
            Objects.requireNonNull(in, "resource " + name + " beside " + SpaceGroups.class.getName());
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Setting> out = new ArrayList<>(530);
            Map<String, SymmetryOperation> parsed = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<SymmetryOperation> ops = new ArrayList<>();
                for (String op : f[6].split(";")) {
                    ops.add(parsed.computeIfAbsent(op, SymmetryOperation::parse));
                }
                out.add(new Setting(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], f[3],
                        List.of(f[4].split("\\|")), f[5], List.copyOf(ops)));
            }
            if (out.size() != 530) {
                throw new IllegalStateException(name + ": expected 530 settings, read " + out.size());
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
