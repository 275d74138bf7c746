import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.zip.GZIPInputStream;
import org.unate.graph.*;
import org.unate.property.TrainedModel;

/**
 * Predictions far outside the range of the training labels (beyond it by more than a tenth of its width), for every
 * crystal of a split (train, val and test), for trained models or for a prediction file of another implementation
 * (id,target,prediction).
 *
 *   java -cp "target/unate.jar:target/lib/*" scripts/OutOfRange.java PROPERTY SPLIT.json (MODEL_DIR | PREDICTIONS.csv)...
 *
 * Reads the JARVIS labels from data/raw and the graphs from data/cache (12 nearest within 8 A).
 */
public class OutOfRange {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: OutOfRange.java PROPERTY SPLIT.json (MODEL_DIR | PREDICTIONS.csv)...");
            System.exit(2);
        }
        String property = args[0];
        ObjectMapper json = new ObjectMapper();
        Path data = Path.of("data/raw/jarvis-dft3d-2021/jarvis-dft3d-2021.jsonl.gz");
        Map<String, Double> label = new HashMap<>();
        Map<String, String> formula = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(data))))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode o = json.readTree(line);
                if (o.hasNonNull(property)) {
                    label.put(o.get("id").asText(), o.get(property).asDouble());
                    formula.put(o.get("id").asText(), o.get("formula").asText());
                }
            }
        }
        JsonNode split = json.readTree(Path.of(args[1]).toFile());
        Map<String, String> part = new LinkedHashMap<>();
        for (String k : List.of("train", "val", "test")) for (JsonNode id : split.get(k)) part.put(id.asText(), k);
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (JsonNode id : split.get("train")) {
            lo = Math.min(lo, label.get(id.asText()));
            hi = Math.max(hi, label.get(id.asText()));
        }
        double margin = 0.1 * (hi - lo);
        System.out.printf("%s: training labels in [%.3f, %.3f]; counted: predictions below %.3f or above %.3f%n",
                property, lo, hi, lo - margin, hi + margin);
        List<CrystalGraph> graphs = null;
        for (int a = 2; a < args.length; a++) {
            Map<String, Double> pred = new HashMap<>();
            Path p = Path.of(args[a]);
            if (Files.isDirectory(p)) {
                if (graphs == null) {
                    graphs = new ArrayList<>();
                    for (CrystalGraph g : GraphCache.readCached(Path.of("data/cache"), data, GraphConfig.cgcnn()).graphs()) {
                        if (part.containsKey(g.id())) graphs.add(g);
                    }
                }
                try (TrainedModel m = TrainedModel.load(p)) {
                    double[] y = m.predict(graphs);
                    for (int i = 0; i < y.length; i++) pred.put(graphs.get(i).id(), y[i]);
                }
            } else {
                List<String> lines = Files.readAllLines(p);
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    pred.put(f[0], Double.parseDouble(f[2]));
                }
            }
            List<String> out = new ArrayList<>();
            Map<String, Integer> count = new TreeMap<>();
            for (var e : pred.entrySet()) {
                if (e.getValue() > hi + margin || e.getValue() < lo - margin) {
                    out.add(e.getKey());
                    count.merge(part.getOrDefault(e.getKey(), "?"), 1, Integer::sum);
                }
            }
            out.sort(Comparator.comparingDouble(id -> -Math.abs(pred.get(id))));
            System.out.printf("%s: %d predictions, %d far outside the training range %s%n", args[a], pred.size(), out.size(), count);
            for (String id : out.subList(0, Math.min(12, out.size()))) {
                System.out.printf("    %-6s %-5s %-10s label %7.3f  prediction %8.3f%n", id, part.get(id), formula.get(id), label.get(id), pred.get(id));
            }
        }
    }
}
