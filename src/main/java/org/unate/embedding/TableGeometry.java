package org.unate.embedding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.unate.crystal.Element;

/**
 * The geometry of an element table: cosine similarities, nearest elements, and two-dimensional maps (PCA and
 * t-SNE) for looking at a table by eye.
 */
public final class TableGeometry {
    private TableGeometry() {
    }

    /** An element and its cosine similarity to a reference element. */
    public record Neighbour(Element element, double cosine) {
    }

    /** A point of a two-dimensional map. */
    public record Point(Element element, double x, double y) {
    }

    /**
     * Cosine similarity of two elements' vectors.
     *
     * @throws IllegalArgumentException naming the table if either element has no vector
     */
    public static double cosine(AtomEmbeddings t, String a, String b) {
        return cosine(vector(t, a), vector(t, b));
    }

    static double cosine(float[] u, float[] v) {
        double dot = 0;
        double nu = 0;
        double nv = 0;
        for (int k = 0; k < u.length; k++) {
            dot += (double) u[k] * v[k];
            nu += (double) u[k] * u[k];
            nv += (double) v[k] * v[k];
        }
        return nu == 0 || nv == 0 ? 0 : dot / Math.sqrt(nu * nv);
    }

    /** The {@code k} elements of the table most similar to {@code symbol} (cosine), most similar first, itself left out. */
    public static List<Neighbour> nearest(AtomEmbeddings t, String symbol, int k) {
        float[] ref = vector(t, symbol);
        int self = Element.of(symbol).z();
        List<Neighbour> all = new ArrayList<>();
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (z != self && t.has(z)) {
                all.add(new Neighbour(Element.ofZ(z), cosine(ref, t.vector(z))));
            }
        }
        all.sort(Comparator.comparingDouble(Neighbour::cosine).reversed()
                .thenComparingInt(n -> n.element().z()));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private static float[] vector(AtomEmbeddings t, String symbol) {
        Element e = Element.of(symbol);
        if (!t.has(e.z())) {
            throw new IllegalArgumentException("table " + t.name() + " has no vector for " + symbol);
        }
        return t.vector(e.z());
    }

