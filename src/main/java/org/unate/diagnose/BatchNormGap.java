package org.unate.diagnose;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.graph.CrystalGraph;
import org.unate.property.TrainedModel;

/**
 * How far batch norm's moving statistics lead a trained property model from what it computes in training: for each
 * chosen crystal, the inference prediction (moving statistics) against training-mode predictions (batch statistics,
 * {@link TrainedModel#predictWithBatchStatistics}) with the crystal put last into {@link Config#batches} batches of
 * {@link Config#batchSize} - 1 training crystals of the split drawn with replacement. The draws come from one
 * {@code new Random(seed)}, {@code nextInt(number of training crystals with a graph)} per place, shared in order by
 * every model and crystal of a run.
 */
public final class BatchNormGap {
    private BatchNormGap() {
    }

    /**
     * @param batches   training-mode batches per crystal (20)
     * @param batchSize crystals per batch, the chosen one included (64: 63 training crystals and it)
     * @param seed      seed of the draws (1)
     */
    public record Config(int batches, int batchSize, long seed) {
        public Config {
            if (batches < 1 || batchSize < 1) {
                throw new IllegalArgumentException("batches and batch size must be positive, got " + batches + " and "
                        + batchSize);
            }
        }

        public static Config defaults() {
            return new Config(20, 64, 1);
        }
    }

    /**
     * One crystal under one model.
     *
     * @param id              the record id
     * @param inference       the inference prediction, target units
     * @param batchStatistics its training-mode prediction in each batch, {@code [batches]}
     */
    public record Gap(String id, double inference, double[] batchStatistics) {
        public DoubleSummaryStatistics summary() {
            return Arrays.stream(batchStatistics).summaryStatistics();
        }
    }

    /**
     * The gaps of {@code crystals} under {@code model}, in order.
     *
     * @param pool the training crystals the batches are drawn from
     * @param rnd  the draws (advanced by {@code (batchSize - 1) * batches} per crystal)
     */
    public static List<Gap> measure(TrainedModel model, List<CrystalGraph> crystals, List<CrystalGraph> pool,
                                    Config config, Random rnd) {
        List<Gap> out = new ArrayList<>();
        for (CrystalGraph g : crystals) {
            double inference = model.predict(List.of(g))[0];
            double[] tr = new double[config.batches()];
            for (int r = 0; r < tr.length; r++) {
                List<CrystalGraph> batch = new ArrayList<>(config.batchSize());
                for (int q = 0; q < config.batchSize() - 1; q++) {
                    batch.add(pool.get(rnd.nextInt(pool.size())));
                }
                batch.add(g);
                tr[r] = model.predictWithBatchStatistics(batch)[config.batchSize() - 1];
            }
            out.add(new Gap(g.id(), inference, tr));
        }
        return out;
    }

    /**
     * For each model folder: its name, then per id a line {@code ID inference X  batch-stats mean M min A max B}
     * (two decimals), or {@code ID: no graph} when the dataset has none for it. Each model is run on the graphs of
     * its own graph config (OUT/model/graph.json).
     */
    public static void run(DatasetGraphs data, Path splitFile, List<String> ids, List<Path> modelDirs, Config config,
                           PrintStream out) {
        Split split = Split.read(splitFile);
        Random rnd = new Random(config.seed());
        for (Path dir : modelDirs) {
            try (TrainedModel m = TrainedModel.load(dir)) {
                var graphConfig = PropertyRun.graphConfigOf(dir, m.config().model());
                Map<String, CrystalGraph> byId = data.graphs(graphConfig);
                List<CrystalGraph> pool = data.trainingGraphs(split, graphConfig);
                out.println(dir);
                for (String id : ids) {
                    CrystalGraph g = byId.get(id);
                    if (g == null) {
                        out.println("  " + id + ": " + DatasetGraphs.NO_GRAPH);
                        continue;
                    }
                    Gap gap = measure(m, List.of(g), pool, config, rnd).get(0);
                    DoubleSummaryStatistics st = gap.summary();
                    out.printf(Locale.ROOT, "  %s inference %.2f  batch-stats mean %.2f min %.2f max %.2f%n", id,
                            gap.inference(), st.getAverage(), st.getMin(), st.getMax());
                }
            }
        }
    }
}
