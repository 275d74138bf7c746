package org.unate.property;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBatch;
import org.unate.model.EpochRecord;
import org.unate.model.ModelConfig;
import org.unate.model.NodeFeaturizer;
import org.unate.model.TrainingListener;
import org.unate.model.TrainingLoop;

/**
 * Training and inference throughput of the property model on synthetic graphs with JARVIS's size statistics
 * (2,000 crystals, 27,553 atoms, 12 neighbours per atom; {@link SyntheticGraphs}), or with {@code --data FILE} on
 * the first {@code n} records of a dataset (CGCNN graphs, formation energy), the data the PyTorch reference times.
 * <p>Like the PyTorch reference (cgcnn_torch.py): one warm-up epoch, then timed epochs, each shuffling and packing
 * its batches inside the timed loop; then timed inference passes over the same data in batches of the training
 * batch size. Rates are crystals per second of the median epoch / pass.
 * <pre>
 * java -cp ... org.unate.property.TrainingBenchmark [--n 2000] [--atoms 27553] [--k 12] [--epochs 6] [--passes 3]
 *     [--hidden 64] [--layers 3] [--batch 64] [--intra 2] [--inter 1] [--backbone cgcnn|cartnet-lite]
 *     [--featurizer atomic-number] [--variant fast|general|naive] [--data FILE] [--json out.json]
 * </pre>
 * Variants: {@code fast} = split products + reshape layout on k-regular batches (the default model);
 * {@code general} = split products, gather/segment-sum layout; {@code naive} = the textbook layer, gather
 * [v_i, v_j, u] and one Dense, segment-sum layout (the baseline the optimisations are measured against).
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int k = 0; k + 1 < args.length; k += 2) {
            if (!args[k].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[k]);
            }
            a.put(args[k].substring(2), args[k + 1]);
        }
        int n = Integer.parseInt(a.getOrDefault("n", "2000"));
        int atoms = Integer.parseInt(a.getOrDefault("atoms", String.valueOf(Math.round(n * 27553.0 / 2000))));
        int k = Integer.parseInt(a.getOrDefault("k", "12"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "6"));
        int passes = Integer.parseInt(a.getOrDefault("passes", "3"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
        int intra = Integer.parseInt(a.getOrDefault("intra", "2"));
        int inter = Integer.parseInt(a.getOrDefault("inter", "1"));
        String variant = a.getOrDefault("variant", "fast");
        ModelConfig mc = (a.getOrDefault("backbone", "cgcnn").equals("cgcnn") ? ModelConfig.cgcnn() : ModelConfig.cartnetLite())
                .withWidths(Integer.parseInt(a.getOrDefault("hidden", "64")),
                        Integer.parseInt(a.getOrDefault("layers", "3")), 128)
                .withFeaturizer(a.getOrDefault("featurizer", "atomic-number"))
                .withEdgeFastPath(variant.equals("fast"));
        TrainConfig cfg = TrainConfig.defaults().withModel(mc).withBatchSize(batch).withThreads(intra, inter)
                .withLoss(a.getOrDefault("loss", "mse")).withEpochs(epochs + 1);

        List<CrystalGraph> graphs;
        double[] y;
        if (a.containsKey("data")) {
            // the same data as the PyTorch reference: the first n records, CGCNN graphs, formation energy
            List<org.unate.crystal.CrystalRecord> records = new java.util.ArrayList<>();
            try (var d = org.unate.crystal.io.CrystalDataset.open(java.nio.file.Path.of(a.get("data")),
                    org.unate.crystal.io.DatasetOptions.DEFAULT.withLimit(n))) {
                d.forEach(records::add);
            }
            graphs = org.unate.graph.GraphBuilder.of(org.unate.graph.GraphConfig.cgcnn()).buildAll(records, 1, null).graphs();
            java.util.Map<String, Double> label = new java.util.HashMap<>();
            records.forEach(r -> label.put(r.id(), r.label("formation_energy_peratom").orElse(Double.NaN)));
            y = graphs.stream().mapToDouble(g -> label.get(g.id())).toArray();
            atoms = graphs.stream().mapToInt(CrystalGraph::numNodes).sum();
            n = graphs.size();
        } else {
            graphs = SyntheticGraphs.generate(n, atoms, k, 0);
            y = SyntheticGraphs.targets(graphs);
        }
        TargetScaler scaler = TargetScaler.fit(y);
        boolean regular = variant.equals("fast") && PropertyTrainer.commonRegularK(graphs) > 0;
        System.out.printf(Locale.ROOT, "# TrainingBenchmark TF %s, %d cpus, %d crystals, %d atoms, k %d, backbone %s, H %d,"
                        + " layers %d, batch %d, intra %d, inter %d, variant %s, TF_ENABLE_ONEDNN_OPTS=%s%n",
                TensorFlow.version(), Runtime.getRuntime().availableProcessors(), n, atoms, k, mc.backbone(),
                mc.hidden(), mc.layers(), batch, intra, inter, variant, System.getenv("TF_ENABLE_ONEDNN_OPTS"));

        long tb = System.nanoTime();
        try (PropertyModel model = new PropertyModel(cfg, NodeFeaturizer.parse(mc.featurizer()), scaler, regular,
                variant.equals("naive"))) {
            double build = (System.nanoTime() - tb) * 1e-9;
            // the project's training loop, constant learning rate, no validation: epoch 1 is the warm-up
            List<Double> trainTimes = new ArrayList<>();
            List<Double> losses = new ArrayList<>();
            TrainingListener timer = new TrainingListener() {
                private long t0;

                @Override
                public void onEpochStart(int epoch) {
                    t0 = System.nanoTime();
                }

                @Override
                public void onEpoch(EpochRecord r, double eta) {
                    double dt = (System.nanoTime() - t0) * 1e-9;
                    losses.add(r.trainLoss());
                    System.out.printf(Locale.ROOT, "%s epoch %d: %.2f s, %.0f crystals/s, loss %.4f%n",
                            r.epoch() == 1 ? "warm-up" : "train", r.epoch() - 1, dt, graphs.size() / dt, r.trainLoss());
                    if (r.epoch() > 1) {
                        trainTimes.add(dt);
                    }
                }
            };
            TrainingLoop.Settings settings = new TrainingLoop.Settings(epochs + 1, batch, 1e-3, 1e-3, 0, 0, 0L);
            TrainingLoop.run(new PropertyTrainer.Task(model, graphs, y, List.of(), new double[0]), settings, timer);
            losses.remove(0);
            List<Double> inferTimes = new ArrayList<>();
            for (int p = 0; p <= passes; p++) {
                long t0 = System.nanoTime();
                for (int s = 0; s < n; s += batch) {
                    model.predict(GraphBatch.pack(graphs.subList(s, Math.min(n, s + batch))));
                }
                double dt = (System.nanoTime() - t0) * 1e-9;
                System.out.printf(Locale.ROOT, "%s pass %d: %.2f s, %.0f crystals/s%n", p == 0 ? "warm-up" : "infer", p, dt, n / dt);
                if (p > 0) {
                    inferTimes.add(dt);
                }
            }
            double trainMed = median(trainTimes);
            double inferMed = median(inferTimes);
            System.out.printf(Locale.ROOT, "train %.0f crystals/s (median of %d epochs), infer %.0f crystals/s "
                    + "(median of %d passes); graph build %.2f s; %d parameters%n",
                    n / trainMed, epochs, n / inferMed, passes, build, model.parameterCount());
            if (a.containsKey("json")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("tensorflow", TensorFlow.version());
                out.put("cpus", Runtime.getRuntime().availableProcessors());
                out.put("n_structures", n);
                out.put("n_atoms", atoms);
                out.put("k", k);
                out.put("backbone", mc.backbone());
                out.put("hidden", mc.hidden());
                out.put("layers", mc.layers());
                out.put("batch", batch);
                out.put("intra_op_threads", intra);
                out.put("inter_op_threads", inter);
                out.put("variant", variant);
                out.put("TF_ENABLE_ONEDNN_OPTS", System.getenv("TF_ENABLE_ONEDNN_OPTS"));
                out.put("params", model.parameterCount());
                out.put("train_epoch_s", trainTimes);
                out.put("train_crystals_per_s", n / trainMed);
                out.put("infer_pass_s", inferTimes);
                out.put("infer_crystals_per_s", n / inferMed);
                out.put("train_losses", losses);
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(a.get("json")), out);
            }
        }
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
