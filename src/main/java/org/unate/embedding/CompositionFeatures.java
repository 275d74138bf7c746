package org.unate.embedding;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.unate.crystal.Element;
import org.unate.crystal.Structure;

/**
 * Composition features of a crystal from a per-element table: statistics over the elements of the cell, each element
 * weighted by its atom fraction {@code w_e = n_e / N}. With table vectors {@code v_e} ({@code [dim]}):
 * <ul>
 *   <li>{@link Stat#MEAN}: {@code sum_e w_e v_e};</li>
 *   <li>{@link Stat#STD}: {@code sqrt(sum_e w_e (v_e - mean)^2)}, the atom-fraction-weighted population standard
 *       deviation (0 for an elemental crystal);</li>
 *   <li>{@link Stat#MIN}, {@link Stat#MAX}: component-wise over the elements present (weights do not matter).</li>
 * </ul>
 * The feature vector is the chosen statistics concatenated in {@link Stat} order: {@code [stats.size() * dim]}.
 * Immutable.
 */
public final class CompositionFeatures {
    /** A statistic over the elements of a composition. */
    public enum Stat { MEAN, STD, MIN, MAX }

    private final AtomEmbeddings table;
    private final List<Stat> stats;

    private CompositionFeatures(AtomEmbeddings table, Set<Stat> stats) {
        this.table = Objects.requireNonNull(table, "table");
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("choose at least one statistic");
        }
        this.stats = List.copyOf(EnumSet.copyOf(stats));
    }

    /** Features from {@code table} with the given statistics. */
    public static CompositionFeatures of(AtomEmbeddings table, Set<Stat> stats) {
        return new CompositionFeatures(table, stats);
    }

    /** The statistics, in output order. */
    public List<Stat> stats() {
        return stats;
    }

    /** Length of a feature vector: {@code stats().size() * table.dim()}. */
    public int size() {
        return stats.size() * table.dim();
    }

    /**
     * Feature names in output order, {@code <stat>_<component>} with the component zero-padded to 3 digits
     * ({@code mean_000}, ..., {@code std_091}) so that their String order is their output order.
     */
    public String[] names() {
        String[] names = new String[size()];
        int dim = table.dim();
        for (int s = 0; s < stats.size(); s++) {
            String stat = stats.get(s).name().toLowerCase(Locale.ROOT);
            for (int k = 0; k < dim; k++) {
                names[s * dim + k] = String.format(Locale.ROOT, "%s_%03d", stat, k);
            }
        }
        return names;
    }

    /** Features of a structure's cell composition. */
    public double[] of(Structure structure) {
        return of(structure.composition());
    }

    /**
     * Features of a composition (element to count; counts may be any positive numbers, only their ratios matter).
     *
     * @return {@code [stats().size() * dim]}
     * @throws IllegalArgumentException if the composition is empty, a count is not positive, or the table has no
     *                                  vector for an element (the message names it)
     */
    public double[] of(Map<Element, ? extends Number> composition) {
        if (composition.isEmpty()) {
            throw new IllegalArgumentException("empty composition");
        }
        int dim = table.dim();
        List<float[]> vectors = new ArrayList<>(composition.size());
        double[] w = new double[composition.size()];
        double total = 0;
        int i = 0;
        for (Map.Entry<Element, ? extends Number> e : composition.entrySet()) {
            double c = e.getValue().doubleValue();
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("count of " + e.getKey() + " must be positive, got " + c);
            }
            vectors.add(table.vector(e.getKey().z()));
            w[i++] = c;
            total += c;
        }
        for (int j = 0; j < w.length; j++) {
            w[j] /= total;
        }
        double[] mean = new double[dim];
        for (int j = 0; j < w.length; j++) {
            float[] v = vectors.get(j);
            for (int k = 0; k < dim; k++) {
                mean[k] += w[j] * v[k];
            }
        }
        double[] out = new double[size()];
        for (int s = 0; s < stats.size(); s++) {
            int off = s * dim;
            switch (stats.get(s)) {
                case MEAN -> System.arraycopy(mean, 0, out, off, dim);
                case STD -> {
                    for (int j = 0; j < w.length; j++) {
                        float[] v = vectors.get(j);
                        for (int k = 0; k < dim; k++) {
                            double d = v[k] - mean[k];
                            out[off + k] += w[j] * d * d;
                        }
                    }
                    for (int k = 0; k < dim; k++) {
                        out[off + k] = Math.sqrt(out[off + k]);
                    }
                }
                case MIN, MAX -> {
                    boolean max = stats.get(s) == Stat.MAX;
                    for (int k = 0; k < dim; k++) {
                        double best = vectors.get(0)[k];
                        for (int j = 1; j < vectors.size(); j++) {
                            float x = vectors.get(j)[k];
                            best = max ? Math.max(best, x) : Math.min(best, x);
                        }
                        out[off + k] = best;
                    }
                }
            }
        }
        return out;
    }
}
