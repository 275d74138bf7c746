package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.unate.crystal.CrystalRecord;

/** The dataset readers on the shared data: the whole JARVIS file and the CGCNN sample folder. */
class DatasetSharedDataTest {
    /**
     * Every one of the 55,723 JARVIS records parses, and each structure has exactly the sites its CIF lists (rows of
     * the atom-site loop, counted here independently of the reader: lines of 7 tokens whose 4th to 6th are numbers).
     */
    @Test
    void wholeJarvisFileParsesWithListedSiteCounts() {
        Path p = SharedData.path("data/jarvis-dft3d-2021.jsonl.gz");
        long records = 0, sites = 0, labelled = 0;
        try (CrystalDataset d = CrystalDataset.open(p, DatasetOptions.DEFAULT.withStrict(true).withThreads(2))) {
            // the CIF text itself is not kept in the record; re-read the file alongside to count listed rows
            java.util.Iterator<String> cifs = cifTexts(p).iterator();
            for (CrystalRecord r : d) {
                assertEquals(Long.toString(records), r.id());
                assertEquals(listedSites(cifs.next()), r.structure().size(), "record id " + r.id());
                assertTrue(r.label("formation_energy_peratom").isPresent());
                if (r.label("mbj_bandgap").isPresent()) {
                    labelled++;
                }
                records++;
                sites += r.structure().size();
            }
            assertEquals(55_723, d.report().recordsRead());
            assertEquals(0, d.report().recordsSkipped());
            System.out.print(d.report().summary());
        }
        assertEquals(55_723, records);
        assertEquals(562_240, sites); // the total the Python peers report for the same file
        assertEquals(18_172, labelled); // MBJ gaps present, per the data README
    }

    private static Iterable<String> cifTexts(Path p) {
        return () -> {
            try {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(p)),
                        java.nio.charset.StandardCharsets.UTF_8));
                var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
                return in.lines().map(l -> {
                    try {
                        return mapper.readTree(l).get("cif").asText();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).iterator();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private static int listedSites(String cif) {
        int n = 0;
        for (String line : cif.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 7 && t[3].matches("-?[0-9.]+") && t[4].matches("-?[0-9.]+") && t[5].matches("-?[0-9.]+")) {
                n++;
            }
        }
        return n;
    }

    @Test
    void cgcnnSampleFolder() {
        Path dir = SharedData.path("data/cgcnn-sample-regression");
        try (CrystalDataset d = CrystalDataset.open(dir, DatasetOptions.DEFAULT.withStrict(true))) {
            List<CrystalRecord> rs = d.stream().toList();
            assertEquals(List.of("1000041", "1000050", "1101051", "1507756", "7206075", "9000046", "9009743",
                    "9011050", "9011998", "9012304"), rs.stream().map(CrystalRecord::id).toList());
            for (int i = 0; i < rs.size(); i++) {
                assertEquals(Map.of("target", i + 1.0), rs.get(i).labels());
            }
            // site counts as pymatgen gives them (see CifSharedDataTest)
            assertEquals(List.of(8, 2, 4, 5, 12, 8, 2, 8, 8, 8),
                    rs.stream().map(r -> r.structure().size()).toList());
        }
    }
}
