package org.unate.crystal.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.unate.crystal.Element;
import org.unate.crystal.Site;
import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * Turns candidate sites (element, fractional position, label, occupancy) into the ordered sites of a structure,
 * applying the occupancy policy. Candidates keep their order; nothing is moved.
 *
 * <p>Candidates at the same position (every fractional component equal within the merge tolerance modulo 1) form a
 * group. A group of one candidate with occupancy 1 (within tolerance) is an ordinary site. Any other group is
 * disordered: a lone candidate below full occupancy, or several sharing the position. A group whose occupancies add up
 * to more than 1 + tolerance is an error under every policy ({@link Reason#OVERLAPPING_SITES}): that is two atoms on
 * top of each other, not disorder. Otherwise the policy decides: ERROR fails naming the site, MAJORITY keeps the
 * candidate with the largest occupancy (first on a tie) where it stands in the order, SKIP drops the structure.
 */
final class SiteMerger {
    /** One candidate; {@code line} is where it was written (0 if unknown), {@code row} its asymmetric row. */
    record Candidate(Element element, double[] frac, String label, double occupancy, int line, int row) {
    }

    /** Up to this many candidates, pairs are compared directly; above, through a grid of cells. */
    private static final int SMALL = 48;

    private SiteMerger() {
    }

    /**
     * The sites of the candidates under the options' policy; when the policy changed the composition (MAJORITY: the
     * kept species per formula unit differ from the occupancies written), one warning says from what to what.
     */
    static List<Site> merge(List<Candidate> cands, ReadOptions opt, Consumer<ReadWarning> warnings) {
        int n = cands.size();
        if (n == 0) {
            throw new CrystalParseException(Reason.NO_SITES, 0, "expected at least one atom site, found none");
        }
        double tol = opt.mergeTolerance();
        // union-find over candidates at the same position; grid hashing keeps it near-linear
        int[] parent = new int[n];
        boolean anyShared = false;
        int cells = (int) Math.max(1, Math.floor(1.0 / tol));
        Map<Long, List<Integer>> grid = n > SMALL ? new HashMap<>() : null;
        double[][] wrapped = new double[n][];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            wrapped[i] = wrap(cands.get(i).frac());
        }
        if (n <= SMALL) {
            // few candidates: direct comparison of all pairs is cheaper than hashing
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (samePosition(wrapped[i], wrapped[j], tol)) {
                        union(parent, i, j);
                        anyShared = true;
                    }
                }
            }
        }
        for (int i = 0; i < n && n > SMALL; i++) {
            int cx = cell(wrapped[i][0], cells), cy = cell(wrapped[i][1], cells), cz = cell(wrapped[i][2], cells);
            for (int dx = -1; dx <= 1; dx++) {
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dz = -1; dz <= 1; dz++) {
                        List<Integer> bucket = grid.get(key(cx + dx, cy + dy, cz + dz, cells));
                        if (bucket == null) {
                            continue;
                        }
                        for (int j : bucket) {
                            if (samePosition(wrapped[i], wrapped[j], tol)) {
                                union(parent, i, j);
                                anyShared = true;
                            }
                        }
                    }
                }
            }
            grid.computeIfAbsent(key(cx, cy, cz, cells), k -> new ArrayList<>(2)).add(i);
        }
        double occTol = opt.occupancyTolerance();
        boolean anyPartial = false;
        for (Candidate c : cands) {
            if (c.occupancy() < 1 - occTol) {
                anyPartial = true;
                break;
            }
        }
        if (!anyShared && !anyPartial) {
            List<Site> out = new ArrayList<>(n);
            for (Candidate c : cands) {
                out.add(new Site(c.element(), c.frac(), c.label()));
            }
            return out;
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>(1)).add(i);
        }
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (root != i) {
                continue; // handled with its root
            }
            List<Integer> g = groups.get(root);
            // groups are in candidate order because indices were appended in increasing order
            double total = 0;
            for (int j : g) {
                total += cands.get(j).occupancy();
            }
            Candidate first = cands.get(g.get(0));
            if (g.size() == 1 && first.occupancy() >= 1 - occTol) {
                keep[g.get(0)] = true;
                continue;
            }
            if (total > 1 + occTol) {
                throw new CrystalParseException(Reason.OVERLAPPING_SITES, first.line(), describe(g, cands)
                        + " occupy the same position (within " + tol + " fractional) with total occupancy "
                        + fmt(total) + " > 1; expected distinct positions or occupancies adding up to at most 1");
            }
            switch (opt.occupancy()) {
                case ERROR -> throw new CrystalParseException(Reason.PARTIAL_OCCUPANCY, first.line(),
                        (g.size() == 1 ? "site " : "sites ") + describe(g, cands)
                        + (g.size() == 1 ? " is partially occupied" : " share one position")
                        + "; expected fully occupied ordered sites (occupancy policy ERROR; MAJORITY keeps the"
                        + " majority species, SKIP drops the structure)");
                case SKIP -> throw new CrystalParseException(Reason.SKIPPED_BY_POLICY, first.line(),
                        "skipped: " + (g.size() == 1 ? "site " : "sites ") + describe(g, cands)
                        + (g.size() == 1 ? " is partially occupied" : " share one position")
                        + " (occupancy policy SKIP)");
                case MAJORITY -> {
                    int best = g.get(0);
                    for (int j : g) {
                        if (cands.get(j).occupancy() > cands.get(best).occupancy()) {
                            best = j;
                        }
                    }
                    keep[best] = true;
                }
                default -> throw new IllegalStateException();
            }
        }
        List<Site> out = new ArrayList<>();
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                Candidate c = cands.get(i);
                out.add(new Site(c.element(), c.frac(), c.label()));
                kept.add(c);
            }
        }
        compositionWarning(cands, kept, opt, warnings);
        return out;
    }

    /**
     * Warns when the kept sites (each a whole atom) have another composition than the occupancies written: the atom
     * fraction of some element differs by more than the occupancy tolerance.
     */
    private static void compositionWarning(List<Candidate> all, List<Candidate> kept, ReadOptions opt,
                                           Consumer<ReadWarning> warnings) {
        Map<Element, Double> written = new TreeMap<>(Comparator.comparingInt(Element::z));
        Map<Element, Double> read = new TreeMap<>(Comparator.comparingInt(Element::z));
        double totalWritten = 0;
        for (Candidate c : all) {
            written.merge(c.element(), c.occupancy(), Double::sum);
            read.putIfAbsent(c.element(), 0.0);
            totalWritten += c.occupancy();
        }
        for (Candidate c : kept) {
            read.merge(c.element(), 1.0, Double::sum);
        }
        boolean changed = false;
        for (Element e : written.keySet()) {
            if (Math.abs(written.get(e) / totalWritten - read.get(e) / kept.size()) > opt.occupancyTolerance()) {
                changed = true;
                break;
            }
        }
        if (!changed) {
            return;
        }
        int line = 0;
        for (Candidate c : all) {
            if (c.occupancy() < 1 - opt.occupancyTolerance()) {
                line = c.line();
                break;
            }
        }
        warnings.accept(ReadWarning.at(line, "occupancy policy " + opt.occupancy() + " changed the composition:"
                + " the occupancies of the " + all.size() + " sites written give " + formula(written) + ", the "
                + kept.size() + " sites kept, each a whole atom, give " + formula(read)));
    }

    /** {@code Fe1.333 O2}: each element with its amount, in order of Z; elements with amount 0 left out. */
    private static String formula(Map<Element, Double> amounts) {
        StringBuilder b = new StringBuilder();
        amounts.forEach((e, x) -> {
            if (x > 0) {
                b.append(b.length() == 0 ? "" : " ").append(e.symbol()).append(x == Math.rint(x)
                        ? Long.toString(Math.round(x))
                        : new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros()
                        .toPlainString());
            }
        });
        return b.toString();
    }

    private static String describe(List<Integer> g, List<Candidate> cands) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int j : g) {
            if (shown == 4) {
                b.append(", ... (").append(g.size()).append(" in all)");
                break;
            }
            Candidate c = cands.get(j);
            if (shown > 0) {
                b.append(", ");
            }
            b.append('\'').append(Text.clip(c.label())).append("' (").append(c.element().symbol())
                    .append(", occupancy ").append(fmt(c.occupancy()));
            if (c.line() > 0) {
                b.append(", line ").append(c.line());
            }
            b.append(", at ").append(fmt(c.frac()[0])).append(' ').append(fmt(c.frac()[1])).append(' ')
                    .append(fmt(c.frac()[2])).append(')');
            shown++;
        }
        return b.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** {@code x} reduced to [0, 1). */
    static double wrap(double x) {
        double w = x - Math.floor(x);
        return w >= 1.0 ? 0.0 : w;
    }

    /** Every component of {@code f} reduced to [0, 1); a new array. */
    static double[] wrap(double[] f) {
        double[] w = new double[f.length];
        for (int k = 0; k < f.length; k++) {
            w[k] = wrap(f[k]);
        }
        return w;
    }

    /**
     * Same position modulo 1 within {@code tol} in every component: the distance is taken on the torus, so any whole
     * number of cells between {@code a} and {@code b} (either of them outside [0, 1)) does not count.
     */
    static boolean samePosition(double[] a, double[] b, double tol) {
        for (int k = 0; k < 3; k++) {
            double d = wrap(a[k] - b[k]);
            d = Math.min(d, 1 - d);
            if (!(d < tol)) {
                return false;
            }
        }
        return true;
    }

    private static int cell(double w, int cells) {
        int c = (int) Math.floor(w * cells);
        return Math.min(Math.max(c, 0), cells - 1);
    }

    private static long key(int x, int y, int z, int cells) {
        x = Math.floorMod(x, cells);
        y = Math.floorMod(y, cells);
        z = Math.floorMod(z, cells);
        return ((long) x * cells + y) * cells + z;
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra != rb) {
            // keep the smaller index as root so that a group's root is its first candidate
            if (ra < rb) {
                p[rb] = ra;
            } else {
                p[ra] = rb;
            }
        }
    }
}
