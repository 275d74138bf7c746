package org.unate.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.ElementData;
import tech.tablesaw.api.Table;

/**
 * The report from the hand-made result folders of src/test/resources/org/unate/report: {@code results/} (a paper-scale
 * GNN sweep with 16 of its 18 runs, a probe sweep with 8 of its 12, a pretraining run) and {@code quick-sweep/} (a
 * quick sweep folder with its stand-in pretraining). One table and one figure are compared with stored copies
 * ({@code expected/}) byte for byte; a rebuild must give the same bytes for every file.
 */
class PaperReportTest {
    static Path resource(String name) {
        try {
            return Path.of(PaperReportTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Path RESULTS = resource("results");
    static final Path QUICK = resource("quick-sweep");

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void theReportMatchesTheStoredCopiesAndIsTheSameBytesWhenBuiltAgain(@TempDir Path tmp) throws Exception {
        PaperReport.Written a = PaperReport.load(RESULTS).write(tmp.resolve("a"));
        PaperReport.Written b = PaperReport.load(RESULTS).write(tmp.resolve("b"));
        assertArrayEquals(Files.readAllBytes(resource("expected/toy-cgcnn.headline.md")),
                Files.readAllBytes(tmp.resolve("a/tables/toy-cgcnn.headline.md")), "the headline table");
        assertArrayEquals(Files.readAllBytes(resource("expected/toy-cgcnn.mae-by-fraction.svg")),
                Files.readAllBytes(tmp.resolve("a/figures/toy-cgcnn/mae-by-fraction.svg")), "the MAE figure (SVG)");

        List<Path> fa = files(tmp.resolve("a"));
        assertEquals(fa, files(tmp.resolve("b")));
        assertEquals(a.files().size(), fa.size(), "every file written is listed");
        for (Path p : fa) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(p)), Files.readAllBytes(tmp.resolve("b")
                    .resolve(p)), p.toString());
        }
        // every figure in PNG and SVG, every table in Markdown and CSV
        assertEquals(16, fa.stream().filter(p -> p.toString().endsWith(".png")).count());
        assertEquals(16, fa.stream().filter(p -> p.toString().endsWith(".svg")).count());
        assertEquals(6, fa.stream().filter(p -> p.toString().endsWith(".csv")).count());
        String index = Files.readString(a.index());
        assertTrue(index.startsWith(PaperReport.HEADER + "\n"), index);
        for (Path p : fa) {
            if (!p.toString().equals("README.md")) {
                assertTrue(index.contains("(" + p.toString().replace('\\', '/') + ")"), "README.md links " + p);
            }
        }
        String svg = Files.readString(tmp.resolve("a/figures/toy-cgcnn/gain.svg"));
        assertTrue(svg.contains("id=\"clip1\"") && !svg.matches("(?s).*clip\\d{4,}.*"), "clip ids renumbered");
        assertFalse(svg.matches("(?s).*\\d\\.\\d{3}.*"), "SVG numbers have at most two decimals");
    }

    @Test
    void aSecondWriteReplacesTheOldReportButNothingElse(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        Files.createDirectories(out.resolve("figures/gone"));
        Files.writeString(out.resolve("figures/gone/old.png"), "stale");
        Files.writeString(out.resolve("notes.txt"), "mine");
        PaperReport.load(RESULTS).write(out);
        assertTrue(Files.exists(out.resolve("figures/gone/old.png")), "not a report yet: nothing is deleted");
        PaperReport.load(RESULTS).write(out);
        assertFalse(Files.exists(out.resolve("figures/gone/old.png")), "an earlier report's figures are replaced");
        assertTrue(Files.exists(out.resolve("notes.txt")));
    }

