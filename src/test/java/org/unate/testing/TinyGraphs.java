package org.unate.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.graph.CrystalGraph;

/** Brute-force periodic neighbour graphs of tiny hand-built crystals (test data; the real builder lives elsewhere). */
public final class TinyGraphs {
    private TinyGraphs() {
    }

    public static Structure nacl() {
        return Structure.of(Lattice.cubic(5.64), Site.of("Na", 0, 0, 0), Site.of("Na", 0, 0.5, 0.5),
                Site.of("Na", 0.5, 0, 0.5), Site.of("Na", 0.5, 0.5, 0), Site.of("Cl", 0.5, 0, 0),
                Site.of("Cl", 0, 0.5, 0), Site.of("Cl", 0, 0, 0.5), Site.of("Cl", 0.5, 0.5, 0.5));
    }

    public static Structure cscl() {
        return Structure.of(Lattice.cubic(4.12), Site.of("Cs", 0, 0, 0), Site.of("Cl", 0.5, 0.5, 0.5));
    }

    public static Structure bccFe() {
        return Structure.of(Lattice.cubic(2.87), Site.of("Fe", 0, 0, 0), Site.of("Fe", 0.5, 0.5, 0.5));
    }

    public static Structure diamondSi() {
        return Structure.of(Lattice.cubic(5.43), Site.of("Si", 0, 0, 0), Site.of("Si", 0.25, 0.25, 0.25),
                Site.of("Si", 0, 0.5, 0.5), Site.of("Si", 0.25, 0.75, 0.75), Site.of("Si", 0.5, 0, 0.5),
                Site.of("Si", 0.75, 0.25, 0.75), Site.of("Si", 0.5, 0.5, 0), Site.of("Si", 0.75, 0.75, 0.25));
    }

    public static Structure oneAtom() {
        return Structure.of(Lattice.cubic(3.0), Site.of("Po", 0, 0, 0));
    }

    public static Structure triclinic() {
        return Structure.of(Lattice.fromParameters(4.1, 5.3, 6.2, 78, 85, 95), Site.of("Ti", 0.1, 0.2, 0.3),
                Site.of("O", 0.6, 0.1, 0.8), Site.of("O", 0.3, 0.7, 0.4));
    }

    public static List<Structure> all() {
        return List.of(nacl(), cscl(), bccFe(), diamondSi(), oneAtom(), triclinic());
    }

    /** The same crystal with every lattice vector scaled by {@code factor} (same fractional coordinates). */
    public static Structure scaled(Structure s, double factor) {
        double[][] m = s.lattice().matrix();
        for (double[] row : m) {
            for (int k = 0; k < 3; k++) {
                row[k] *= factor;
            }
        }
        return Structure.of(Lattice.of(m), s.sites());
    }

