package org.unate.diagnose;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.graph.CrystalGraph;
import org.unate.property.TrainedModel;

/**
 * Where, layer by layer, a trained CGCNN-style model with atomic-number features leaves the range of its training
 * data at inference. The inference path (moving statistics) is re-evaluated in plain double-precision Java from the
 * model's variables ({@link PlainCgcnn}), and set against the model's own prediction. For every batch norm it reports
 * <ul>
 *   <li>how the moving variance compares with the variance of its inputs over a sample of training crystals
 *       (a ratio near 1: the moving statistics describe the training data);</li>
 *   <li>the distribution over those crystals of max |z|, z = (x - moving mean) / sqrt(moving variance + eps),
 *       the largest standardised input of any row and channel of a crystal;</li>
 *   <li>the same max |z| for each chosen crystal, with its channel.</li>
 * </ul>
 * The training sample is the first {@link Config#sample} of the split's training crystals that have a graph,
 * shuffled with {@code Collections.shuffle(list, new Random(seed))}.
 */
public final class BatchNormLayers {
    private BatchNormLayers() {
    }

    /**
     * @param sample training crystals to sample (2000; all of them when there are fewer)
     * @param seed   seed of the shuffle that picks them (1)
     */
    public record Config(int sample, long seed) {
        public Config {
            if (sample < 1) {
                throw new IllegalArgumentException("the training sample needs at least one crystal, got " + sample);
            }
        }

        public static Config defaults() {
            return new Config(2000, 1);
        }
    }

    /**
     * One batch norm over the training sample.
     *
     * @param name              e.g. {@code conv2.bn_node}
     * @param rows              rows (edges or atoms) of its inputs over the sample
     * @param minMovingVariance the smallest moving variance over channels
     * @param varianceRatio     the largest, over channels, of (input variance over the sample) / moving variance
     * @param zMax              per crystal of the sample, sorted: its largest |z| over rows and channels
     */
    public record Layer(String name, long rows, double minMovingVariance, double varianceRatio, double[] zMax) {
        /** The median, 99th, 99.9th percentile and maximum of {@link #zMax} (element {@code floor(q n)}). */
        public double[] quantiles() {
            int n = zMax.length;
            return new double[] {zMax[n / 2], zMax[(int) (n * 0.99)], zMax[(int) (n * 0.999)], zMax[n - 1]};
        }
    }

    /** The largest |z| of one batch norm for one crystal and the channel where it is. */
    public record ZMax(double value, int channel) {
    }

    /**
     * One chosen crystal.
     *
     * @param prediction      the model's prediction (TensorFlow), target units
     * @param plainPrediction the plain-Java re-evaluation of it
     * @param zMax            per batch norm, in the network's order
     */
    public record Crystal(String id, int[] atomicNumbers, double prediction, double plainPrediction,
                          Map<String, ZMax> zMax) {
    }

    /** The batch norms over the training sample, in the network's order. */
    public static List<Layer> training(TrainedModel model, List<CrystalGraph> sample) {
        PlainCgcnn net = new PlainCgcnn(model);
        PlainCgcnn.Moments moments = new PlainCgcnn.Moments();
        List<String> names = net.batchNorms();
        double[][] perCrystal = new double[names.size()][sample.size()];
        for (int t = 0; t < sample.size(); t++) {
            PlainCgcnn.Pass pass = net.forward(sample.get(t), moments);
            for (int b = 0; b < names.size(); b++) {
                perCrystal[b][t] = Arrays.stream(pass.zMax().get(names.get(b))).max().orElse(0);
            }
        }
        List<Layer> out = new ArrayList<>();
        for (int b = 0; b < names.size(); b++) {
            String bn = names.get(b);
            float[] mv = net.variable(bn + ".moving_variance");
            double[] var = moments.variance(bn);
            double worst = 0;
            double minVar = Double.MAX_VALUE;
            for (int c = 0; c < mv.length; c++) {
                worst = Math.max(worst, var[c] / mv[c]);
                minVar = Math.min(minVar, mv[c]);
            }
            double[] z = perCrystal[b].clone();
            Arrays.sort(z);
            out.add(new Layer(bn, moments.rows(bn), minVar, worst, z));
        }
        return out;
    }

    /** A chosen crystal's prediction, its plain-Java re-evaluation and its largest |z| per batch norm. */
    public static Crystal crystal(TrainedModel model, CrystalGraph g) {
        PlainCgcnn net = new PlainCgcnn(model);
        PlainCgcnn.Pass pass = net.forward(g, null);
        Map<String, ZMax> zMax = new LinkedHashMap<>();
        for (String bn : net.batchNorms()) {
            double[] z = pass.zMax().get(bn);
            int arg = 0;
            for (int c = 1; c < z.length; c++) {
                if (z[c] > z[arg]) {
                    arg = c;
                }
            }
            zMax.put(bn, new ZMax(z[arg], arg));
        }
        return new Crystal(g.id(), g.atomicNumbers(), model.predict(List.of(g))[0], pass.prediction(), zMax);
    }

    /** The split's training crystals with a graph, shuffled with {@code seed}, the first {@code sample} of them. */
    public static List<CrystalGraph> sample(List<CrystalGraph> training, Config config) {
        List<CrystalGraph> train = new ArrayList<>(training);
        Collections.shuffle(train, new Random(config.seed()));
        return train.subList(0, Math.min(config.sample(), train.size()));
    }

    /**
     * Prints the model folder, one line per batch norm over the training sample (smallest moving variance, largest
     * variance ratio, the quantiles of max |z|), then per id the prediction, its plain-Java value and the max |z|
     * (with its channel) of each batch norm, or {@code ID: no graph}. The graphs are those of the model's graph
     * config (OUT/model/graph.json).
     */
    public static void run(DatasetGraphs data, Path splitFile, Path modelDir, List<String> ids, Config config,
                           PrintStream out) {
        Split split = Split.read(splitFile);
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            var graphConfig = PropertyRun.graphConfigOf(modelDir, model.config().model());
            Map<String, CrystalGraph> byId = data.graphs(graphConfig);
            List<CrystalGraph> sample = sample(data.trainingGraphs(split, graphConfig), config);
            List<Layer> layers = training(model, sample);
            out.println(modelDir);
            out.printf(Locale.ROOT, "%d training crystals: input variance / moving variance (largest over channels), "
                    + "per-crystal max |z| (median, p99, p99.9, max)%n", sample.size());
            for (Layer l : layers) {
                double[] q = l.quantiles();
                out.printf(Locale.ROOT, "  %-16s min moving var %6.3f  var ratio <= %.2f  max|z| %5.1f %5.1f %5.1f %5.1f%n",
                        l.name(), l.minMovingVariance(), l.varianceRatio(), q[0], q[1], q[2], q[3]);
            }
            for (String id : ids) {
                CrystalGraph g = byId.get(id);
                if (g == null) {
                    out.println(id + ": " + DatasetGraphs.NO_GRAPH);
                    continue;
                }
                Crystal c = crystal(model, g);
                out.printf(Locale.ROOT, "%s (Z %s): prediction %.3f (plain Java %.3f); max|z| per batch norm:%n", id,
                        Arrays.toString(c.atomicNumbers()), c.prediction(), c.plainPrediction());
                c.zMax().forEach((bn, z) -> out.printf(Locale.ROOT, "  %-16s %5.1f (channel %d)%n", bn, z.value(),
                        z.channel()));
            }
        }
    }
}
