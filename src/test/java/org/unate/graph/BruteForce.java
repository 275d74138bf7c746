package org.unate.graph;

import java.util.ArrayList;
import java.util.List;
import org.unate.crystal.Lattice;
import org.unate.crystal.Structure;

/** Reference neighbour lists by exhaustive search over a generous box of images (tests only). */
final class BruteForce {
    private BruteForce() {
    }

    /** One directed edge. */
    record Edge(int i, int j, int n0, int n1, int n2, double d) {
    }

    /** Every (i, j, n) with 1e-8 &lt; |r_j + n M - r_i| &lt;= cutoff, computed from Cartesian coordinates. */
    static List<Edge> neighbors(Structure s, double cutoff) {
        Lattice l = s.lattice();
        double[] w = l.perpendicularWidths();
        int n = s.size();
        double[] spread = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 3; k++) {
                    spread[k] = Math.max(spread[k], Math.abs(s.site(j).frac(k) - s.site(i).frac(k)));
                }
            }
        }
        int[] range = new int[3];
        for (int k = 0; k < 3; k++) {
            range[k] = (int) Math.ceil(cutoff / w[k] + spread[k]) + 1;
        }
        double[] r = s.cartesianCoordinates();
        List<Edge> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int a = -range[0]; a <= range[0]; a++) {
                    for (int b = -range[1]; b <= range[1]; b++) {
                        for (int c = -range[2]; c <= range[2]; c++) {
                            double[] t = l.toCartesian(new double[] {a, b, c});
                            double x = r[3 * j] + t[0] - r[3 * i];
                            double y = r[3 * j + 1] + t[1] - r[3 * i + 1];
                            double z = r[3 * j + 2] + t[2] - r[3 * i + 2];
                            double d = Math.sqrt(x * x + y * y + z * z);
                            if (d > 1e-8 && d <= cutoff) {
                                out.add(new Edge(i, j, a, b, c, d));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
