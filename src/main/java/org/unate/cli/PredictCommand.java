package org.unate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.crystal.Structure;
import org.unate.crystal.io.StructureReader;
import org.unate.experiment.PropertyRun;
import org.unate.graph.CrystalGraph;
import org.unate.graph.GraphBuilder;
import org.unate.graph.GraphConfig;
import org.unate.property.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unate predict}: applies a trained model to structure files (CIF, POSCAR, JSON, extended XYZ). */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predicts the trained property for each structure file; prints `file<TAB>prediction`."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model folder written by `train` (OUT/model).")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files.")
    List<Path> files;

    @Override
    public Integer call() {
        try (TrainedModel m = TrainedModel.load(model)) {
            GraphConfig gc = PropertyRun.graphConfigOf(model, m.config().model());
            GraphBuilder builder = GraphBuilder.of(gc);
            List<CrystalGraph> graphs = new ArrayList<>();
            for (Path f : files) {
                Structure s = StructureReader.read(f);
                graphs.add(builder.build(f.toString(), s));
            }
            double[] y = m.predict(graphs);
            for (int i = 0; i < y.length; i++) {
                System.out.printf(Locale.ROOT, "%s\t%.6g%n", files.get(i), y[i]);
            }
        }
        return 0;
    }
}