    @Test
    void cellsOfARunningSweepShowTheRunsDoneAndGainsComeFromPairedRuns() {
        PaperReport r = PaperReport.load(RESULTS);
        assertEquals(List.of("toy-cgcnn"), r.sweeps().stream().map(SweepResult::id).toList());
        SweepResult s = r.sweep("toy-cgcnn");
        assertFalse(s.complete());
        assertEquals("mbj_bandgap, paper, 16 of 18 runs", s.label());
        Table h = r.headline("toy-cgcnn");
        assertEquals(6, h.rowCount());
        // atomic-number at 50 %: MAE 0.40 x 1.3 x (0.97, 1.00, 1.03) over seeds 1-3
        assertEquals("atomic-number", h.stringColumn("condition").get(0));
        assertEquals("3", h.stringColumn("n").get(0));
        assertEquals("0.5200 ± 0.0156", h.stringColumn("MAE (eV), mean ± sd").get(0));
        assertEquals("baseline", h.stringColumn("gain vs atomic-number [95 % CI]").get(0));
        // unate:frozen is 10 % below the baseline in every pair; its seed 3 at 100 % is not done
        assertEquals("+10.0 % [+10.0 %, +10.0 %]", h.stringColumn("gain vs atomic-number [95 % CI]").get(2));
        assertEquals("unate:frozen", h.stringColumn("condition").get(5));
        assertEquals("2 of 3", h.stringColumn("n").get(5));
        assertTrue(h.name().contains("16 of 18 runs"), h.name());
        Table sweeps = r.overview();
        assertEquals(List.of("probe-catalogue-toy", "toy-cgcnn"), sweeps.stringColumn("sweep").asList());
        assertEquals(List.of("12 s", "24 s"), sweeps.stringColumn("run time").asList(), "8 and 16 runs of 1.5 s");
        assertEquals(List.of("24 s", "12 min", "9.7 h"),
                Stream.of(24.0, 719.0, 34_920.0).map(PaperReport::duration).toList());

        Table numbers = r.headlineNumbers(s);
        assertEquals(List.of(3, 3, 3, 3, 3, 3), numbers.intColumn("n_planned").asList());
        assertEquals(-0.1, numbers.doubleColumn("rel_change").get(5), 1e-6);

        assertEquals(List.of("atomic-number", "random:frozen", "unate:frozen"), r.parityConditions("toy-cgcnn"));
        assertTrue(r.parity("toy-cgcnn", "unate:frozen").getTitle().contains("100 % labels, seed 1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.sweep("eform"));
        assertTrue(e.getMessage().contains("toy-cgcnn") && e.getMessage().contains("probe-catalogue-toy"),
                e.getMessage());
    }

    @Test
    void theProbeRankingRanksWhatIsDoneAndListsWhatIsNot() {
        PaperReport r = PaperReport.load(RESULTS);
        List<Table> rankings = r.probeRankings();
        assertEquals(1, rankings.size());
        Table t = rankings.get(0);
        assertEquals(List.of("cgcnn-92", "table:mat2vec", "random:frozen", "table:magpie"),
                t.stringColumn("table").asList());
        assertEquals(List.of("1", "2", "3", "–"), t.stringColumn("rank").asList());
        assertEquals(List.of("3", "2 of 3", "3", "0 of 3"), t.stringColumn("n").asList());
        assertEquals("baseline", t.stringColumn("gain vs random:frozen [95 % CI]").get(2));
        assertEquals("not run yet", t.stringColumn("MAE (eV), mean ± sd").get(3));
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("probe")), String.valueOf(r.notes()));
        assertTrue(PaperReport.load(QUICK).notes().stream().anyMatch(n -> n.contains("no probe sweep")),
                "a report without probe sweeps says so");
    }

    @Test
    void aReportOfQuickRecordsSaysQuickInEveryTitleAndCaption() {
        PaperReport r = PaperReport.load(QUICK);
        assertEquals(List.of("quick"), r.scales());
        assertEquals(1, r.sweeps().size());
        assertEquals("formation_energy_peratom, quick", r.sweeps().get(0).label(), "complete at quick: 8 of 8");
        List<PaperReport.Figure> figures = r.figures();
        assertTrue(figures.size() >= 10, "figures: " + figures.size());
        for (PaperReport.Figure f : figures) {
            assertTrue(f.caption().contains("quick"), f.id() + ": " + f.caption());
            assertTrue(f.chart().getTitle().contains("quick"), f.id() + ": " + f.chart().getTitle());
        }
        for (PaperReport.ReportTable t : r.tables()) {
            assertTrue(t.caption().contains("quick"), t.id() + ": " + t.caption());
            assertTrue(t.markdown().name().contains("quick"), t.id() + ": " + t.markdown().name());
        }
        assertTrue(figures.stream().anyMatch(f -> f.id().equals("pretraining/quick-sweep_unate-stand-in/losses")),
                "the stand-in's pretraining curves are drawn");
    }

    /** Copies a folder tree. */
    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void theStoppingTableCountsRunsEndedByTheCapAndByPatience(@TempDir Path tmp) throws Exception {
        copy(QUICK.resolve("records"), tmp.resolve("sweeps/toy-quick/records"));
        Files.copy(QUICK.resolve("sweep.json"), tmp.resolve("sweeps/toy-quick/sweep.json"));
        Path records = tmp.resolve("sweeps/toy-quick/records");
        stop(records.resolve("atomic-number__f1.0__s1.json"), 4, 3, "epoch cap");
        stop(records.resolve("atomic-number__f1.0__s2.json"), 4, 1, "patience");
        PaperReport r = PaperReport.load(tmp);
        Table t = r.stopping(r.sweeps().get(0));
        assertEquals(4, t.rowCount(), "two conditions x two fractions");
        int row = -1;
        for (int i = 0; i < t.rowCount(); i++) {
            if (t.stringColumn("condition").get(i).equals("atomic-number") && t.stringColumn("labels").get(i)
                    .equals("100 %")) {
                row = i;
            }
        }
        assertEquals(2, t.intColumn("runs").get(row));
        assertEquals(1, t.intColumn("stopped at the cap").get(row));
        assertEquals(1, t.intColumn("stopped by patience").get(row));
        assertEquals("2 [1, 3]", t.stringColumn("best epoch, mean [min, max]").get(row));
        assertEquals("4", t.stringColumn("epochs run, mean").get(row));
        // records that do not say how they stopped count in neither column
        assertEquals(0, t.intColumn("stopped at the cap").get(row == 0 ? 1 : 0));
        assertEquals("–", t.stringColumn("best epoch, mean [min, max]").get(row == 0 ? 1 : 0));
        assertTrue(r.tables().stream().anyMatch(x -> x.id().equals("toy-quick.stopping")));
    }