    /** The table's rows (elements in order of Z) as a centred matrix {@code [n][dim]}. */
    private static double[][] centred(AtomEmbeddings t, List<Element> rows) {
        for (int z = 1; z <= Element.MAX_Z; z++) {
            if (t.has(z)) {
                rows.add(Element.ofZ(z));
            }
        }
        int n = rows.size();
        int d = t.dim();
        double[][] x = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            float[] v = t.vector(rows.get(i).z());
            for (int c = 0; c < d; c++) {
                x[i][c] = v[c];
                mean[c] += v[c] / n;
            }
        }
        for (double[] row : x) {
            for (int c = 0; c < d; c++) {
                row[c] -= mean[c];
            }
        }
        return x;
    }

    /**
     * The first two principal components of the table's rows (centred, not scaled), by power iteration on the
     * covariance with deflation; each axis's sign is fixed so that its largest-magnitude coordinate is positive.
     */
    public static List<Point> pca(AtomEmbeddings t) {
        List<Element> rows = new ArrayList<>();
        double[][] x = centred(t, rows);
        int n = x.length;
        int d = t.dim();
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += row[a] * row[b];
                }
            }
        }
        double[][] axes = new double[2][];
        for (int p = 0; p < 2; p++) {
            double[] v = new double[d];
            SplittableRandom r = new SplittableRandom(17 + p);
            for (int c = 0; c < d; c++) {
                v[c] = r.nextDouble() - 0.5;
            }
            for (int it = 0; it < 500; it++) {
                double[] w = new double[d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        w[a] += cov[a][b] * v[b];
                    }
                }
                for (int q = 0; q < p; q++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += w[c] * axes[q][c];
                    }
                    for (int c = 0; c < d; c++) {
                        w[c] -= dot * axes[q][c];
                    }
                }
                double norm = 0;
                for (double c : w) {
                    norm += c * c;
                }
                norm = Math.sqrt(norm);
                if (norm == 0) {
                    break;
                }
                for (int c = 0; c < d; c++) {
                    v[c] = w[c] / norm;
                }
            }
            axes[p] = v;
        }
        double[][] proj = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 2; p++) {
                for (int c = 0; c < d; c++) {
                    proj[i][p] += x[i][c] * axes[p][c];
                }
            }
        }
        fixSigns(proj);
        return points(rows, proj);
    }

    /**
     * An exact t-SNE map (van der Maaten and Hinton, 2008) of the table's rows: Gaussian affinities calibrated to
     * {@code perplexity} by bisection, symmetrised; Student-t similarities in the map; gradient descent with momentum
     * 0.5 then 0.8 and early exaggeration 12 for the first 100 of {@code iterations} steps, learning rate 100;
     * initial map N(0, 1e-4) from {@code seed}. Cost O(n^2) per step: meant for tables of about a hundred elements.
     */
    public static List<Point> tsne(AtomEmbeddings t, double perplexity, int iterations, long seed) {
        List<Element> rows = new ArrayList<>();
        double[][] x = centred(t, rows);
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("t-SNE needs at least 3 elements, table " + t.name() + " has " + n);
        }
        double perp = Math.min(perplexity, (n - 1) / 3.0);
        double[][] d2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int c = 0; c < x[i].length; c++) {
                    double e = x[i][c] - x[j][c];
                    s += e * e;
                }
                d2[i][j] = s;
            }
        }
        double[][] p = new double[n][n];
        double target = Math.log(perp);
        for (int i = 0; i < n; i++) {
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            double beta = 1;
            for (int it = 0; it < 100; it++) {
                double sum = 0;
                double h = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        p[i][j] = Math.exp(-d2[i][j] * beta);
                        sum += p[i][j];
                    }
                }
                if (sum == 0) {
                    sum = 1e-300;
                }
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        p[i][j] /= sum;
                        h -= p[i][j] > 0 ? p[i][j] * Math.log(p[i][j]) : 0;
                    }
                }
                if (Math.abs(h - target) < 1e-5) {
                    break;
                }
                if (h > target) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
        }
        double[][] pj = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pj[i][j] = Math.max((p[i][j] + p[j][i]) / (2.0 * n), 1e-12);
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = 1e-2 * r.nextGaussian();
            row[1] = 1e-2 * r.nextGaussian();
        }
        double[][] vel = new double[n][2];
        double[][] q = new double[n][n];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < 100 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double qsum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double dx = y[i][0] - y[j][0];
                        double dy = y[i][1] - y[j][1];
                        q[i][j] = 1 / (1 + dx * dx + dy * dy);
                        qsum += q[i][j];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double m = (exaggeration * pj[i][j] - q[i][j] / qsum) * q[i][j];
                        gx += 4 * m * (y[i][0] - y[j][0]);
                        gy += 4 * m * (y[i][1] - y[j][1]);
                    }
                }
                vel[i][0] = momentum * vel[i][0] - 100 * gx;
                vel[i][1] = momentum * vel[i][1] - 100 * gy;
            }
            for (int i = 0; i < n; i++) {
                y[i][0] += vel[i][0];
                y[i][1] += vel[i][1];
            }
        }
        fixSigns(y);
        return points(rows, y);
    }

    private static void fixSigns(double[][] m) {
        for (int a = 0; a < 2; a++) {
            double best = 0;
            for (double[] row : m) {
                if (Math.abs(row[a]) > Math.abs(best)) {
                    best = row[a];
                }
            }
            if (best < 0) {
                for (double[] row : m) {
                    row[a] = -row[a];
                }
            }
        }
    }

    private static List<Point> points(List<Element> rows, double[][] xy) {
        List<Point> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Point(rows.get(i), xy[i][0], xy[i][1]));
        }
        return List.copyOf(out);
    }
}
