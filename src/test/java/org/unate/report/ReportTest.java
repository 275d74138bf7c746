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
        assertEquals("2.33", t.doubleColumn("x").getString(1));
        assertEquals(7.0 / 3, t.doubleColumn("x").get(1), 1e-15);
    }

    @Test
    void describeGivesQuartiles() {
        Table t = DatasetSummary.describe("x", new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, t.doubleColumn("x").get(5), 1e-12);
        assertEquals(5.0, t.doubleColumn("x").get(0), 1e-12);
    }
}
