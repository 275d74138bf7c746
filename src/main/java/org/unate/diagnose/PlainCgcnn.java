package org.unate.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unate.graph.CrystalGraph;
import org.unate.model.ModelConfig;
import org.unate.nn.BatchNorm;
import org.unate.property.TargetScaler;
import org.unate.property.TrainedModel;

/**
 * The inference path of a trained CGCNN-style property model with atomic-number features, evaluated in plain
 * double-precision Java from the model's variables ({@link TrainedModel#variables}), so that what each batch norm
 * sees can be looked at. Per convolution l (H channels, G Gaussians, centre i, neighbour j of edge e):
 * <pre>
 *   u_e      = exp(-((d_e - mu_k) / sigma)^2)                                     [nEdges, G]
 *   z^f, z^c = v_i W_c + v_j W_n + u_e W_u + b, split into filter and core halves  [nEdges, H] each
 *   s_i      = sum_{e: centre i} sigmoid(BN_filter(z^f_e)) softplus(BN_core(z^c_e))  [nNodes, H]
 *   v_i      = softplus(v_i + BN_node(s_i))                                         [nNodes, H]
 * </pre>
 * then the mean over atoms, {@code softplus(W1 p + b1)}, {@code W2 . + b2}, and the target scaler. Every batch norm
 * uses its moving statistics: {@code BN(x) = gamma (x - moving mean) / sqrt(moving variance + eps) + beta}. Float
 * rounding aside it is what {@link TrainedModel#predict} computes.
 */
final class PlainCgcnn {
    private static final double EPS = BatchNorm.EPSILON_DEFAULT;
    private final Map<String, float[]> vars;
    private final int h;
    private final int layers;
    private final float[] centres;
    private final double width;
    private final TargetScaler scaler;

    /**
     * @throws IllegalArgumentException if the model is not a CGCNN backbone with atomic-number features
     */
    PlainCgcnn(TrainedModel model) {
        ModelConfig mc = model.config().model();
        if (!mc.backbone().equals(ModelConfig.CGCNN) || !"atomic-number".equals(model.featurizerSpec())) {
            throw new IllegalArgumentException("needs a cgcnn backbone with atomic-number features, got "
                    + mc.backbone() + " with " + model.featurizerSpec());
        }
        this.vars = model.variables();
        this.h = mc.hidden();
        this.layers = mc.layers();
        this.centres = mc.gaussianCentres();
        this.width = mc.gaussianWidth();
        this.scaler = model.scaler();
    }

