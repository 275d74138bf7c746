package org.unate.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.unate.data.DataCatalog;
import org.unate.data.DatasetSpec;
import org.unate.embedding.AtomEmbeddings;
import org.unate.embedding.EmbeddingTables;
import org.unate.embedding.MissingElements;
import org.unate.experiment.PropertyRun;
import org.unate.experiment.Split;
import org.unate.model.NodeFeaturizer;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The published element tables of the project's catalogue ({@code data/datasets.json}) side by side: what each was
 * learned from, its width and elements, licence and citation; and which elements of a data set each table lacks, with
 * the crystals that hold them (what a sweep's missing-element policy acts on).
 */
public final class TableCatalogue {
    private TableCatalogue() {
    }

    /** The condition that uses a catalogue table in a sweep: {@code cgcnn-92} for CGCNN's, else {@code table:NAME}. */
    public static String condition(String name) {
        return name.equals("cgcnn-atom-init") ? EmbeddingTables.CGCNN_92 : "table:" + name;
    }

    /**
     * One row per element table of the catalogue, in catalogue order: name, the condition that uses it, what it was
     * learned from, width and element count (read from the resolved file), licence and citation.
     *
     * @throws IllegalArgumentException if a table is not resolved yet (run {@code make data})
     */
    public static Table tables(DataCatalog catalog) {
        StringColumn name = StringColumn.create("table");
        StringColumn condition = StringColumn.create("condition");
        StringColumn from = StringColumn.create("learned from");
        IntColumn width = IntColumn.create("width");
        IntColumn elements = IntColumn.create("elements");
        StringColumn licence = StringColumn.create("licence");
        StringColumn citation = StringColumn.create("citation");
        for (DatasetSpec s : catalog.datasets()) {
            DatasetSpec.Source src = s.mirror() != null ? s.mirror() : s.official();
            if (src == null || !EmbeddingTables.TABLE_FORMATS.contains(src.format())) {
                continue;
            }
            AtomEmbeddings t = EmbeddingTables.load(condition(s.name()).replaceFirst("^table:", ""));
            name.append(s.name());
            condition.append(condition(s.name()));
            from.append(Objects.requireNonNullElse(s.learnedFrom(), "–"));
            width.append(t.dim());
            elements.append(t.size());
            licence.append(Objects.requireNonNullElse(s.license(), "–"));
            citation.append(Objects.requireNonNullElse(s.citation(), "–"));
        }
        return Table.create("published element tables (" + catalog.dataDir().resolve("datasets.json").getFileName()
                + ")", name, condition, from, width, elements, licence, citation);
    }

    /** {@link #tables(DataCatalog)} of the project's catalogue. */
    public static Table tables() {
        return tables(DataCatalog.discover());
    }

    /**
     * For each featurizer spec or sweep condition name ({@link #conditions()}, a file, UNATE's table, ...): the elements of {@code split}'s crystals
     * it has no vector for, each with the number of crystals holding it, and the crystals affected in the training,
     * validation and test sets and in all. A table with every element has an empty "lacks" cell and zero counts.
     */
    public static Table coverage(PropertyRun.Data data, Split split, List<String> specs) {
        StringColumn table = StringColumn.create("condition");
        StringColumn lacks = StringColumn.create("lacks (crystals holding it)");
        IntColumn train = IntColumn.create("train");
        IntColumn val = IntColumn.create("val");
        IntColumn test = IntColumn.create("test");
        IntColumn all = IntColumn.create("crystals affected");
        StringColumn share = StringColumn.create("share of the split");
        for (String spec : specs) {
            // a sweep names CGCNN's table "cgcnn-92"; its featurizer spec is table:cgcnn-92
            String f = spec.equals(EmbeddingTables.CGCNN_92) ? "table:" + spec : spec;
            MissingElements.Report r = data.missing(NodeFeaturizer.parse(f), split);
            Set<String> hit = Set.copyOf(r.affected());
            table.append(spec);
            lacks.append(r.complete() ? "" : r.elementCounts());
            train.append((int) split.train().stream().filter(hit::contains).count());
            val.append((int) split.val().stream().filter(hit::contains).count());
            test.append((int) split.test().stream().filter(hit::contains).count());
            all.append(r.affected().size());
            share.append(String.format(Locale.ROOT, "%.2f %%", split.size() == 0 ? 0.0
                    : 100.0 * r.affected().size() / split.size()));
        }
        return Table.create("elements each table lacks, on the " + String.format(Locale.ROOT, "%,d", split.size())
                + " crystals of the split", table, lacks, train, val, test, all, share);
    }

    /** The conditions of every catalogue table ({@link #condition}), CGCNN's first. */
    public static List<String> conditions() {
        List<String> out = new ArrayList<>();
        out.add(EmbeddingTables.CGCNN_92);
        for (String n : EmbeddingTables.catalogue()) {
            if (!n.equals("cgcnn-atom-init")) {
                out.add(condition(n));
            }
        }
        return out;
    }
}