    /** Adds the runner's best_epoch and stop_reason to a record that lacks them. */
    private static void stop(Path record, int epochs, int best, String reason) throws Exception {
        String json = Files.readString(record);
        String top = "\n  \"epochs\": " + epochs + ",";
        assertTrue(json.contains(top), record.toString());
        Files.writeString(record, json.replaceFirst(java.util.regex.Pattern.quote(top), top + "\n  \"best_epoch\": "
                + best + ",\n  \"stop_reason\": \"" + reason + "\","));
    }

    @Test
    void aPretrainingRunIsLabelledWithTheScaleOfTheRecordsMadeWithItsTable(@TempDir Path tmp) throws Exception {
        // the layout of make reproduce at quick scale: OUT/sweeps/NAME (quick records) and OUT/pretrained/cgcnn-d128,
        // whose context table the records name by its SHA-256
        copy(QUICK.resolve("records"), tmp.resolve("sweeps/toy-quick/records"));
        Files.copy(QUICK.resolve("sweep.json"), tmp.resolve("sweeps/toy-quick/sweep.json"));
        copy(QUICK.resolve("unate-stand-in"), tmp.resolve("pretrained/cgcnn-d128"));
        PaperReport r = PaperReport.load(tmp);
        assertEquals(List.of("cgcnn-d128, quick"), r.pretrainRuns().stream().map(PretrainRun::label).toList());
        for (PaperReport.Figure f : r.figures()) {
            assertTrue(f.chart().getTitle().contains("quick"), f.id() + ": " + f.chart().getTitle());
        }
        for (PaperReport.ReportTable t : r.tables()) {
            assertTrue(t.caption().contains("quick"), t.id() + ": " + t.caption());
        }
        assertEquals("toy-d8, paper", PaperReport.load(RESULTS).pretrainRun("toy-d8").label(),
                "the paper records' unate_table names toy-d8's table");
    }

    @Test
    void theParityPlotNamesThePropertyWithItsUnitAndShowsMaeAndCount() throws Exception {
        PaperReport r = PaperReport.load(QUICK);
        var c = r.parity("quick-sweep", "unate:frozen");
        assertEquals("DFT formation energy (eV/atom)", c.getXAxisTitle());
        assertEquals("predicted formation energy (eV/atom)", c.getYAxisTitle());
        String svg = new String(Charts.svg(c), StandardCharsets.UTF_8);
        assertTrue(svg.contains("fill-opacity:0.25"), "translucent markers");
        assertEquals(8 + 0, svg.split("<ellipse", -1).length - 1, "one marker per test crystal");
        assertEquals(2, c.getSeriesMap().size(), "the diagonal and the test crystals");
    }

    @Test
    void theSimilarityTablePlacesElementsAsThePeriodicTable() {
        assertArrayEquals(new int[] {8, 4}, ElementCharts.cell(ElementData.of("Fe")));
        assertArrayEquals(new int[] {1, 1}, ElementCharts.cell(ElementData.of("H")));
        assertArrayEquals(new int[] {18, 1}, ElementCharts.cell(ElementData.of("He")));
        assertArrayEquals(new int[] {3, 6}, ElementCharts.cell(ElementData.of("Lu")));
        assertArrayEquals(new int[] {3, 9}, ElementCharts.cell(ElementData.of("La")));
        assertArrayEquals(new int[] {16, 9}, ElementCharts.cell(ElementData.of("Yb")));
        assertArrayEquals(new int[] {6, 10}, ElementCharts.cell(ElementData.of("U")));
        PaperReport r = PaperReport.load(RESULTS);
        var chart = r.similarity("toy-d8");
        assertTrue(chart.getTitle().startsWith("Cosine similarity to Fe"), chart.getTitle());
        assertTrue(chart.getSeriesMap().containsKey("Fe (reference)"));
        assertTrue(chart.getSeriesMap().containsKey("not in the table"), "the toy table lacks most elements");
        assertTrue(r.withElement("Cu").similarity("toy-d8").getTitle().startsWith("Cosine similarity to Cu"));
        assertThrows(IllegalArgumentException.class, () -> r.withElement("Xx"));
        assertThrows(IllegalArgumentException.class, () -> r.withElement("Kr").similarity("toy-d8"),
                "the toy table has no Kr");
    }
}
