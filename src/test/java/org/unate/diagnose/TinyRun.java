package org.unate.diagnose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.unate.crystal.Structure;
import org.unate.crystal.io.DatasetOptions;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.graph.GraphConfig;
import org.unate.model.ModelConfig;
import org.unate.model.TrainingListener;
import org.unate.property.TrainConfig;
import org.unate.testing.TinyGraphs;

/**
 * One tiny property run shared by the diagnostics' tests: the six hand-built crystals of TinyGraphs, each at six
 * lattice scalings (36 records, label {@code y} = volume per atom / 10 plus 0.3 per element), a CGCNN model
 * (H 8, 2 convolutions, head 8, 3 epochs) trained by {@link PropertyRun} on its seeded 80/10/10 split.
 */
final class TinyRun {
    static final String PROPERTY = "y";
    private static TinyRun shared;

    final Path dir;
    final Path data;
    final Path splitFile;
    final Path model;
    final Split split;

    private TinyRun(Path dir) throws IOException {
        this.dir = dir;
        List<Structure> structures = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Structure s : TinyGraphs.all()) {
            for (int k = 0; k < 6; k++) {
                Structure c = TinyGraphs.scaled(s, 0.95 + 0.03 * k);
                structures.add(c);
                y.add(c.lattice().volume() / c.size() / 10 + 0.3 * c.composition().size());
            }
        }
        data = TinyGraphs.writeJsonl(dir.resolve("tiny.jsonl"), structures, PROPERTY,
                y.stream().mapToDouble(Double::doubleValue).toArray());
        TrainConfig tc = TrainConfig.defaults().withModel(ModelConfig.cgcnn().withWidths(8, 2, 8)).withEpochs(3)
                .withBatchSize(8).withSeed(7).withThreads(1, 1);
        Path out = dir.resolve("run");
        PropertyRun.Spec spec = new PropertyRun.Spec(data, "tiny", PROPERTY, null, 1.0, 0, null, tc, GraphConfig.cgcnn());
        PropertyRun.run(spec, out, TrainingListener.silent(), quiet()).model().close();
        splitFile = out.resolve("split.json");
        model = out.resolve("model");
        split = Split.read(splitFile);
    }

    /** The run, trained on first use and kept for the JVM (its folder is deleted at exit). */
    static synchronized TinyRun get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("unate-diagnose-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                shared = new TinyRun(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The dataset without a graph cache, reading the label. */
    DatasetGraphs dataset() {
        return new DatasetGraphs(data, DatasetOptions.DEFAULT.withLabels(List.of(PROPERTY)), null, 1, quiet());
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