    /** Each atom's k nearest periodic neighbours within {@code cutoff} (ties by neighbour index, then image). */
    public static CrystalGraph knn(String id, Structure s, int k, double cutoff) {
        int n = s.size();
        double[][] m = s.lattice().matrix();
        double[] cart = s.cartesianCoordinates();
        double[] w = s.lattice().perpendicularWidths();
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.ceil(cutoff / w[a]) + 1;
        }
        List<Integer> src = new ArrayList<>();
        List<Integer> dst = new ArrayList<>();
        List<int[]> img = new ArrayList<>();
        List<double[]> vec = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<double[]> cand = new ArrayList<>(); // j, n1, n2, n3, dx, dy, dz, d
            for (int j = 0; j < n; j++) {
                for (int a = -reach[0]; a <= reach[0]; a++) {
                    for (int b = -reach[1]; b <= reach[1]; b++) {
                        for (int c = -reach[2]; c <= reach[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double[] r = new double[3];
                            for (int x = 0; x < 3; x++) {
                                r[x] = cart[3 * j + x] + a * m[0][x] + b * m[1][x] + c * m[2][x] - cart[3 * i + x];
                            }
                            double d = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                            if (d <= cutoff) {
                                cand.add(new double[] {j, a, b, c, r[0], r[1], r[2], d});
                            }
                        }
                    }
                }
            }
            cand.sort(Comparator.<double[]>comparingDouble(x -> Math.round(x[7] * 1e6) / 1e6)
                    .thenComparingDouble(x -> x[0]).thenComparingDouble(x -> x[1]).thenComparingDouble(x -> x[2])
                    .thenComparingDouble(x -> x[3]));
            for (int q = 0; q < Math.min(k, cand.size()); q++) {
                double[] x = cand.get(q);
                src.add(i);
                dst.add((int) x[0]);
                img.add(new int[] {(int) x[1], (int) x[2], (int) x[3]});
                vec.add(new double[] {x[4], x[5], x[6]});
            }
        }
        int e = src.size();
        int[] s1 = new int[e];
        int[] d1 = new int[e];
        int[] im = new int[3 * e];
        double[] dist = new double[e];
        double[] v = new double[3 * e];
        for (int q = 0; q < e; q++) {
            s1[q] = src.get(q);
            d1[q] = dst.get(q);
            double[] r = vec.get(q);
            for (int x = 0; x < 3; x++) {
                im[3 * q + x] = img.get(q)[x];
                v[3 * q + x] = r[x];
            }
            dist[q] = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        }
        return new CrystalGraph(id, s.atomicNumbers(), s1, d1, im, dist, v);
    }

    /** The six test crystals as 12-nearest-neighbour graphs within 8 angstrom. */
    public static List<CrystalGraph> allKnn() {
        String[] ids = {"NaCl", "CsCl", "Fe-bcc", "Si-diamond", "Po-1atom", "triclinic"};
        List<CrystalGraph> out = new ArrayList<>();
        List<Structure> s = all();
        for (int q = 0; q < s.size(); q++) {
            out.add(knn(ids[q], s.get(q), 12, 8.0));
        }
        return out;
    }

    /** The same crystal with its atoms renumbered by {@code perm} (new atom p is old atom perm[p]); edges regrouped. */
    public static CrystalGraph permute(CrystalGraph g, int[] perm) {
        int n = g.numNodes();
        int[] inv = new int[n];
        for (int p = 0; p < n; p++) {
            inv[perm[p]] = p;
        }
        int[] z = new int[n];
        for (int p = 0; p < n; p++) {
            z[p] = g.atomicNumbers()[perm[p]];
        }
        int e = g.numEdges();
        int[] src = new int[e];
        int[] dst = new int[e];
        int[] img = new int[3 * e];
        double[] dist = new double[e];
        double[] vec = new double[3 * e];
        int q = 0;
        for (int p = 0; p < n; p++) {
            for (int old = 0; old < e; old++) {
                if (g.source()[old] == perm[p]) {
                    src[q] = p;
                    dst[q] = inv[g.destination()[old]];
                    dist[q] = g.distance()[old];
                    System.arraycopy(g.image(), 3 * old, img, 3 * q, 3);
                    System.arraycopy(g.vector(), 3 * old, vec, 3 * q, 3);
                    q++;
                }
            }
        }
        return new CrystalGraph(g.id(), z, src, dst, img, dist, vec);
    }

    /** A P1 CIF of {@code s} (cell parameters and fractional coordinates, one operator). */
    public static String cif(String name, Structure s) {
        double[] l = s.lattice().lengths();
        double[] a = s.lattice().angles();
        StringBuilder b = new StringBuilder("data_").append(name).append('\n');
        String[] tags = {"a", "b", "c"};
        for (int k = 0; k < 3; k++) {
            b.append("_cell_length_").append(tags[k]).append(' ').append(l[k]).append('\n');
        }
        String[] angles = {"alpha", "beta", "gamma"};
        for (int k = 0; k < 3; k++) {
            b.append("_cell_angle_").append(angles[k]).append(' ').append(a[k]).append('\n');
        }
        b.append("loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n");
        b.append("loop_\n_atom_site_type_symbol\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\n");
        for (int i = 0; i < s.size(); i++) {
            var site = s.site(i);
            b.append(site.element().symbol()).append(' ').append(site.element().symbol()).append(i + 1);
            for (int k = 0; k < 3; k++) {
                b.append(' ').append(site.frac(k));
            }
            b.append(" 1.0\n");
        }
        return b.toString();
    }

    /** Writes a JSON Lines dataset ({@code id}, {@code cif}) of the given structures, ids "t0", "t1", ... */
    public static java.nio.file.Path writeJsonl(java.nio.file.Path file, List<Structure> structures)
            throws java.io.IOException {
        return writeJsonl(file, structures, null, null);
    }

    /**
     * As {@link #writeJsonl(java.nio.file.Path, List)}, each record with the label {@code property} (when not null)
     * of value {@code labels[k]}.
     */
    public static java.nio.file.Path writeJsonl(java.nio.file.Path file, List<Structure> structures, String property,
                                                double[] labels) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int k = 0; k < structures.size(); k++) {
            var o = json.createObjectNode();
            o.put("id", "t" + k);
            o.put("cif", cif("t" + k, structures.get(k)));
            if (property != null) {
                o.put(property, labels[k]);
            }
            b.append(json.writeValueAsString(o)).append('\n');
        }
        java.nio.file.Files.writeString(file, b.toString());
        return file;
    }
}
