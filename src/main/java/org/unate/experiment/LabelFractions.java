package org.unate.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Nested label fractions of a training set, for learning curves ("25 %, 50 %, 100 % of the labels").
 * <p>Algorithm: the training ids are sorted (String order, so the result does not depend on the order the ids arrive
 * in), shuffled once by Fisher-Yates with {@code new SplittableRandom(seed)} (the same shuffle as
 * {@link Split#random}), and the subset for fraction {@code f} is the first {@code k} ids of that permutation with
 * {@code k = max(1, round(f * n))} ({@link Math#round}: halves round up). Because {@code k} grows with {@code f} and
 * every fraction takes a prefix of the same permutation, for one seed the subsets are nested: 25 % is inside 50 % is
 * inside 100 %; {@code f = 1} gives every id.
 */
public final class LabelFractions {
    private LabelFractions() {
    }

    /** Number of ids the subset for {@code fraction} of {@code n} ids holds: {@code max(1, round(fraction * n))}. */
    public static int size(int n, double fraction) {
        if (!(fraction > 0) || fraction > 1) {
            throw new IllegalArgumentException("label fraction must be in (0, 1], got " + fraction);
        }
        if (n < 1) {
            throw new IllegalArgumentException("cannot take a label fraction of an empty training set");
        }
        return (int) Math.max(1, Math.min(n, Math.round(fraction * n)));
    }

    /**
     * The nested subset of {@code trainIds} for {@code fraction}, in permutation order.
     *
     * @throws IllegalArgumentException if the fraction is outside (0, 1] or the training set is empty
     */
    public static List<String> subset(List<String> trainIds, double fraction, long seed) {
        int k = size(trainIds.size(), fraction);
        List<String> sorted = new ArrayList<>(trainIds);
        sorted.sort(null);
        return List.copyOf(Split.shuffled(sorted, seed).subList(0, k));
    }
}
