package org.unate.embedding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.unate.crystal.Element;

/**
 * What to do with crystals holding an element an embedding table has no vector for (skipatom lacks He, Ne and Ar;
 * oliynyk lacks Ac, Np, Pa and Pu; ...).
 * <ul>
 * <li>{@link Policy#ERROR} (the default): refuse, naming the table, each missing element and how many crystals hold
 * it.</li>
 * <li>{@link Policy#MEAN}: give each missing element the mean of the table's rows.</li>
 * <li>{@link Policy#ZERO}: give each missing element a row of zeros.</li>
 * <li>{@link Policy#DROP}: leave the crystals out (of training, validation and test alike). In a sweep the crystals
 * lacking a vector in any condition's table are left out of every condition, so all conditions see the same
 * crystals.</li>
 * </ul>
 * Only elements that occur in the data are filled; the filled table records them in {@code meta.filled}.
 */
public final class MissingElements {
    private MissingElements() {
    }

    /** The policy; parsed case-insensitively from {@code error}, {@code mean}, {@code zero}, {@code drop}. */
    public enum Policy {
        ERROR, MEAN, ZERO, DROP;

        public static Policy parse(String s) {
            if (s == null || s.isBlank()) {
                return ERROR;
            }
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("missing-element policy must be error, mean, zero or drop, got '"
                        + s + "'");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One crystal as the scan sees it: its id and the atomic numbers of its atoms. */
    public record Crystal(String id, int[] atomicNumbers) {
    }

    /**
     * The elements of some crystals a table lacks.
     *
     * @param table      the table's name
     * @param crystals   crystals scanned
     * @param byElement  for each missing element (symbol, in order of Z), the number of crystals holding it
     * @param affected   ids of the crystals holding at least one missing element, in scan order
     */
    public record Report(String table, int crystals, Map<String, Integer> byElement, List<String> affected) {
        public Report {
            byElement = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byElement));
            affected = List.copyOf(affected);
        }

        /** Whether every crystal has a vector for each of its elements. */
        public boolean complete() {
            return affected.isEmpty();
        }

        /** The atomic numbers of the missing elements. */
        public List<Integer> elements() {
            return byElement.keySet().stream().map(s -> Element.lookup(s).orElseThrow().z()).toList();
        }

        /** e.g. {@code "Ac (120), Np (200)"}. */
        public String elementCounts() {
            List<String> parts = new ArrayList<>();
            byElement.forEach((e, n) -> parts.add(e + " (" + n + ")"));
            return String.join(", ", parts);
        }

        /**
         * The refusal: the table, each missing element with its crystal count, how many of the crystals are affected,
         * and the policies to choose from; {@code what} names the crystals (e.g. "labelled crystals of mbj_bandgap").
         */
        public String message(String what) {
            return "embedding table '" + table + "' has no vector for " + String.join(", ", byElement.keySet()) + ": "
                    + String.format(Locale.ROOT, "%,d of %,d %s", affected.size(), crystals, what)
                    + " hold one of them (crystals per element: " + elementCounts() + "; first: '" + affected.get(0)
                    + "'); choose a missing-element policy (mean, zero or drop: --missing-element, or"
                    + " \"missing_element\" in a sweep config), or a table with every element of the data";
        }
    }

    /** Scans crystals against a table. */
    public static Report scan(AtomEmbeddings table, Collection<Crystal> crystals) {
        Map<Integer, Integer> counts = new TreeMap<>();
        List<String> affected = new ArrayList<>();
        for (Crystal c : crystals) {
            Set<Integer> missing = new LinkedHashSet<>();
            for (int z : c.atomicNumbers()) {
                if (!table.has(z)) {
                    missing.add(z);
                }
            }
            for (int z : missing) {
                counts.merge(z, 1, Integer::sum);
            }
            if (!missing.isEmpty()) {
                affected.add(c.id());
            }
        }
        Map<String, Integer> bySymbol = new LinkedHashMap<>();
        counts.forEach((z, n) -> bySymbol.put(z >= 1 && z <= Element.MAX_Z ? Element.ofZ(z).symbol() : "Z=" + z, n));
        return new Report(table.name(), crystals.size(), bySymbol, affected);
    }

    /**
     * The table with the report's missing elements filled by {@code policy} ({@link Policy#MEAN}: the mean of the
     * table's rows; {@link Policy#ZERO}: zeros); other policies, or a complete report, return the table unchanged.
     */
    public static AtomEmbeddings fill(AtomEmbeddings table, Report report, Policy policy) {
        if (report.complete() || (policy != Policy.MEAN && policy != Policy.ZERO)) {
            return table;
        }
        int dim = table.dim();
        float[] fillRow = new float[dim];
        if (policy == Policy.MEAN) {
            double[] sum = new double[dim];
            int n = 0;
            for (int z = 1; z <= Element.MAX_Z; z++) {
                if (table.has(z)) {
                    float[] v = table.vector(z);
                    for (int k = 0; k < dim; k++) {
                        sum[k] += v[k];
                    }
                    n++;
                }
            }
            for (int k = 0; k < dim; k++) {
                fillRow[k] = (float) (sum[k] / n);
            }
        }
        Map<Integer, float[]> v = new TreeMap<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (table.has(z)) {
                v.put(z, table.vector(z));
            }
        }
        for (int z : report.elements()) {
            v.put(z, fillRow.clone());
        }
        Map<String, Object> meta = new LinkedHashMap<>(table.meta());
        meta.put("filled", Map.of("policy", policy.toString(), "elements", List.copyOf(report.byElement().keySet())));
        return AtomEmbeddings.of(v, meta);
    }
}
