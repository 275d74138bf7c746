import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.*;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.unate.graph.*;
import org.unate.nn.Tensors;
import org.unate.property.TrainedModel;

/**
 * Where, layer by layer, a trained CGCNN-style model with atomic-number features leaves the range of its training
 * data at inference. The inference path (moving statistics) is re-evaluated in plain double-precision Java from the
 * SavedModel's variables, and checked against the model's own prediction. For every batch norm it reports
 * <ul>
 *   <li>how the moving variance compares with the variance of its inputs over a sample of training crystals
 *       (a ratio near 1: the moving statistics describe the training data);</li>
 *   <li>the distribution over those crystals of max |z|, z = (x - moving mean) / sqrt(moving variance + eps),
 *       the largest standardised input of any row and channel of a crystal;</li>
 *   <li>the same max |z| for each chosen crystal, with its channel.</li>
 * </ul>
 *
 *   java -cp "target/unate.jar:target/lib/*" scripts/BatchNormLayers.java MODEL_DIR SPLIT.json SAMPLE ID...
 *
 * Reads the JARVIS graphs from data/cache (as `unate train` left them; 12 nearest within 8 A). The training sample
 * is the first SAMPLE crystals of the split's train list shuffled with seed 1.
 */
public class BatchNormLayers {
    private static final double EPS = 1e-5;
    private final Map<String, float[]> vars;
    private final int h, layers;
    private final double gaussStep, gaussWidth;
    private final int gaussCount;
    private final Map<String, double[]> sum = new HashMap<>(), sumSq = new HashMap<>(), zMax = new HashMap<>();
    private final Map<String, Long> rows = new HashMap<>();
    private boolean collect;

    BatchNormLayers(Map<String, float[]> vars, JsonNode model) {
        this.vars = vars;
        this.h = model.get("hidden").asInt();
        this.layers = model.get("layers").asInt();
        this.gaussStep = model.get("gaussianStep").asDouble();
        this.gaussWidth = model.get("gaussianWidth").asDouble();
        this.gaussCount = (int) Math.round((model.get("gaussianMax").asDouble() - model.get("gaussianMin").asDouble()) / gaussStep) + 1;
        if (model.get("gaussianMin").asDouble() != 0.0 || !"cgcnn".equals(model.get("backbone").asText())
                || !"atomic-number".equals(model.get("featurizer").asText())) {
            throw new IllegalArgumentException("needs a cgcnn backbone with atomic-number features and Gaussians from 0");
        }
    }

