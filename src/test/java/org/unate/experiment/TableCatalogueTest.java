package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.embedding.AtomEmbeddings;
import org.unate.report.TableCatalogue;
import tech.tablesaw.api.Table;

/**
 * {@link TableCatalogue} (report package) on the project's catalogue and on the tiny sweep data of
 * {@link SweepFixture} (which lives here).
 */
class TableCatalogueTest {
    @TempDir
    Path tmp;

    @Test
    void theCatalogueListsEveryTableWithWhatItWasLearnedFromAndItsShape() {
        Table t = TableCatalogue.tables();
        List<String> names = t.stringColumn("table").asList();
        assertTrue(names.containsAll(List.of("cgcnn-atom-init", "mat2vec", "skipatom", "megnet16", "magpie", "oliynyk",
                "chgnet", "mace-mp0", "sevennet", "orb-v2", "crysatom")), names.toString());
        int cgcnn = names.indexOf("cgcnn-atom-init");
        assertEquals("cgcnn-92", t.stringColumn("condition").get(cgcnn));
        assertEquals(92, t.intColumn("width").get(cgcnn));
        int oliynyk = names.indexOf("oliynyk");
        assertEquals("table:oliynyk", t.stringColumn("condition").get(oliynyk));
        assertEquals(44, t.intColumn("width").get(oliynyk));
        assertEquals(85, t.intColumn("elements").get(oliynyk));
        assertTrue(t.stringColumn("learned from").asList().stream().noneMatch(s -> s.equals("–")),
                "every table says what it was learned from");
        assertTrue(t.stringColumn("learned from").get(names.indexOf("megnet16")).contains("formation energies"));
        assertEquals("cgcnn-92", TableCatalogue.conditions().get(0));
        assertTrue(TableCatalogue.conditions().contains("table:orb-v2"));
    }

    @Test
    void coverageCountsTheCrystalsHoldingAnElementATableLacks() throws Exception {
        SweepFixture fx = new SweepFixture(tmp, 24);
        Map<Integer, float[]> v = new java.util.TreeMap<>();
        v.put(11, new float[] {1f, 0f});
        v.put(17, new float[] {0f, 1f});
        Path nacl = tmp.resolve("nacl.json");
        AtomEmbeddings.of(v, Map.of("name", "nacl")).save(nacl);
        PropertyRun.Data data = PropertyRun.read(PropertyRun.Spec.of(fx.data, "tiny", "y", "atomic-number")
                .withSplitFile(fx.split), new PrintStream(PrintStream.nullOutputStream()));
        Split split = data.split(0);
        Table c = TableCatalogue.coverage(data, split, List.of("table:" + nacl, "unate:frozen:" + fx.unate, "cgcnn-92"));
        // the even ids are CsCl: 12 of 24 crystals hold Cs, which the NaCl table lacks
        assertEquals("Cs (12)", c.stringColumn("lacks (crystals holding it)").get(0));
        assertEquals(12, c.intColumn("crystals affected").get(0));
        assertEquals(12, c.intColumn("train").get(0) + c.intColumn("val").get(0) + c.intColumn("test").get(0));
        assertEquals("50.00 %", c.stringColumn("share of the split").get(0));
        assertEquals("", c.stringColumn("lacks (crystals holding it)").get(1), "a table with every element");
        assertEquals(0, c.intColumn("crystals affected").get(1));
        assertEquals("cgcnn-92", c.stringColumn("condition").get(2), "a sweep's name of CGCNN's table is understood");
    }
}
