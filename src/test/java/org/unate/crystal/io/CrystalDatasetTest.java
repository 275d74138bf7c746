package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.io.CrystalParseException.Reason;

class CrystalDatasetTest {
    private static List<CrystalRecord> readAll(Path p, DatasetOptions o, List<ReadReport> report) {
        try (CrystalDataset d = CrystalDataset.open(p, o)) {
            List<CrystalRecord> out = d.stream().toList();
            report.add(d.report());
            return out;
        }
    }

    private static List<String> ids(List<CrystalRecord> rs) {
        return rs.stream().map(CrystalRecord::id).toList();
    }

    @Test
    void jsonLinesLenientSkipsCountsAndReports() {
        Path p = TestFiles.path("sample.jsonl");
        assertEquals(DatasetFormat.JSON_LINES, CrystalDataset.detect(p));
        List<ReadReport> rep = new ArrayList<>();
        List<CrystalRecord> rs = readAll(p, DatasetOptions.DEFAULT, rep);
        assertEquals(List.of("a", "d", "e"), ids(rs));
        CrystalRecord a = rs.get(0);
        assertEquals("ClCs", a.structure().formula());
        assertEquals(Map.of("formation_energy_peratom", -2.1, "mbj_bandgap", 5.0), a.labels());
        assertEquals(OptionalDouble.empty(), rs.get(1).label("mbj_bandgap")); // "na"
        assertEquals(2, rs.get(1).structure().size()); // structure given as a JARVIS atoms dict
        ReadReport r = rep.get(0);
        assertEquals(3, r.recordsRead());
        assertEquals(4, r.recordsSkipped());
        assertEquals(Map.of(Reason.MISSING_FIELD, 2L, Reason.PARTIAL_OCCUPANCY, 1L, Reason.SYNTAX, 1L),
                r.countsByReason());
        ReadReport.Skip b = r.skipped().get(0);
        assertEquals(2, b.recordNumber());
        assertEquals("b", b.id());
        assertEquals(p + " record 2 (id \"b\") line 3: expected 6 cell parameters, got '_cell_length_a ?'",
                b.message());
        assertEquals(4, r.skipped().get(1).recordNumber()); // the blank line 3 is passed over
        assertEquals(5, r.skipped().get(2).recordNumber());
        assertTrue(r.skipped().get(3).message().contains("expected a string id in field 'id'"),
                r.skipped().get(3).message());
        assertTrue(r.finished());
        assertFalse(r.limitReached());
        String summary = r.summary();
        assertTrue(summary.contains("3 records read, 4 skipped"), summary);
        assertTrue(summary.contains("PARTIAL_OCCUPANCY  1"), summary);
    }

    @Test
    void parallelReadingKeepsFileOrderAndTheSameReport() {
        Path p = TestFiles.path("sample.jsonl");
        List<ReadReport> r1 = new ArrayList<>(), r3 = new ArrayList<>();
        List<CrystalRecord> seq = readAll(p, DatasetOptions.DEFAULT, r1);
        List<CrystalRecord> par = readAll(p, DatasetOptions.DEFAULT.withThreads(3), r3);
        assertEquals(ids(seq), ids(par));
        for (int i = 0; i < seq.size(); i++) {
            assertEquals(seq.get(i).structure(), par.get(i).structure());
        }
        assertEquals(r1.get(0).skipped(), r3.get(0).skipped());
    }

    @Test
    void strictModeThrowsTheFirstBadRecord() {
        Path p = TestFiles.path("sample.jsonl");
        for (int threads : new int[] {1, 2}) {
            try (CrystalDataset d = CrystalDataset.open(p, DatasetOptions.DEFAULT.withStrict(true)
                    .withThreads(threads))) {
                var it = d.iterator();
                assertEquals("a", it.next().id());
                CrystalParseException e = assertThrows(CrystalParseException.class, it::hasNext);
                assertEquals(2, e.recordNumber());
                assertEquals("b", e.recordId());
                assertEquals(3, e.line());
                assertEquals(p.toString(), e.source());
            }
        }
    }

