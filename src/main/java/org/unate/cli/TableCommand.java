package org.unate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.EmbeddingTables;
import org.unate.embedding.TableGeometry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unate table}: what an element table holds, and each of a few elements' nearest elements. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Prints an element table's size and, for chosen elements, their nearest elements by cosine, "
                + "and cos(Na, K) vs cos(Na, Fe), cos(Cl, Br) vs cos(Cl, Fe), as Markdown. With --export, writes one "
                + "table in another model's format instead (docs/user-guide.md)."})
final class TableCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "TABLE", description = "Table files (the project's format or CGCNN's "
            + "atom_init.json) or names resolved by `make data` (cgcnn-92, mat2vec, ...).")
    List<String> tables;

    @Option(names = "--nearest", defaultValue = "Na,Cl,Fe,O", split = ",", paramLabel = "EL",
            description = "Elements whose nearest elements are listed (default: ${DEFAULT-VALUE}).")
    List<String> elements;

    @Option(names = "-k", defaultValue = "5", description = "Nearest elements per element (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--export", paramLabel = "FILE",
            description = "Write the table to FILE and print nothing else: *.csv = element,0,1,... (pandas, "
                    + "ElementEmbeddings), any other name = CGCNN's atom_init.json (keyed by atomic number).")
    Path export;

    @Override
    public Integer call() {
        if (k < 1) {
            throw new IllegalArgumentException("-k must be >= 1, got " + k);
        }
        if (export != null) {
            if (tables.size() != 1) {
                throw new IllegalArgumentException("--export writes one table, got " + tables.size() + ": " + tables);
            }
            AtomEmbeddings t = EmbeddingTables.load(tables.get(0));
            boolean csv = export.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
            if (csv) {
                t.saveElementCsv(export);
            } else {
                t.saveCgcnnAtomInit(export);
            }
            System.err.printf(Locale.ROOT, "%s: %d elements x %d written to %s (%s)%n", tables.get(0), t.size(), t.dim(),
                    export, csv ? "CSV" : "CGCNN atom_init.json");
            return 0;
        }
        for (String ref : tables) {
            AtomEmbeddings t = EmbeddingTables.load(ref);
            System.out.printf(Locale.ROOT, "### %s (%s): %d elements, dim %d%n%n", ref, t.name(), t.size(), t.dim());
            System.out.println("| element | nearest (cosine) |");
            System.out.println("| --- | --- |");
            for (String e : elements) {
                StringBuilder b = new StringBuilder();
                for (TableGeometry.Neighbour n : TableGeometry.nearest(t, e.trim(), k)) {
                    b.append(b.length() == 0 ? "" : ", ").append(n.element().symbol())
                            .append(String.format(Locale.ROOT, " %.3f", n.cosine()));
                }
                System.out.println("| " + e.trim() + " | " + b + " |");
            }
            System.out.printf(Locale.ROOT, "%ncos(Na, K) = %.3f, cos(Na, Fe) = %.3f; cos(Cl, Br) = %.3f, cos(Cl, Fe) = "
                            + "%.3f%n%n", TableGeometry.cosine(t, "Na", "K"), TableGeometry.cosine(t, "Na", "Fe"),
                    TableGeometry.cosine(t, "Cl", "Br"), TableGeometry.cosine(t, "Cl", "Fe"));
        }
        return 0;
    }
}
