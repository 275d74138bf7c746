package org.unate.crystal.io;

import java.util.Arrays;

import org.unate.crystal.io.CrystalParseException.Reason;

/**
 * A space-group operation on fractional coordinates: {@code x' = R x + t}.
 *
 * <p>{@link #parse(String)} reads the Jones-faithful form CIFs use: three comma-separated components, each a sum of
 * terms in {@code x}, {@code y}, {@code z} (any case) with optional integer, decimal or fractional coefficients and a
 * constant: {@code x, y+1/2, -z}, {@code 1/2+x,-y,z}, {@code -x+y, -x, z+0.25}, {@code 2*x}, {@code +y}. Any other
 * character is an error; nothing is guessed.
 *
 * @param rotation    {@code [3][3]}, row i gives component i of the image
 * @param translation {@code [3]}, fractional
 */
public record SymmetryOperation(double[][] rotation, double[] translation) {
    public static final SymmetryOperation IDENTITY =
            new SymmetryOperation(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);

    public SymmetryOperation {
        if (rotation.length != 3 || translation.length != 3) {
            throw new IllegalArgumentException("a symmetry operation needs a 3x3 rotation and 3 translations");
        }
        double[][] r = new double[3][];
        for (int i = 0; i < 3; i++) {
            if (rotation[i].length != 3) {
                throw new IllegalArgumentException("a symmetry operation needs a 3x3 rotation");
            }
            r[i] = rotation[i].clone();
        }
        rotation = r;
        translation = translation.clone();
    }

    /** Whether this is exactly {@code x, y, z} (identity rotation, zero translation). */
    public boolean isIdentity() {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (rotation[i][j] != (i == j ? 1.0 : 0.0)) {
                    return false;
                }
            }
            if (translation[i] != 0.0) {
                return false;
            }
        }
        return true;
    }

    /** The image of fractional coordinates {@code f}: {@code R f + t}, not wrapped. */
    public double[] apply(double[] f) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = rotation[i][0] * f[0] + rotation[i][1] * f[1] + rotation[i][2] * f[2] + translation[i];
        }
        return out;
    }

    @Override
    public double[][] rotation() {
        return new double[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
    }

    @Override
    public double[] translation() {
        return translation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetryOperation s && Arrays.deepEquals(rotation, s.rotation)
                && Arrays.equals(translation, s.translation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(rotation) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        String[] v = {"x", "y", "z"};
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                b.append(", ");
            }
            int start = b.length();
            for (int j = 0; j < 3; j++) {
                double c = rotation[i][j];
                if (c == 0) {
                    continue;
                }
                b.append(c < 0 ? "-" : (b.length() > start ? "+" : ""));
                if (Math.abs(c) != 1) {
                    b.append(num(Math.abs(c))).append('*');
                }
                b.append(v[j]);
            }
            if (translation[i] != 0) {
                b.append(translation[i] < 0 ? "-" : (b.length() > start ? "+" : "")).append(num(Math.abs(translation[i])));
            }
            if (b.length() == start) {
                b.append('0');
            }
        }
        return b.toString();
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * Parse {@code x, y+1/2, -z}-style text.
     *
     * @throws CrystalParseException (BAD_SYMMETRY, line 0: the caller adds the line) when the text is not exactly
     *                               three components of that form
     */
    public static SymmetryOperation parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 3) {
            throw bad(text, "expected 3 comma-separated components, got " + parts.length);
        }
        double[][] r = new double[3][3];
        double[] t = new double[3];
        for (int i = 0; i < 3; i++) {
            parseComponent(text, parts[i], r[i], t, i);
        }
        return new SymmetryOperation(r, t);
    }

    private static void parseComponent(String whole, String comp, double[] row, double[] t, int i) {
        String c = comp.replace(" ", "").replace("\t", "");
        int n = c.length();
        if (n == 0) {
            throw bad(whole, "component " + (i + 1) + " is empty");
        }
        int p = 0;
        boolean anyTerm = false;
        while (p < n) {
            double sign = 1;
            if (c.charAt(p) == '+' || c.charAt(p) == '-') {
                sign = c.charAt(p) == '-' ? -1 : 1;
                p++;
            } else if (anyTerm) {
                throw bad(whole, "expected + or - before '" + c.substring(p) + "' in component " + (i + 1));
            }
            double coef = Double.NaN;
            int len = unsignedNumber(c, p);
            if (len > 0) {
                coef = Double.parseDouble(c.substring(p, p + len));
                p += len;
                if (p < n && c.charAt(p) == '/') {
                    coef /= denominator(c, p, whole, i);
                    p += 1 + unsignedNumber(c, p + 1);
                }
                if (p < n && c.charAt(p) == '*') {
                    p++;
                    if (p >= n || axis(c.charAt(p)) < 0) {
                        throw bad(whole, "expected x, y or z after '*' in component " + (i + 1));
                    }
                }
            }
            int ax = p < n ? axis(c.charAt(p)) : -1;
            if (ax >= 0) {
                p++;
                double k = Double.isNaN(coef) ? 1 : coef;
                if (p < n && c.charAt(p) == '/') { // x/2
                    k /= denominator(c, p, whole, i);
                    p += 1 + unsignedNumber(c, p + 1);
                }
                row[ax] += sign * k;
            } else if (!Double.isNaN(coef)) {
                t[i] += sign * coef;
            } else {
                throw bad(whole, "expected a number or x, y, z at '" + (p < n ? c.substring(p) : "") + "' in component "
                        + (i + 1));
            }
            if (!Double.isFinite(t[i]) || !Double.isFinite(row[0] + row[1] + row[2])) {
                throw bad(whole, "component " + (i + 1) + " is not finite");
            }
            anyTerm = true;
        }
    }

    /** The nonzero number after the '/' at {@code slash} in component {@code component} (0-based) of {@code whole}. */
    private static double denominator(String c, int slash, String whole, int component) {
        int len = unsignedNumber(c, slash + 1);
        if (len == 0) {
            throw bad(whole, "expected a denominator after '/' in component " + (component + 1));
        }
        double den = Double.parseDouble(c.substring(slash + 1, slash + 1 + len));
        if (den == 0) {
            throw bad(whole, "division by zero in component " + (component + 1));
        }
        return den;
    }

    private static int unsignedNumber(String c, int p) {
        int len = Numbers.scanDecimal(c, p, c.length());
        if (len > 0 && (c.charAt(p) == '+' || c.charAt(p) == '-')) {
            return 0;
        }
        return len;
    }

    private static int axis(char ch) {
        return switch (Character.toLowerCase(ch)) {
            case 'x' -> 0;
            case 'y' -> 1;
            case 'z' -> 2;
            default -> -1;
        };
    }

    private static CrystalParseException bad(String text, String why) {
        return new CrystalParseException(Reason.BAD_SYMMETRY, 0,
                "expected a symmetry operator like 'x, y+1/2, -z', got '" + Text.clip(text) + "': " + why);
    }
}