    @Test
    void occupancySkipIsNotAFailureEvenWhenStrict(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(TestFiles.path("sample.jsonl"));
        Path p = dir.resolve("two.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write((lines.get(0) + "\n" + lines.get(3) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        DatasetOptions o = DatasetOptions.DEFAULT.withStrict(true)
                .withStructure(ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.SKIP));
        List<ReadReport> rep = new ArrayList<>();
        assertEquals(List.of("a"), ids(readAll(p, o, rep)));
        assertEquals(Map.of(Reason.SKIPPED_BY_POLICY, 1L), rep.get(0).countsByReason());
        DatasetOptions maj = o.withStructure(ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY));
        List<CrystalRecord> rs = readAll(p, maj, rep);
        assertEquals(List.of("a", "c"), ids(rs));
        assertEquals("Fe", rs.get(1).structure().site(0).element().symbol());
    }

    @Test
    void limitStopsEarly() {
        List<ReadReport> rep = new ArrayList<>();
        List<CrystalRecord> rs = readAll(TestFiles.path("sample.jsonl"), DatasetOptions.DEFAULT.withLimit(2), rep);
        assertEquals(List.of("a", "d"), ids(rs));
        assertTrue(rep.get(0).limitReached());
        assertEquals(2, rep.get(0).recordsRead());
    }

    @Test
    void configurableFieldsAndAllNumericLabels(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("mp.jsonl");
        String cif = Files.readAllLines(TestFiles.path("sample.jsonl")).get(0);
        String inner = cif.substring(cif.indexOf("\"cif\": ") + 7, cif.indexOf(", \"formation"));
        Files.writeString(p, "{\"material_id\": \"mp-1\", \"structure_cif\": " + inner
                + ", \"band_gap\": 1.5, \"e_form\": \"-0.25\", \"note\": \"x\"}\n");
        DatasetOptions o = DatasetOptions.DEFAULT.withIdField("material_id").withStructureField("structure_cif")
                .withLabels(DatasetOptions.ALL_NUMERIC);
        List<CrystalRecord> rs = readAll(p, o, new ArrayList<>());
        assertEquals("mp-1", rs.get(0).id());
        assertEquals(Map.of("band_gap", 1.5), rs.get(0).labels());
        List<CrystalRecord> named = readAll(p, o.withLabels(List.of("e_form", "band_gap", "absent")),
                new ArrayList<>());
        assertEquals(Map.of("e_form", -0.25, "band_gap", 1.5), named.get(0).labels());
    }

    @Test
    void jarvisDft3dJsonPlainAndZipped(@TempDir Path dir) throws Exception {
        Path json = TestFiles.path("jdft_3d-sample.json");
        Path zip = dir.resolve("jdft_3d-8-18-2021.json.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("jdft_3d-8-18-2021.json"));
            z.write(Files.readAllBytes(json));
            z.closeEntry();
        }
        for (Path p : List.of(json, zip)) {
            assertEquals(DatasetFormat.JARVIS_JSON, CrystalDataset.detect(p));
            List<ReadReport> rep = new ArrayList<>();
            List<CrystalRecord> rs = readAll(p, DatasetOptions.DEFAULT, rep);
            assertEquals(List.of("JVASP-1002", "JVASP-816", "JVASP-1174"), ids(rs));
            CrystalRecord si = rs.get(0);
            assertEquals(Map.of("formation_energy_peratom", 0.0, "optb88vdw_bandgap", 0.731, "mbj_bandgap", 1.277,
                    "bulk_modulus_kv", 87.3, "shear_modulus_gv", 61.9, "ehull", 0.0, "epsx", 12.7,
                    "magmom_oszicar", 0.0), si.labels());
            assertArrayEquals(new double[] {0.875, 0.875, 0.875}, si.structure().site(0).fractional());
            // cartesian: true converted with the lattice
            assertArrayEquals(new double[] {0.5, 0.5, 0.5}, rs.get(1).structure().site(1).fractional(), 1e-15);
            assertEquals(Map.of("formation_energy_peratom", 0.0, "optb88vdw_bandgap", 0.0), rs.get(1).labels());
            ReadReport r = rep.get(0);
            assertEquals(2, r.recordsSkipped());
            assertEquals(Map.of(Reason.BAD_VALUE, 1L, Reason.BAD_NUMBER, 1L), r.countsByReason());
            assertEquals(p + " record 3 (id \"JVASP-bad-1\") line 15: atoms: expected as many coords as elements, got"
                    + " 2 coords and 1 elements", r.skipped().get(0).message());
            assertTrue(r.skipped().get(1).message().contains("label formation_energy_peratom: expected a number,"
                    + " null or \"na\", got \"about -2\""), r.skipped().get(1).message());
        }
    }

    @Test
    void brokenJsonArrayEndsReadingKeepingTheRecordsBeforeIt(@TempDir Path dir) throws Exception {
        String text = Files.readString(TestFiles.path("jdft_3d-sample.json"));
        Path p = dir.resolve("cut.json");
        Files.writeString(p, text.substring(0, text.indexOf("{\"jid\": \"JVASP-816\"") + 40));
        try (CrystalDataset d = CrystalDataset.open(p)) {
            var it = d.iterator();
            assertEquals("JVASP-1002", it.next().id());
            assertFalse(it.hasNext());
            ReadReport.Skip broke = d.report().failure().orElseThrow();
            assertEquals(Reason.SYNTAX, broke.reason());
            assertEquals(2, broke.recordNumber());
            assertTrue(d.report().summary().contains("the 1 records before it were kept"), d.report().summary());
        }
        try (CrystalDataset d = CrystalDataset.open(p, DatasetOptions.DEFAULT.withStrict(true))) {
            var it = d.iterator();
            assertEquals("JVASP-1002", it.next().id());
            CrystalParseException e = assertThrows(CrystalParseException.class, it::hasNext);
            assertEquals(Reason.SYNTAX, e.reason());
            assertEquals(2, e.recordNumber());
        }
        Path notArray = dir.resolve("obj.json");
        Files.writeString(notArray, "[ 1, 2 ]");
        List<ReadReport> rep = new ArrayList<>();
        assertEquals(List.of(), readAll(notArray, DatasetOptions.DEFAULT, rep));
        assertEquals(Map.of(Reason.BAD_VALUE, 2L), rep.get(0).countsByReason());
    }

    @Test
    void cgcnnFolderEdgeCases(@TempDir Path dir) throws Exception {
        Path sample = SharedDataFree.copyCif(dir);
        Files.writeString(dir.resolve("id_prop.csv"), "x1,0.5\n\nmissing,1.0\nx1,abc\n../x1,1\nx1\nx1,-2.5e-1,extra\n");
        assertEquals(DatasetFormat.CGCNN_FOLDER, CrystalDataset.detect(dir));
        List<ReadReport> rep = new ArrayList<>();
        List<CrystalRecord> rs = readAll(dir, DatasetOptions.DEFAULT.withLabels(List.of("band_gap")), rep);
        assertEquals(List.of("x1", "x1"), ids(rs));
        assertEquals(Map.of("band_gap", 0.5), rs.get(0).labels());
        assertEquals(Map.of("band_gap", -0.25), rs.get(1).labels());
        ReadReport r = rep.get(0);
        assertEquals(Map.of(Reason.IO, 1L, Reason.BAD_NUMBER, 1L, Reason.BAD_VALUE, 1L, Reason.MISSING_FIELD, 1L),
                r.countsByReason());
        assertEquals(dir.resolve("missing.cif") + " record 3 (id \"missing\"): cannot read: no such file",
                r.skipped().get(0).message());
        assertTrue(Files.exists(sample));
        assertEquals(Reason.UNSUPPORTED, assertThrows(CrystalParseException.class,
                () -> CrystalDataset.detect(dir.resolve("sub").toFile().mkdir() ? dir.resolve("sub") : dir))
                .reason());
    }

    @Test
    void aFolderOfStructureFilesIsOneRecordPerFileInOrderOfName(@TempDir Path dir) throws Exception {
        Path cif = SharedDataFree.copyCif(dir); // x1.cif
        Files.writeString(dir.resolve("POSCAR_si"), "Si\n1.0\n0 2.7 2.7\n2.7 0 2.7\n2.7 2.7 0\nSi\n2\nDirect\n"
                + "0 0 0\n0.25 0.25 0.25\n");
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(dir.resolve("a0.cif.gz")))) {
            z.write(Files.readAllBytes(cif));
        }
        Files.writeString(dir.resolve("broken.vasp"), "not a poscar\n");
        Files.writeString(dir.resolve("README.md"), "# my crystals\n");
        Files.writeString(dir.resolve(".x1.cif"), "hidden");
        Files.createDirectory(dir.resolve("more.cif"));
        assertEquals(DatasetFormat.STRUCTURE_FOLDER, CrystalDataset.detect(dir));
        List<ReadReport> rep = new ArrayList<>();
        List<CrystalRecord> rs = readAll(dir, DatasetOptions.DEFAULT, rep);
        assertEquals(List.of("POSCAR_si", "a0", "x1"), ids(rs), "sorted by file name; README, hidden and folder left out");
        assertEquals(2, rs.get(0).structure().sites().size());
        assertEquals(rs.get(2).structure().sites().size(), rs.get(1).structure().sites().size(), "gzip'd CIF read");
        assertTrue(rs.get(2).labels().isEmpty());
        ReadReport r = rep.get(0);
        assertEquals(4, r.recordsRead() + r.recordsSkipped(), r.summary());
        assertEquals(1, r.recordsSkipped());
        assertEquals("broken", r.skipped().get(0).id());
        assertTrue(r.skipped().get(0).message().contains("broken.vasp"), r.skipped().get(0).message());

        // labels cannot come from a folder of structures; an empty folder names both layouts it looked for
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrystalDataset.open(dir, DatasetOptions.DEFAULT.withLabels(List.of("band_gap"))));
        assertTrue(e.getMessage().contains("has no labels"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CrystalParseException none = assertThrows(CrystalParseException.class, () -> CrystalDataset.detect(empty));
        assertTrue(none.getMessage().contains("or a folder of structure files"), none.getMessage());
    }

    @Test
    void iteratesOnce() {
        try (CrystalDataset d = CrystalDataset.open(TestFiles.path("sample.jsonl"))) {
            d.iterator();
            assertThrows(IllegalStateException.class, d::iterator);
        }
    }

    /** A CIF for a temporary CGCNN folder, taken from the committed sample. */
    private static final class SharedDataFree {
        static Path copyCif(Path dir) throws Exception {
            String line = Files.readAllLines(TestFiles.path("sample.jsonl")).get(0);
            String cif = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(line).get("cif")
                    .asText();
            Path p = dir.resolve("x1.cif");
            Files.writeString(p, cif);
            return p;
        }
    }
}
