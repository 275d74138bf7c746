package org.unate.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import org.unate.data.AtomicFiles;

/**
 * Predictions of one model on one set of crystals: ids, true values and predicted values, index-aligned.
 * <p>Arrays are copied in and out; values are in the property's units.
 *
 * @param ids       record ids {@code [n]}, unique
 * @param truth     true values {@code [n]}
 * @param predicted predicted values {@code [n]}
 */
public record Predictions(List<String> ids, double[] truth, double[] predicted) {
    /** The dimension name used for the single regression target in Tribuo outputs. */
    public static final String TARGET = "target";

    public Predictions {
        ids = List.copyOf(ids);
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (truth.length != ids.size() || predicted.length != ids.size()) {
            throw new IllegalArgumentException("ids, truth and predicted must have one entry per crystal: got "
                    + ids.size() + ", " + truth.length + ", " + predicted.length);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                throw new IllegalArgumentException("id '" + ids.get(i) + "' occurs twice among the predictions");
            }
            if (!Double.isFinite(truth[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("record '" + ids.get(i) + "': non-finite value (truth " + truth[i]
                        + ", predicted " + predicted[i] + ")");
            }
        }
        truth = truth.clone();
        predicted = predicted.clone();
    }

    public static Predictions of(List<String> ids, double[] truth, double[] predicted) {
        return new Predictions(ids, truth, predicted);
    }

    /**
     * Predictions made by a Tribuo model, in the order given: the truth is each example's output and the prediction
     * the predicted output's single dimension.
     */
    public static Predictions fromTribuo(List<String> ids, List<Prediction<Regressor>> predictions) {
        if (ids.size() != predictions.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + predictions.size() + " predictions");
        }
        double[] t = new double[ids.size()];
        double[] p = new double[ids.size()];
        for (int i = 0; i < t.length; i++) {
            Prediction<Regressor> pr = predictions.get(i);
            t[i] = single(pr.getExample().getOutput(), ids.get(i));
            p[i] = single(pr.getOutput(), ids.get(i));
        }
        return new Predictions(ids, t, p);
    }

    private static double single(Regressor r, String id) {
        if (r.size() != 1) {
            throw new IllegalArgumentException("record '" + id + "': expected a one-dimensional regressor, got " + r);
        }
        return r.getValues()[0];
    }

    @Override
    public double[] truth() {
        return truth.clone();
    }

    @Override
    public double[] predicted() {
        return predicted.clone();
    }

    public int size() {
        return ids.size();
    }

    /** Absolute errors {@code |predicted - truth|}, {@code [n]}. */
    public double[] absoluteErrors() {
        double[] e = new double[truth.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.abs(predicted[i] - truth[i]);
        }
        return e;
    }

    /** The predictions of the given indices, in that order. */
    public Predictions select(int[] indices) {
        List<String> i2 = new ArrayList<>(indices.length);
        double[] t = new double[indices.length];
        double[] p = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            i2.add(ids.get(indices[k]));
            t[k] = truth[indices[k]];
            p[k] = predicted[indices[k]];
        }
        return new Predictions(i2, t, p);
    }

    /**
     * The predictions as Tribuo regression predictions: one {@link Prediction} per crystal whose example carries the
     * true value as its output (dimension {@value #TARGET}) and whose output is the predicted value. The examples have
     * no features; they only carry the truth for Tribuo's evaluation.
     */
    public List<Prediction<Regressor>> toTribuo() {
        List<Prediction<Regressor>> out = new ArrayList<>(truth.length);
        for (int i = 0; i < truth.length; i++) {
            ArrayExample<Regressor> ex = new ArrayExample<>(new Regressor(TARGET, truth[i]));
            out.add(new Prediction<>(new Regressor(TARGET, predicted[i]), 0, ex));
        }
        return out;
    }

    /** Writes {@code id,true,predicted} CSV (header line, full double precision), atomically. */
    public void writeCsv(Path file) {
        StringBuilder b = new StringBuilder("id,true,predicted\n");
        for (int i = 0; i < truth.length; i++) {
            b.append(csv(ids.get(i))).append(',').append(String.format(Locale.ROOT, "%s,%s", truth[i], predicted[i]))
                    .append('\n');
        }
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a predictions CSV: a header line, then {@code id,truth,prediction} per crystal. The column names are not
     * checked, so both {@link #writeCsv}'s {@code id,true,predicted} and the PyTorch reference's
     * {@code id,target,prediction} read; an id may be quoted as {@link #writeCsv} quotes it. Blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of a row that is not an id and two numbers, or of a
     *                                  repeated id or non-finite value
     */
    public static Predictions readCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read predictions " + file + ": " + e.getMessage(), e);
        }
        List<String> ids = new ArrayList<>();
        double[] t = new double[Math.max(0, lines.size() - 1)];
        double[] p = new double[t.length];
        int n = 0;
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + (k + 1);
            String id;
            String rest;
            if (line.startsWith("\"")) {
                int end = closingQuote(line, where);
                id = line.substring(1, end).replace("\"\"", "\"");
                rest = line.substring(end + 1);
            } else {
                int comma = line.indexOf(',');
                id = comma < 0 ? line : line.substring(0, comma);
                rest = comma < 0 ? "" : line.substring(comma);
            }
            String[] f = rest.split(",", -1);
            if (f.length != 3 || !f[0].isEmpty()) {
                throw new IllegalArgumentException(where + ": expected id,truth,prediction, got '" + line + "'");
            }
            try {
                t[n] = Double.parseDouble(f[1].trim());
                p[n] = Double.parseDouble(f[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": truth and prediction must be numbers, got '" + line + "'");
            }
            ids.add(id);
            n++;
        }
        try {
            return new Predictions(ids, Arrays.copyOf(t, n), Arrays.copyOf(p, n));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static int closingQuote(String line, String where) {
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(where + ": unterminated quoted id");
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && ids.equals(p.ids) && Arrays.equals(truth, p.truth)
                && Arrays.equals(predicted, p.predicted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ids, Arrays.hashCode(truth), Arrays.hashCode(predicted));
    }

    @Override
    public String toString() {
        return "Predictions(" + ids.size() + " crystals)";
    }
}
