package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.testing.TinyGraphs;
import tech.tablesaw.api.Table;

class ReportTest {
    private static final Structure NACL = TinyGraphs.nacl();
    private static final Structure CSCL = TinyGraphs.cscl();

    private static List<CrystalRecord> records() {
        return List.of(new CrystalRecord("nacl", NACL, Map.of("e", -2.0, "gap", 5.0)),
                new CrystalRecord("cscl", CSCL, Map.of("e", -1.0)));
    }

    @Test
    void structuresTableHasOneRowPerRecordAndNaNForMissingLabels() {
        Table t = DatasetSummary.structures(records());
        assertEquals(2, t.rowCount());
        assertEquals(List.of("id", "formula", "sites", "volume_per_atom", "e", "gap"), t.columnNames());
        assertEquals("Na4Cl4", t.stringColumn("formula").get(0));
        assertEquals(8, t.intColumn("sites").get(0));
        assertEquals(5.64 * 5.64 * 5.64 / 8, t.doubleColumn("volume_per_atom").get(0), 1e-9);
        assertTrue(t.doubleColumn("gap").isMissing(1), "a missing label is a missing value");
    }

    @Test
    void elementsTableCountsStructuresAndAtoms() {
        Table t = DatasetSummary.elements(records());
        assertEquals(List.of("Na", "Cl", "Cs"), t.stringColumn("element").asList());
        assertEquals(List.of(1, 2, 1), t.intColumn("structures").asList());
        assertEquals(List.of(4.0, 5.0, 1.0), t.doubleColumn("atoms").asList());
    }

    @Test
    void labelsTableCountsPresentAndMissing() {
        Table t = DatasetSummary.labels(records());
        assertEquals(List.of("e", "gap"), t.stringColumn("label").asList());
        assertEquals(List.of(2, 1), t.intColumn("present").asList());
        assertEquals(List.of(0, 1), t.intColumn("missing").asList());
        assertEquals(-1.5, t.doubleColumn("mean").get(0), 1e-12);
    }

    @Test
    void histogramCountsEveryFiniteValueOnce() {
        double[] v = {0, 0.5, 1, 1, 2, 3.999, 4, Double.NaN};
        XYChart c = Charts.histogram("t", "x", v, 4);
        double[] ys = c.getSeriesMap().get("count").getYData();
        double total = 0;
        for (int i = 0; i < ys.length; i += 2) {
            total += ys[i];
        }
        assertEquals(7, total, 0);
        assertArrayEquals(new double[] {2, 2, 2, 2, 1, 1, 2, 2}, ys, 0);
    }

    @Test
    void chartsRenderToPng(@TempDir Path tmp) throws Exception {
        Path f = Charts.savePng(Charts.histogram("h", "x", new double[] {1, 2, 2, 3}, 3), tmp.resolve("a/h.png"));
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void scalePicksAndRejectsUnknownValues() {
        assertEquals(10, Scale.CI.pick(10, 100));
        assertEquals(100, Scale.FULL.pick(10, 100));
        String old = System.getProperty("unate.scale");
        try {
            System.setProperty("unate.scale", "huge");
            assertThrows(IllegalArgumentException.class, Scale::current);
            System.setProperty("unate.scale", "CI");
            assertEquals(Scale.CI, Scale.current());
        } finally {
            if (old == null) {
                System.clearProperty("unate.scale");
            } else {
                System.setProperty("unate.scale", old);
            }
        }
    }

    @Test
    void roundedChangesPrintingNotValues() {
        Table t = Tables.rounded(DatasetSummary.describe("x", new double[] {1, 2, 4}), 2);
        assertEquals("2.33", t.doubleColumn("mean").getString(0));
        assertEquals(7.0 / 3, t.doubleColumn("mean").get(0), 1e-15);
    }

    @Test
    void describeGivesQuartilesAndAWholeCount() {
        double[] v = new double[1234];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 5 + 1;
        }
        Table t = Tables.rounded(DatasetSummary.describe("sites per cell", v), 2);
        assertEquals("sites per cell", t.name());
        assertEquals(List.of("count", "mean", "std", "min", "25%", "median", "75%", "max"), t.columnNames());
        assertEquals(1, t.rowCount());
        assertEquals("1,234", t.intColumn("count").getString(0), "a count prints without decimals");
        assertEquals(3.0, t.doubleColumn("median").get(0), 1e-12);
        assertEquals(5.0, t.doubleColumn("max").get(0), 1e-12);
    }

