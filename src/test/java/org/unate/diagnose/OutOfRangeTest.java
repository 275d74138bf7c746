package org.unate.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.experiment.Split;
import org.unate.testing.UnateCli;

/** {@code unate diagnose out-of-range}: which predictions lie far outside the training labels' range. */
class OutOfRangeTest {
    @TempDir
    Path tmp;

    @Test
    void countsOnlyPredictionsBeyondTheMarginPerPartFarthestFirst() {
        Split split = Split.of(List.of("a", "b", "c"), List.of("v"), List.of("t"));
        Map<String, Double> labels = Map.of("a", 0.0, "b", 10.0, "c", 4.0, "v", 3.0, "t", 50.0);
        OutOfRange.Range r = OutOfRange.Range.of(split, labels, 0.1);
        assertEquals(new OutOfRange.Range(0.0, 10.0, 1.0), r, "val and test labels do not widen the range");
        Map<String, Double> pred = new LinkedHashMap<>();
        pred.put("a", 11.0);   // inside the margin
        pred.put("b", 11.5);   // beyond it
        pred.put("v", -1.5);   // beyond it, below
        pred.put("t", 10.9);
        pred.put("x", -40.0);  // not in the split
        OutOfRange.Count c = OutOfRange.count("p.csv", pred, r, split, labels, Map.of("b", "NaCl"));
        assertEquals(5, c.predictions());
        assertEquals(List.of("x", "b", "v"), c.far().stream().map(OutOfRange.Far::id).toList());
        assertEquals(Map.of("?", 1, "train", 1, "val", 1), c.counts());
        assertEquals(new OutOfRange.Far("b", "train", "NaCl", 10.0, 11.5), c.far().get(1));
        assertTrue(Double.isNaN(c.far().get(0).label()), "an id without a label");
    }

    @Test
    void theCommandCountsAModelsSplitAndAPredictionsFile() throws Exception {
        TinyRun run = TinyRun.get();
        Map<String, Double> labels = run.dataset().labels(TinyRun.PROPERTY);
        OutOfRange.Range range = OutOfRange.Range.of(run.split, labels, 0.1);
        String trainId = run.split.train().get(0);
        String testId = run.split.test().get(0);
        double width = range.hi() - range.lo();
        Path csv = tmp.resolve("other.csv");
        Files.writeString(csv, "id,target,prediction\n"
                + trainId + ",0," + (range.hi() + 0.5 * width) + "\n"
                + testId + ",0," + (range.lo() - 20 * width) + "\n"
                + run.split.val().get(0) + ",0," + (range.hi() + 0.05 * width) + "\n");

        UnateCli.Result cli = UnateCli.run("diagnose", "out-of-range", "--data", run.data.toString(), "--no-graph-cache",
                "--property", TinyRun.PROPERTY, "--split", run.splitFile.toString(), run.model.toString(), csv.toString());
        assertEquals(0, cli.code(), cli.err());
        List<String> lines = cli.out().lines().toList();
        assertEquals(String.format(Locale.ROOT, "y: training labels in [%.3f, %.3f]; counted: predictions below %.3f "
                + "or above %.3f", range.lo(), range.hi(), range.lo() - range.margin(), range.hi() + range.margin()),
                lines.get(0));
        assertTrue(lines.get(1).startsWith(run.model + ": " + run.split.size() + " predictions, "), lines.get(1));
        int csvLine = lines.indexOf(csv + ": 3 predictions, 2 far outside the training range {test=1, train=1}");
        assertTrue(csvLine > 0, cli.out());
        String formula = run.dataset().records().stream().filter(r -> r.id().equals(testId)).findFirst()
                .orElseThrow().structure().reducedFormula();
        assertEquals(String.format(Locale.ROOT, "    %-6s %-5s %-10s label %7.3f  prediction %8.3f", testId, "test",
                formula, labels.get(testId), range.lo() - 20 * width), lines.get(csvLine + 1));
        assertTrue(lines.get(csvLine + 2).startsWith(String.format(Locale.ROOT, "    %-6s %-5s", trainId, "train")),
                lines.get(csvLine + 2));
        assertEquals(csvLine + 3, lines.size());
    }

    @Test
    void aSplitIdWithoutALabelIsNamed() throws Exception {
        TinyRun run = TinyRun.get();
        Path split = tmp.resolve("split.json");
        Files.writeString(split, "{\"train\": [\"t0\", \"nope\"], \"val\": [], \"test\": []}");
        UnateCli.Result cli = UnateCli.run("diagnose", "out-of-range", "--data", run.data.toString(), "--no-graph-cache",
                "--property", TinyRun.PROPERTY, "--split", split.toString(), run.model.toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("id 'nope' in \"train\" is not a record of the dataset"), cli.err());
    }

    @Test
    void anUnknownPropertyOrAMissingFileIsRefusedByName() {
        TinyRun run = TinyRun.get();
        UnateCli.Result cli = UnateCli.run("diagnose", "out-of-range", "--data", run.data.toString(), "--no-graph-cache",
                "--property", "band_gap", "--split", run.splitFile.toString(), run.model.toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("'band_gap' is not a numeric label of the dataset") && cli.err().contains(
                "the numeric labels are: y"), cli.err());
        cli = UnateCli.run("diagnose", "out-of-range", "--data", run.data.toString(), "--property", "y",
                "--split", run.dir.resolve("no-split.json").toString(), run.model.toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("--split " + run.dir.resolve("no-split.json") + ": no such file"), cli.err());
        cli = UnateCli.run("diagnose", "out-of-range", "--data", run.data.toString(), "--property", "y",
                "--split", run.splitFile.toString(), "--margin", "-1", run.model.toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("margin must be >= 0"), cli.err());
        assertEquals("", cli.out());
    }
}
