package org.unate.diagnose;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.unate.crystal.CrystalRecord;
import org.unate.eval.Predictions;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.graph.CrystalGraph;
import org.unate.property.TrainedModel;

/**
 * Predictions far outside the range of the training labels (beyond it by more than a fraction of its width, a tenth
 * by default), for every crystal of a split (train, val and test) under a trained model, or for a predictions file
 * ({@code id,truth,prediction}, e.g. another implementation's).
 */
public final class OutOfRange {
    private OutOfRange() {
    }

    /**
     * @param margin how far beyond the training range, as a fraction of its width, a prediction must lie (0.1)
     * @param show   how many of the farthest predictions to list per source (12)
     */
    public record Config(double margin, int show) {
        public Config {
            if (!(margin >= 0) || show < 0) {
                throw new IllegalArgumentException("margin must be >= 0 and show >= 0, got " + margin + " and " + show);
            }
        }

        public static Config defaults() {
            return new Config(0.1, 12);
        }
    }

    /** The training labels' range [lo, hi] and the margin (in label units) beyond which a prediction counts. */
    public record Range(double lo, double hi, double margin) {
        /** The range of the split's training labels, widened by {@code fraction} of its width. */
        public static Range of(Split split, Map<String, Double> labels, double fraction) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (String id : split.train()) {
                double y = labels.get(id);
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
            return new Range(lo, hi, fraction * (hi - lo));
        }

        public boolean farOutside(double prediction) {
            return prediction > hi + margin || prediction < lo - margin;
        }
    }

    /**
     * A prediction far outside the range.
     *
     * @param part    {@code train}, {@code val}, {@code test}, or {@code ?} for an id outside the split
     * @param formula the reduced formula of the cell (elements by atomic number), or null if not in the dataset
     * @param label   the dataset's label, NaN if it has none
     */
    public record Far(String id, String part, String formula, double label, double prediction) {
    }

    /**
     * What one source of predictions gives.
     *
     * @param predictions how many predictions it has
     * @param far         those far outside, largest |prediction| first (ties by id)
     * @param counts      how many of them per split part, parts in alphabetical order
     */
    public record Count(String source, int predictions, List<Far> far, Map<String, Integer> counts) {
    }

    /** The predictions of {@code byId} far outside {@code range}. */
    public static Count count(String source, Map<String, Double> byId, Range range, Split split,
                              Map<String, Double> labels, Map<String, String> formulas) {
        Map<String, String> part = parts(split);
        List<Far> far = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        byId.forEach((id, y) -> {
            if (range.farOutside(y)) {
                String p = part.getOrDefault(id, "?");
                far.add(new Far(id, p, formulas.get(id), labels.getOrDefault(id, Double.NaN), y));
                counts.merge(p, 1, Integer::sum);
            }
        });
        far.sort(Comparator.comparingDouble((Far f) -> -Math.abs(f.prediction())).thenComparing(Far::id));
        return new Count(source, byId.size(), far, counts);
    }

    private static Map<String, String> parts(Split split) {
        Map<String, String> part = new LinkedHashMap<>();
        split.lists().forEach((name, ids) -> ids.forEach(id -> part.put(id, name)));
        return part;
    }

    /**
     * Prints the training range and the bounds, then per source (a model folder, or a predictions CSV) the number of
     * predictions, how many lie far outside per split part, and the farthest of them: id, part, formula, label,
     * prediction. A model predicts every crystal of the split that has a graph under its graph config.
     *
     * @param data dataset read with {@code property} among its labels
     */
    public static void run(DatasetGraphs data, String property, Path splitFile, List<Path> sources, Config config,
                           PrintStream out) {
        data.requireLabel(property);
        Map<String, Double> labels = data.labels(property);
        Split split = Split.read(splitFile).requireKnown(labels.keySet(), splitFile.toString());
        Map<String, String> formulas = new LinkedHashMap<>();
        for (CrystalRecord r : data.records()) {
            formulas.put(r.id(), r.structure().reducedFormula());
        }
        Range range = Range.of(split, labels, config.margin());
        out.printf(Locale.ROOT, "%s: training labels in [%.3f, %.3f]; counted: predictions below %.3f or above %.3f%n",
                property, range.lo(), range.hi(), range.lo() - range.margin(), range.hi() + range.margin());
        for (Path source : sources) {
            Count c = count(source.toString(), predictions(data, split, source), range, split, labels, formulas);
            out.printf(Locale.ROOT, "%s: %d predictions, %d far outside the training range %s%n", c.source(),
                    c.predictions(), c.far().size(), c.counts());
            for (Far f : c.far().subList(0, Math.min(config.show(), c.far().size()))) {
                out.printf(Locale.ROOT, "    %-6s %-5s %-10s label %7.3f  prediction %8.3f%n", f.id(), f.part(),
                        f.formula() == null ? "?" : f.formula(), f.label(), f.prediction());
            }
        }
    }

    /** A model folder's predictions for the split's crystals with a graph, or a predictions file's, by id. */
    static Map<String, Double> predictions(DatasetGraphs data, Split split, Path source) {
        Map<String, Double> byId = new LinkedHashMap<>();
        if (Files.isDirectory(source)) {
            try (TrainedModel m = TrainedModel.load(source)) {
                Map<String, CrystalGraph> graphs = data.graphs(PropertyRun.graphConfigOf(source, m.config().model()));
                List<CrystalGraph> inSplit = new ArrayList<>();
                for (List<String> ids : split.lists().values()) {
                    for (String id : ids) {
                        CrystalGraph g = graphs.get(id);
                        if (g != null) {
                            inSplit.add(g);
                        }
                    }
                }
                double[] y = m.predict(inSplit);
                for (int i = 0; i < y.length; i++) {
                    byId.put(inSplit.get(i).id(), y[i]);
                }
            }
        } else {
            Predictions p = Predictions.readCsv(source);
            double[] y = p.predicted();
            for (int i = 0; i < y.length; i++) {
                byId.put(p.ids().get(i), y[i]);
            }
        }
        return byId;
    }
}
