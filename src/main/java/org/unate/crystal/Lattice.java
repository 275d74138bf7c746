package org.unate.crystal;

import java.util.Arrays;

/**
 * A periodic lattice: three lattice vectors, the rows of {@link #matrix()}, in angstrom.
 * <p>Immutable; every accessor returns a copy. Fractional coordinates {@code f} map to Cartesian ones as
 * {@code r = f[0] a + f[1] b + f[2] c}, i.e. {@code r = f M} with {@code M} the row-vector matrix.
 */
public final class Lattice {
    private final double[][] m;
    private final double[][] inv;
    private final double volume;

    private Lattice(double[][] matrix) {
        if (matrix.length != 3) {
            throw new IllegalArgumentException("lattice matrix must have 3 rows, got " + matrix.length);
        }
        m = new double[3][];
        for (int i = 0; i < 3; i++) {
            if (matrix[i].length != 3) {
                throw new IllegalArgumentException("lattice vector " + i + " must have 3 components, got " + matrix[i].length);
            }
            for (double x : matrix[i]) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("lattice vector " + i + " is not finite: " + Arrays.toString(matrix[i]));
                }
            }
            m[i] = matrix[i].clone();
        }
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double scale = norm(m[0]) * norm(m[1]) * norm(m[2]);
        if (!(Math.abs(det) > 1e-8 * scale) || scale == 0.0) {
            throw new IllegalArgumentException("lattice vectors are (nearly) linearly dependent: volume " + det + " A^3");
        }
        volume = Math.abs(det);
        inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    }

    /** A lattice from its three vectors as rows (angstrom). */
    public static Lattice of(double[][] rows) {
        return new Lattice(rows);
    }

    /** A cubic lattice with edge {@code a} (angstrom). */
    public static Lattice cubic(double a) {
        return new Lattice(new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}});
    }

    /**
     * A lattice from its parameters, in the standard orientation (a along x, b in the xy plane).
     *
     * @param a, b, c edge lengths in angstrom; alpha, beta, gamma angles in degrees
     */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        if (!(a > 0 && b > 0 && c > 0)) {
            throw new IllegalArgumentException("lattice lengths must be positive: a=" + a + " b=" + b + " c=" + c);
        }
        for (double ang : new double[] {alpha, beta, gamma}) {
            if (!(ang > 0 && ang < 180)) {
                throw new IllegalArgumentException("lattice angles must lie in (0, 180) degrees: "
                        + alpha + ", " + beta + ", " + gamma);
            }
        }
        double ca = cosDeg(alpha), cb = cosDeg(beta), cg = cosDeg(gamma), sg = sinDeg(gamma);
        double cx = c * cb;
        double cy = c * (ca - cb * cg) / sg;
        double cz2 = c * c - cx * cx - cy * cy;
        if (!(cz2 > 0)) {
            throw new IllegalArgumentException("lattice angles do not form a cell: " + alpha + ", " + beta + ", " + gamma);
        }
        return new Lattice(new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {cx, cy, Math.sqrt(cz2)}});
    }

    private static double cosDeg(double d) {
        // exact values at right angles, so that cubic and orthorhombic cells carry no 1e-17 noise
        if (d == 90.0) {
            return 0.0;
        }
        return Math.cos(Math.toRadians(d));
    }

    private static double sinDeg(double d) {
        if (d == 90.0) {
            return 1.0;
        }
        return Math.sin(Math.toRadians(d));
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** The lattice vectors as rows, angstrom: {@code [3][3]}. */
    public double[][] matrix() {
        return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
    }

    /** Component {@code k} of lattice vector {@code i} (angstrom), without copying. */
    public double get(int i, int k) {
        return m[i][k];
    }

    /** Cell volume in cubic angstrom. */
    public double volume() {
        return volume;
    }

    /** Lengths a, b, c in angstrom. */
    public double[] lengths() {
        return new double[] {norm(m[0]), norm(m[1]), norm(m[2])};
    }

    /** Angles alpha (b,c), beta (a,c), gamma (a,b) in degrees. */
    public double[] angles() {
        return new double[] {angle(m[1], m[2]), angle(m[0], m[2]), angle(m[0], m[1])};
    }

    private static double angle(double[] u, double[] v) {
        double c = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** Perpendicular distances between opposite faces of the cell (angstrom), in order a, b, c. */
    public double[] perpendicularWidths() {
        // width along a = V / |b x c|
        return new double[] {volume / norm(cross(m[1], m[2])), volume / norm(cross(m[0], m[2])),
                volume / norm(cross(m[0], m[1]))};
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    /** Cartesian coordinates (angstrom) of fractional coordinates {@code f}. */
    public double[] toCartesian(double[] f) {
        return new double[] {
            f[0] * m[0][0] + f[1] * m[1][0] + f[2] * m[2][0],
            f[0] * m[0][1] + f[1] * m[1][1] + f[2] * m[2][1],
            f[0] * m[0][2] + f[1] * m[1][2] + f[2] * m[2][2]};
    }

    /** Fractional coordinates of Cartesian coordinates {@code r} (angstrom). */
    public double[] toFractional(double[] r) {
        return new double[] {
            r[0] * inv[0][0] + r[1] * inv[1][0] + r[2] * inv[2][0],
            r[0] * inv[0][1] + r[1] * inv[1][1] + r[2] * inv[2][1],
            r[0] * inv[0][2] + r[1] * inv[1][2] + r[2] * inv[2][2]};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.deepEquals(m, l.m);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(m);
    }

    @Override
    public String toString() {
        double[] l = lengths(), a = angles();
        return String.format("Lattice(a=%.4f, b=%.4f, c=%.4f, alpha=%.2f, beta=%.2f, gamma=%.2f)",
                l[0], l[1], l[2], a[0], a[1], a[2]);
    }
}
