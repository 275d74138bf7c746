package org.unate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException;
import org.unate.crystal.io.StructureReader;
import org.unate.experiment.PropertyRun;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.property.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code unate predict}: applies a trained model to structure files (CIF, POSCAR, JSON, extended XYZ). Every file
 * that can be read is predicted; each one that cannot is reported on stderr with the reason, and the command exits
 * with status 1 at the end if any was.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the trained property for each structure file; prints `file<TAB>prediction`. A file "
                + "that cannot be read or predicted is reported on stderr; the others are still predicted, and the exit "
                + "status is 1 if any file failed."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model folder written by `train` (OUT/model).")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files.")
    List<Path> files;

    @Mixin
    ReadOptionsMixin read = new ReadOptionsMixin();

    @Override
    public Integer call() {
        int failed = 0;
        try (TrainedModel m = TrainedModel.load(model)) {
            GraphConfig gc = PropertyRun.graphConfigOf(model, m.config().model());
            GraphBuilder builder = GraphBuilder.of(gc);
            List<Path> good = new ArrayList<>();
            List<CrystalGraph> graphs = new ArrayList<>();
            for (Path f : files) {
                try {
                    Structure s = StructureReader.read(f, read.readOptions(),
                            w -> System.err.println("warning: " + w.message()));
                    graphs.add(builder.build(f.toString(), s));
                    good.add(f);
                } catch (RuntimeException e) {
                    failed++;
                    System.err.println("error: " + message(f, e));
                }
            }
            double[] y = new double[0];
            try {
                if (!graphs.isEmpty()) {
                    y = m.predict(graphs);
                }
            } catch (IllegalArgumentException e) {
                // one crystal the model cannot take (an element without a vector): predict them one by one
                y = new double[graphs.size()];
                for (int i = 0; i < graphs.size(); i++) {
                    try {
                        y[i] = m.predict(List.of(graphs.get(i)))[0];
                    } catch (IllegalArgumentException one) {
                        y[i] = Double.NaN;
                        failed++;
                        System.err.println("error: " + good.get(i) + ": " + one.getMessage());
                    }
                }
            }
            for (int i = 0; i < y.length; i++) {
                if (!Double.isNaN(y[i])) {
                    System.out.printf(Locale.ROOT, "%s\t%.6g%n", good.get(i), y[i]);
                }
            }
        }
        if (failed > 0) {
            System.err.printf(Locale.ROOT, "%d of %d files not predicted%n", failed, files.size());
        }
        return failed == 0 ? 0 : 1;
    }

    /** The message of a reader or graph error, naming the file once (a reader's error names it already). */
    private static String message(Path f, RuntimeException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof CrystalParseException p && p.source() != null ? m : f + ": " + m;
    }
}