    /** The batch norms in the order the network applies them: conv0.bn_filter, conv0.bn_core, conv0.bn_node, ... */
    List<String> batchNorms() {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (String k : List.of("bn_filter", "bn_core", "bn_node")) {
                out.add("conv" + l + "." + k);
            }
        }
        return out;
    }

    float[] variable(String name) {
        float[] v = vars.get(name);
        if (v == null) {
            throw new IllegalStateException("the model has no variable " + name);
        }
        return v;
    }

    /**
     * One crystal's pass.
     *
     * @param prediction the prediction, target units
     * @param zMax       per batch norm (in {@link #batchNorms} order), per channel: the largest standardised input
     *                   {@code |x - moving mean| / sqrt(moving variance + eps)} over the rows (edges or atoms)
     */
    record Pass(double prediction, Map<String, double[]> zMax) {
    }

    /** Sums of each batch norm's inputs over the rows of many passes, for their mean and variance per channel. */
    static final class Moments {
        private final Map<String, double[]> sum = new HashMap<>();
        private final Map<String, double[]> sumSq = new HashMap<>();
        private final Map<String, Long> rows = new HashMap<>();

        void add(String name, double[][] x) {
            int c = x.length == 0 ? 0 : x[0].length;
            double[] s1 = sum.computeIfAbsent(name, k -> new double[c]);
            double[] s2 = sumSq.computeIfAbsent(name, k -> new double[c]);
            for (double[] row : x) {
                for (int q = 0; q < row.length; q++) {
                    s1[q] += row[q];
                    s2[q] += row[q] * row[q];
                }
            }
            rows.merge(name, (long) x.length, Long::sum);
        }

        /** Rows seen by the batch norm. */
        long rows(String name) {
            return rows.getOrDefault(name, 0L);
        }

        /** Population variance of each channel's input over the rows seen. */
        double[] variance(String name) {
            long n = rows(name);
            double[] s1 = sum.get(name);
            double[] s2 = sumSq.get(name);
            double[] v = new double[s1.length];
            for (int q = 0; q < v.length; q++) {
                double mu = s1[q] / n;
                v[q] = s2[q] / n - mu * mu;
            }
            return v;
        }
    }

    /** The pass of {@code g}; adds each batch norm's inputs to {@code moments} unless it is null. */
    Pass forward(CrystalGraph g, Moments moments) {
        int n = g.numNodes();
        int m = g.numEdges();
        int[] src = g.source();
        int[] dst = g.destination();
        Map<String, double[]> zMax = new LinkedHashMap<>();
        float[] emb = variable("features.embedding");
        double[][] v = new double[n][h];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < h; c++) {
                v[i][c] = emb[g.atomicNumbers()[i] * h + c];
            }
        }
        int nG = centres.length;
        double[][] u = new double[m][nG];
        for (int e = 0; e < m; e++) {
            for (int k = 0; k < nG; k++) {
                double d = (g.distance()[e] - centres[k]) / width;
                u[e][k] = Math.exp(-d * d);
            }
        }
        for (int l = 0; l < layers; l++) {
            String conv = "conv" + l;
            // W_node [H, 4H] = [centre filter | centre core | neighbour filter | neighbour core], W_edge [G, 2H], b [2H]
            float[] wn = variable(conv + ".W_node");
            float[] we = variable(conv + ".W_edge");
            float[] b = variable(conv + ".b");
            double[][] zf = new double[m][h];
            double[][] zc = new double[m][h];
            for (int e = 0; e < m; e++) {
                int i = src[e];
                int j = dst[e];
                for (int c = 0; c < h; c++) {
                    double f = b[c];
                    double core = b[h + c];
                    for (int r = 0; r < h; r++) {
                        f += v[i][r] * wn[r * 4 * h + c] + v[j][r] * wn[r * 4 * h + 2 * h + c];
                        core += v[i][r] * wn[r * 4 * h + h + c] + v[j][r] * wn[r * 4 * h + 3 * h + c];
                    }
                    for (int k = 0; k < nG; k++) {
                        f += u[e][k] * we[k * 2 * h + c];
                        core += u[e][k] * we[k * 2 * h + h + c];
                    }
                    zf[e][c] = f;
                    zc[e][c] = core;
                }
            }
            double[][] f = batchNorm(conv + ".bn_filter", zf, zMax, moments);
            double[][] c = batchNorm(conv + ".bn_core", zc, zMax, moments);
            double[][] s = new double[n][h];
            for (int e = 0; e < m; e++) {
                for (int q = 0; q < h; q++) {
                    s[src[e]][q] += softplus(c[e][q]) / (1 + Math.exp(-f[e][q]));
                }
            }
            double[][] t = batchNorm(conv + ".bn_node", s, zMax, moments);
            for (int i = 0; i < n; i++) {
                for (int q = 0; q < h; q++) {
                    v[i][q] = softplus(v[i][q] + t[i][q]);
                }
            }
        }
        double[] pooled = new double[h];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < h; q++) {
                pooled[q] += v[i][q] / n;
            }
        }
        float[] w1 = variable("head.hidden.W");
        float[] b1 = variable("head.hidden.b");
        float[] w2 = variable("head.out.W");
        float[] b2 = variable("head.out.b");
        double y = b2[0];
        for (int o = 0; o < b1.length; o++) {
            double a = b1[o];
            for (int q = 0; q < h; q++) {
                a += pooled[q] * w1[q * b1.length + o];
            }
            y += softplus(a) * w2[o];
        }
        return new Pass(y * scaler.std() + scaler.mean(), zMax);
    }

    private double[][] batchNorm(String name, double[][] x, Map<String, double[]> zMax, Moments moments) {
        float[] gamma = variable(name + ".gamma");
        float[] beta = variable(name + ".beta");
        float[] mean = variable(name + ".moving_mean");
        float[] var = variable(name + ".moving_variance");
        double[][] y = new double[x.length][h];
        double[] zm = new double[h];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < h; c++) {
                double z = (x[r][c] - mean[c]) / Math.sqrt(var[c] + EPS);
                zm[c] = Math.max(zm[c], Math.abs(z));
                y[r][c] = z * gamma[c] + beta[c];
            }
        }
        if (moments != null) {
            moments.add(name, x);
        }
        zMax.put(name, zm);
        return y;
    }

    private static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }
}
