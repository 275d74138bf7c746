package org.unate.crystal;

import java.util.Arrays;
import java.util.Objects;

/**
 * One atom of a cell: its element, fractional coordinates as given by the source (not wrapped into [0, 1)),
 * and the source's label (e.g. "Fe1"; the element symbol when the source gives none).
 */
public record Site(Element element, double[] fractional, String label) {
    public Site {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(fractional, "fractional");
        if (fractional.length != 3) {
            throw new IllegalArgumentException("fractional coordinates need 3 components, got " + fractional.length);
        }
        for (double x : fractional) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("fractional coordinates are not finite: " + Arrays.toString(fractional));
            }
        }
        fractional = fractional.clone();
        label = label == null ? element.symbol() : label;
    }

    public static Site of(String symbol, double fx, double fy, double fz) {
        Element e = Element.of(symbol);
        return new Site(e, new double[] {fx, fy, fz}, e.symbol());
    }

    @Override
    public double[] fractional() {
        return fractional.clone();
    }

    /** Fractional coordinate {@code k} without copying. */
    public double frac(int k) {
        return fractional[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Site s && element.equals(s.element) && Arrays.equals(fractional, s.fractional)
                && label.equals(s.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(element, Arrays.hashCode(fractional), label);
    }

    @Override
    public String toString() {
        return label + "(" + element + " " + fractional[0] + " " + fractional[1] + " " + fractional[2] + ")";
    }
}