    List<String> batchNorms() {
        List<String> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            for (String k : List.of("bn_filter", "bn_core", "bn_node")) out.add("conv" + l + "." + k);
        }
        return out;
    }

    private static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    private double[][] batchNorm(String name, double[][] x) {
        float[] g = vars.get(name + ".gamma"), b = vars.get(name + ".beta");
        float[] mean = vars.get(name + ".moving_mean"), var = vars.get(name + ".moving_variance");
        double[][] y = new double[x.length][h];
        double[] zm = new double[h];
        double[] s1 = sum.computeIfAbsent(name, k -> new double[h]), s2 = sumSq.computeIfAbsent(name, k -> new double[h]);
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < h; c++) {
                double z = (x[r][c] - mean[c]) / Math.sqrt(var[c] + EPS);
                zm[c] = Math.max(zm[c], Math.abs(z));
                y[r][c] = z * g[c] + b[c];
                if (collect) {
                    s1[c] += x[r][c];
                    s2[c] += x[r][c] * x[r][c];
                }
            }
        }
        if (collect) rows.merge(name, (long) x.length, Long::sum);
        zMax.put(name, zm);
        return y;
    }

    /** The standardised prediction; leaves each batch norm's per-channel max |z| in {@link #zMax}. */
    double forward(CrystalGraph g) {
        int n = g.numNodes(), m = g.numEdges();
        float[] emb = vars.get("features.embedding");
        double[][] v = new double[n][h];
        for (int i = 0; i < n; i++) for (int c = 0; c < h; c++) v[i][c] = emb[g.atomicNumbers()[i] * h + c];
        double[][] u = new double[m][gaussCount];
        for (int e = 0; e < m; e++) {
            for (int k = 0; k < gaussCount; k++) {
                double d = (g.distance()[e] - gaussStep * k) / gaussWidth;
                u[e][k] = Math.exp(-d * d);
            }
        }
        for (int l = 0; l < layers; l++) {
            // W_node [H, 4H] = [W_c (filter, core) | W_n (filter, core)], W_edge [G, 2H], b [2H]
            float[] wn = vars.get("conv" + l + ".W_node"), we = vars.get("conv" + l + ".W_edge"), b = vars.get("conv" + l + ".b");
            double[][] zf = new double[m][h], zc = new double[m][h];
            for (int e = 0; e < m; e++) {
                int i = g.source()[e], j = g.destination()[e];
                for (int c = 0; c < h; c++) {
                    double f = b[c], core = b[h + c];
                    for (int r = 0; r < h; r++) {
                        f += v[i][r] * wn[r * 4 * h + c] + v[j][r] * wn[r * 4 * h + 2 * h + c];
                        core += v[i][r] * wn[r * 4 * h + h + c] + v[j][r] * wn[r * 4 * h + 3 * h + c];
                    }
                    for (int k = 0; k < gaussCount; k++) {
                        f += u[e][k] * we[k * 2 * h + c];
                        core += u[e][k] * we[k * 2 * h + h + c];
                    }
                    zf[e][c] = f;
                    zc[e][c] = core;
                }
            }
            double[][] f = batchNorm("conv" + l + ".bn_filter", zf), c = batchNorm("conv" + l + ".bn_core", zc);
            double[][] s = new double[n][h];
            for (int e = 0; e < m; e++) {
                for (int q = 0; q < h; q++) s[g.source()[e]][q] += softplus(c[e][q]) / (1 + Math.exp(-f[e][q]));
            }
            double[][] t = batchNorm("conv" + l + ".bn_node", s);
            for (int i = 0; i < n; i++) for (int q = 0; q < h; q++) v[i][q] = softplus(v[i][q] + t[i][q]);
        }
        double[] pooled = new double[h];
        for (int i = 0; i < n; i++) for (int q = 0; q < h; q++) pooled[q] += v[i][q] / n;
        float[] w1 = vars.get("head.hidden.W"), b1 = vars.get("head.hidden.b"), w2 = vars.get("head.out.W"), b2 = vars.get("head.out.b");
        double y = b2[0];
        for (int o = 0; o < b1.length; o++) {
            double a = b1[o];
            for (int q = 0; q < h; q++) a += pooled[q] * w1[q * b1.length + o];
            y += softplus(a) * w2[o];
        }
        return y;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BatchNormLayers.java MODEL_DIR SPLIT.json SAMPLE ID...");
            System.exit(2);
        }
        Path modelDir = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        JsonNode meta = json.readTree(modelDir.resolve("model.json").toFile());
        JsonNode config = json.readTree(modelDir.resolve("config.json").toFile());
        JsonNode modelConfig = config.has("model") ? config.get("model") : config.path("train").path("model");
        double mean = meta.get("target_mean").asDouble(), std = meta.get("target_std").asDouble();
        Map<String, float[]> vars = new HashMap<>();
        try (SavedModelBundle b = SavedModelBundle.load(modelDir.resolve("saved_model").toString(), "serve")) {
            for (Iterator<GraphOperation> it = b.graph().operations(); it.hasNext(); ) {
                GraphOperation op = it.next();
                if (op.type().equals("VariableV2")) {
                    try (Result r = b.session().runner().fetch(op.name()).run()) {
                        vars.put(op.name(), Tensors.toFloats(r.get(0)));
                    }
                }
            }
        }
        BatchNormLayers net = new BatchNormLayers(vars, modelConfig);

        Path data = Path.of("data/raw/jarvis-dft3d-2021/jarvis-dft3d-2021.jsonl.gz");
        GraphSet set = GraphCache.readCached(Path.of("data/cache"), data, GraphConfig.cgcnn());
        Map<String, CrystalGraph> byId = new HashMap<>();
        for (CrystalGraph g : set.graphs()) byId.put(g.id(), g);
        List<CrystalGraph> train = new ArrayList<>();
        for (JsonNode id : json.readTree(Path.of(args[1]).toFile()).get("train")) {
            CrystalGraph g = byId.get(id.asText());
            if (g != null) train.add(g);
        }
        Collections.shuffle(train, new Random(1));
        int sample = Math.min(Integer.parseInt(args[2]), train.size());
        Map<String, double[]> perCrystal = new HashMap<>();
        net.collect = true;
        for (int t = 0; t < sample; t++) {
            net.forward(train.get(t));
            for (String bn : net.batchNorms()) {
                perCrystal.computeIfAbsent(bn, k -> new double[sample])[t] = Arrays.stream(net.zMax.get(bn)).max().orElse(0);
            }
        }
        net.collect = false;
        System.out.println(modelDir);
        System.out.printf("%d training crystals: input variance / moving variance (largest over channels), per-crystal max |z| (median, p99, p99.9, max)%n", sample);
        for (String bn : net.batchNorms()) {
            float[] mv = vars.get(bn + ".moving_variance");
            long n = net.rows.get(bn);
            double worst = 0, minVar = Double.MAX_VALUE;
            for (int c = 0; c < net.h; c++) {
                double mu = net.sum.get(bn)[c] / n;
                worst = Math.max(worst, (net.sumSq.get(bn)[c] / n - mu * mu) / mv[c]);
                minVar = Math.min(minVar, mv[c]);
            }
            double[] z = perCrystal.get(bn).clone();
            Arrays.sort(z);
            System.out.printf("  %-16s min moving var %6.3f  var ratio <= %.2f  max|z| %5.1f %5.1f %5.1f %5.1f%n", bn, minVar,
                    worst, z[sample / 2], z[(int) (sample * 0.99)], z[(int) (sample * 0.999)], z[sample - 1]);
        }
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            for (int q = 3; q < args.length; q++) {
                CrystalGraph g = byId.get(args[q]);
                if (g == null) {
                    System.out.println(args[q] + ": no graph in the cache");
                    continue;
                }
                double plain = net.forward(g) * std + mean;
                System.out.printf("%s (Z %s): prediction %.3f (plain Java %.3f); max|z| per batch norm:%n", args[q],
                        Arrays.toString(g.atomicNumbers()), model.predict(List.of(g))[0], plain);
                for (String bn : net.batchNorms()) {
                    double[] z = net.zMax.get(bn);
                    int arg = 0;
                    for (int c = 1; c < z.length; c++) if (z[c] > z[arg]) arg = c;
                    System.out.printf("  %-16s %5.1f (channel %d)%n", bn, z[arg], arg);
                }
            }
        }
    }
}
