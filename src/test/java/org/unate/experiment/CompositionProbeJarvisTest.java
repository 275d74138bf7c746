package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Element;
import org.unate.crystal.Lattice;
import org.unate.crystal.Site;
import org.unate.crystal.Structure;
import org.unate.embedding.AtomEmbeddings;
import org.unate.experiment.PairedComparison.Condition;

/**
 * The composition probe on real data: the first 5,000 JARVIS-DFT-3D records, CGCNN's 92-dim element table against a
 * random N(0, 1) table of the same size, 3 seeds, two properties. Records go to {@code target/probe-jarvis/}.
 * <p>Run: {@code mvn -o -q -B test -Dtest=CompositionProbeJarvisTest -Dsurefire.excludedGroups=}
 */
@Tag("slow")
class CompositionProbeJarvisTest {
    static final int N_RECORDS = 5000;
    static final Pattern TERM = Pattern.compile("([A-Z][a-z]?)(\\d*)");

    /**
     * Throwaway reader for this check only: id, the two labels and a stand-in structure holding the reduced formula's
     * atoms (a 10 A cubic cell, atoms on a line); the probe uses only the composition.
     */
    static List<CrystalRecord> firstRecords(Path gz, int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<CrystalRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while (out.size() < n && (line = in.readLine()) != null) {
                lineNo++;
                JsonNode o = json.readTree(line);
                String formula = o.get("formula").asText();
                List<Site> sites = new ArrayList<>();
                Matcher m = TERM.matcher(formula);
                int end = 0;
                while (m.find() && m.start() == end) {
                    end = m.end();
                    int count = m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2));
                    for (int k = 0; k < count; k++) {
                        sites.add(new Site(Element.of(m.group(1)), new double[] {sites.size() / 200.0, 0, 0}, null));
                    }
                }
                if (end != formula.length()) {
                    throw new IllegalArgumentException(gz + " line " + lineNo + ": cannot parse formula '" + formula + "'");
                }
                Map<String, Double> labels = new HashMap<>();
                for (String p : List.of("mbj_bandgap", "formation_energy_peratom")) {
                    if (o.hasNonNull(p)) {
                        labels.put(p, o.get(p).asDouble());
                    }
                }
                out.add(new CrystalRecord(o.get("id").asText(), Structure.of(Lattice.cubic(10.0), sites), labels));
            }
        }
        return out;
    }

    @Test
    void cgcnnTableAgainstRandomTableOnJarvis() throws Exception {
        String shared = System.getProperty("unate.shared");
        Assumptions.assumeTrue(shared != null, "system property unate.shared not set; skipping");
        Path data = Path.of(shared, "data/jarvis-dft3d-2021.jsonl.gz");
        Path cgcnnFile = Path.of(shared, "data/embeddings/cgcnn-atom-init.json");
        Assumptions.assumeTrue(Files.isRegularFile(data) && Files.isRegularFile(cgcnnFile),
                "shared JARVIS data or CGCNN table not found under " + shared + "; skipping");

        List<CrystalRecord> records = firstRecords(data, N_RECORDS);
        assertEquals(N_RECORDS, records.size());
        AtomEmbeddings cgcnn = AtomEmbeddings.loadCgcnnAtomInit(cgcnnFile);
        CompositionProbe.Config config = CompositionProbe.Config.defaults();
        Path out = Path.of("target/probe-jarvis");
        List<ResultRecord> results = new ArrayList<>();
        for (String property : List.of("mbj_bandgap", "formation_energy_peratom")) {
            for (long seed = 0; seed < 3; seed++) {
                AtomEmbeddings random = AtomEmbeddings.random(cgcnn.dim(), 100, seed);
                for (var condition : List.of(Map.entry("table:cgcnn-92", cgcnn), Map.entry("random:frozen", random))) {
                    CompositionProbe.Result r = CompositionProbe.run(records, property, condition.getValue(),
                            condition.getKey(), "jarvis-dft3d-2021[first " + N_RECORDS + "]", null, 1.0, seed, config);
                    r.record().writeTo(out);
                    results.add(r.record());
                    System.out.printf(Locale.ROOT, "%-26s %-15s seed %d  test MAE %.4f  RMSE %.4f  R2 %.3f  val MAE %.4f"
                                    + "  n %d/%d/%d  unlabelled %d  unfeaturizable %d  %.1f s%n",
                            property, condition.getKey(), seed, r.record().metrics().mae(), r.record().metrics().rmse(),
                            r.record().metrics().r2(), r.record().metrics().valMae(), r.record().nTrain(),
                            r.record().nVal(), r.record().nTest(), r.unlabelled(), r.unfeaturizable(),
                            r.record().wallS());
                }
            }
        }
        ResultRecord.Folder folder = ResultRecord.readFolder(out);
        System.out.println(folder.summary());
        List<PairedComparison> cmp = PairedComparison.compare(results, Condition.features("table:cgcnn-92"),
                Condition.features("random:frozen"), "mae");
        cmp.forEach(c -> System.out.printf(Locale.ROOT, "cgcnn-92 minus random, test MAE, %s: %s%n", c.property(),
                c.stats()));
        assertEquals(2, cmp.size());
        for (PairedComparison c : cmp) {
            assertEquals(3, c.stats().n());
            assertTrue(Double.isFinite(c.stats().meanDifference()));
        }
    }
}