    @Test
    void wholeNumbersGetWholeBinsCentredOnThem() {
        // 1, 2, 2, 3, 3, 3, 10: with 20 bins asked for, one bin per whole number from 1 to 10
        XYChart c = Charts.histogram("sites", "sites", new double[] {1, 2, 2, 3, 3, 3, 10}, 20);
        double[] xs = c.getSeriesMap().get("count").getXData();
        double[] ys = c.getSeriesMap().get("count").getYData();
        assertEquals(0.5, xs[0], 0);
        assertEquals(10.5, xs[xs.length - 1], 0);
        assertEquals(1, ys[0], 0);
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(ys[0], ys[2], ys[4]), "bins of 1, 2 and 3, width 1");
        assertEquals(List.of(1.5, 2.5), List.of(xs[1], xs[3]));
        assertEquals(1, ys[ys.length - 1], 0);
        // with 4 bins asked for: bins of width 3 (1-3, 4-6, 7-9, 10-12), still whole numbers only
        XYChart wide = Charts.histogram("sites", "sites", new double[] {1, 2, 2, 3, 3, 3, 10}, 4);
        double[] wx = wide.getSeriesMap().get("count").getXData();
        double[] wy = wide.getSeriesMap().get("count").getYData();
        assertEquals(0.5, wx[0], 0);
        assertEquals(3.5, wx[1], 0, "the first bin holds 1, 2 and 3");
        assertEquals(6, wy[0], 0);
        assertEquals(1, wy[wy.length - 1], 0);
    }

    @Test
    void aClippedHistogramCountsTheTailInOneOverflowBar() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 990 ? i % 20 : 100 + i;  // 1 % of the values far out
        }
        XYChart c = Charts.histogramClipped("sites", "sites", v, 40, 0.99);
        double total = 0;
        double[] ys = c.getSeriesMap().get("count").getYData();
        double[] xs = c.getSeriesMap().get("count").getXData();
        for (int i = 1; i < ys.length; i += 2) {
            total += ys[i];
        }
        assertEquals(990, total, 0, "every value up to the cut once");
        assertEquals(19.5, xs[xs.length - 1], 0, "the axis ends at the 99 % quantile");
        String over = c.getSeriesMap().keySet().stream().filter(k -> k.startsWith("over ")).findFirst().orElseThrow();
        assertEquals("over 19: 10 values, 1.0 %", over);
        assertEquals(10, c.getSeriesMap().get(over).getYData()[0], 0);
        assertTrue(c.getStyler().isLegendVisible());
        assertThrows(IllegalArgumentException.class, () -> Charts.histogramClipped("t", "x", v, 10, 0));
    }

    @Test
    void parityNamesThePropertyAndUnitAndShowsMaeAndCount() {
        var p = org.unate.eval.Predictions.of(List.of("a", "b", "c", "d"), new double[] {0, 1, 2, 3},
                new double[] {0.5, 1, 2, 2});
        XYChart c = Charts.parity("CGCNN-92 features, test split", "MBJ band gap", "eV", p);
        assertEquals("true MBJ band gap (eV)", c.getXAxisTitle());
        assertEquals("predicted MBJ band gap (eV)", c.getYAxisTitle());
        var points = c.getSeriesMap().values().stream().filter(s -> s.getMarkerColor() != null
                && s.getXData().length == 4).findFirst().orElseThrow();
        assertTrue(points.getMarkerColor().getAlpha() < 255, "translucent markers");
        java.awt.image.BufferedImage img = Charts.image(c);
        assertEquals(Charts.PARITY_SIZE, img.getWidth());
    }
}
