import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.*;
import org.unate.graph.*;
import org.unate.property.TrainedModel;

/**
 * How far batch norm's moving statistics lead a trained property model from what it computes in training: for each
 * chosen crystal, the inference prediction against training-mode predictions (batch statistics) with the crystal put
 * into 20 random batches of 63 training crystals of the split.
 *
 *   java -cp "target/unate.jar:target/lib/*" scripts/BatchNormGap.java SPLIT.json ID[,ID...] MODEL_DIR...
 *
 * Reads the JARVIS graphs from data/cache (as `unate train` left them; 12 nearest within 8 A). Seeded (batches: 1).
 */
public class BatchNormGap {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BatchNormGap.java SPLIT.json ID[,ID...] MODEL_DIR...");
            System.exit(2);
        }
        List<String> ids = List.of(args[1].split(","));
        String[] a = Arrays.copyOfRange(args, 2, args.length);
        Path data = Path.of("data/raw/jarvis-dft3d-2021/jarvis-dft3d-2021.jsonl.gz");
        GraphSet set = GraphCache.readCached(Path.of("data/cache"), data, GraphConfig.cgcnn());
        Map<String, CrystalGraph> byId = new HashMap<>();
        for (CrystalGraph g : set.graphs()) byId.put(g.id(), g);
        JsonNode split = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<CrystalGraph> train = new ArrayList<>();
        for (JsonNode id : split.get("train")) { CrystalGraph g = byId.get(id.asText()); if (g != null) train.add(g); }
        Random rnd = new Random(1);
        for (String modelDir : a) {
            try (TrainedModel m = TrainedModel.load(Path.of(modelDir))) {
                System.out.println(modelDir);
                for (String id : ids) {
                    CrystalGraph g = byId.get(id);
                    if (g == null) {
                        System.out.println("  " + id + ": no graph in the cache");
                        continue;
                    }
                    double inf = m.predict(List.of(g))[0];
                    double[] tr = new double[20];
                    for (int r = 0; r < tr.length; r++) {
                        List<CrystalGraph> batch = new ArrayList<>();
                        for (int q = 0; q < 63; q++) batch.add(train.get(rnd.nextInt(train.size())));
                        batch.add(g);
                        tr[r] = m.predictWithBatchStatistics(batch)[63];
                    }
                    DoubleSummaryStatistics st = Arrays.stream(tr).summaryStatistics();
                    System.out.printf("  %s inference %.2f  batch-stats mean %.2f min %.2f max %.2f%n", id, inf, st.getAverage(), st.getMin(), st.getMax());
                }
            }
        }
    }
}
