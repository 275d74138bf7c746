package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unate.crystal.CrystalRecord;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

/** The reader defects of issue 9, each as it was seen: a file that came back as a different crystal. */
class ReaderDefectsTest {
    private static final String CELL = CifReaderTest.CELL;

    private static Structure cif(String text) {
        return CifReader.withDefaults().parse(text, "t.cif");
    }

    private static String symbols(Structure s) {
        return String.join(" ", s.sites().stream().map(x -> x.element().symbol()).toList());
    }

    private static String sites(String ops, String rows) {
        return "data_t\n" + CELL + "loop_\n_space_group_symop_operation_xyz\n" + ops
                + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n" + rows;
    }

    @Test
    void coordinatesOutsideTheCellKeepEveryImage() {
        // x = 1.6 is 0.6 in the cell; x + 1/2 gives 0.1: two atoms, not one
        assertEquals(2, cif(sites("'x,y,z'\n'x+1/2,y,z'\n", "Na1 Na 1.6 0.1 0.1\n")).size());
        // x = -0.3 is 0.7; 1/2 - x gives 0.8
        assertEquals(2, cif(sites("'x,y,z'\n'1/2-x,y,z'\n", "Na1 Na -0.3 0.1 0.1\n")).size());
        // a whole-cell shift of a site on a mirror stays one atom: 1.5 and -1.5 are both 0.5
        assertEquals(1, cif(sites("'x,y,z'\n'-x,y,z'\n", "Na1 Na 1.5 0.1 0.1\n")).size());
        // shifted by -3 cells, the inversion image of 0.2 (0.8) is distinct from -2.8 (0.2)
        assertEquals(2, cif(sites("'x,y,z'\n'-x,-y,-z'\n", "Na1 Na -2.8 0.5 0.5\n")).size());
    }

    @Test
    void waterLabelsAreOxygenNotTungsten() {
        String text = "data_t\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\nWat5 0 0 0\nSi1 0.5 0.5 0.5\n";
        assertEquals("O", cif(text).site(0).element().symbol());
    }

    @Test
    void superspaceGroupsAreRefused() {
        String text = "data_t\n" + CELL + """
                _space_group_ssg_name 'P-1(abg)0'
                _cell_modulation_dimension 1
                loop_
                _space_group_symop_ssg_operation_algebraic
                x1,x2,x3,x4
                -x1,-x2,-x3,-x4
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 0.1 0.2 0.3
                """;
        CrystalParseException e = assertThrows(CrystalParseException.class, () -> cif(text));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains("_space_group_symop_ssg_operation_algebraic"), e.getMessage());
    }

    @Test
    void aNamedGroupWithoutOperatorsIsBuiltFromTheName() {
        String rows = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n";
        Structure s = cif("data_t\n_symmetry_space_group_name_H-M 'F m -3 m'\n" + CELL + rows);
        assertEquals(8, s.size());
        assertEquals("Na4Cl4", s.formula());
        Structure byNumber = cif("data_t\n_space_group_IT_number 225\n" + CELL + rows);
        assertEquals(8, byNumber.size());
    }

    @Test
    void labelsReadByAConventionAreNamedInAWarning() {
        String text = "data_t\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\nWat5 0 0 0\nWat6 0.5 0 0\nSi1 0.5 0.5 0.5\nFE1 0 0.5 0\n";
        List<ReadWarning> w = new ArrayList<>();
        Structure s = CifReader.withDefaults().parse(text, "t.cif", w::add);
        assertEquals("O O Si Fe", symbols(s));
        assertEquals(2, w.size(), w.toString());
        assertEquals("t.cif line 13: 2 sites ('Wat5', ...): element from _atom_site_label (there is no"
                + " _atom_site_type_symbol): 'Wat' read as O (the water code; the water's hydrogen atoms are not"
                + " listed and are not added); add _atom_site_type_symbol to be sure", w.get(0).message());
        assertTrue(w.get(1).message().contains("'FE' read as Fe") && w.get(1).message().contains("could also be F"),
                w.get(1).message());
    }

    @Test
    void majorityWarnsWhenTheCompositionChanges() {
        // ice-like: one O and four half-occupied H sites, H2O as written; MAJORITY keeps all four H
        String text = "data_t\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\nO1 0 0 0 1\nH1 0.1 0 0 0.5\nH2 0 0.1 0 0.5\n"
                + "H3 0 0 0.1 0.5\nH4 0.9 0.9 0.9 0.5\n";
        List<ReadWarning> w = new ArrayList<>();
        Structure s = new CifReader(ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY))
                .parse(text, "ice.cif", w::add);
        assertEquals("O H H H H", symbols(s));
        assertEquals(1, w.size(), w.toString());
        assertEquals("ice.cif line 15: occupancy policy MAJORITY changed the composition: the occupancies of the 5"
                + " sites written give H2 O1, the 5 sites kept, each a whole atom, give H4 O1", w.get(0).message());
        // a choice that keeps the composition says nothing: Fe/Ni half and half on two sites, swapped
        String swapped = "data_t\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n_atom_site_occupancy\nFe1 0 0 0 0.5\nNi1 0 0 0 0.5\nNi2 0.5 0.5 0.5 0.5\n"
                + "Fe2 0.5 0.5 0.5 0.5\n";
        List<ReadWarning> none = new ArrayList<>();
        new CifReader(ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY)).parse(swapped, null, none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void datasetReportsCarryTheWarningsOfTheirRecords(@TempDir Path dir) throws Exception {
        String cif = "data_x\\n" + CELL.replace("\n", "\\n") + "loop_\\n_atom_site_label\\n_atom_site_fract_x\\n"
                + "_atom_site_fract_y\\n_atom_site_fract_z\\nWat1 0 0 0\\n";
        Path p = dir.resolve("w.jsonl");
        Files.writeString(p, "{\"id\": \"a\", \"cif\": \"" + cif + "\"}\n");
        try (CrystalDataset d = CrystalDataset.open(p)) {
            d.forEach(r -> assertEquals("O", r.structure().site(0).element().symbol()));
            assertEquals(1, d.report().warningCount());
            ReadWarning w = d.report().warnings().get(0);
            assertEquals(1, w.recordNumber());
            assertEquals("a", w.recordId());
            assertTrue(d.report().summary().contains("warning: " + p + " record 1 (id \"a\") line 13: site 'Wat1'"),
                    d.report().summary());
        }
    }

    @Test
    void otherSymmetryEncodingsAreRefusedNotReadAsP1() {
        String rows = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Fe1 0.1 0.2 0.3\n";
        // magnetic CIF operators
        CrystalParseException magn = assertThrows(CrystalParseException.class, () -> cif("data_t\n" + CELL
                + "loop_\n_space_group_symop_magn_operation.xyz\nx,y,z,+1\n-x,-y,-z,+1\n" + rows));
        assertEquals(Reason.BAD_SYMMETRY, magn.reason());
        assertTrue(magn.getMessage().contains("_space_group_symop_magn_operation.xyz"), magn.getMessage());
        // the DDLm spelling of the operator tag is read
        assertEquals(2, cif("data_t\n" + CELL + "loop_\n_space_group_symop.operation_xyz\nx,y,z\n-x,-y,-z\n"
                + rows).size());
        // a named group's operators come with a warning that says where they came from
        List<ReadWarning> w = new ArrayList<>();
        CifReader.withDefaults().parse("data_t\n_symmetry_space_group_name_H-M 'P -1'\n" + CELL + rows, null,
                w::add);
        assertEquals(1, w.size());
        assertTrue(w.get(0).message().startsWith("line 2: no symmetry operators listed; the 2 operators of P -1"),
                w.get(0).message());
    }

    @Test
    void vasp4SpeciesFromAFormulaComment() {
        String text = """
                Fe2O3
                1.0
                  5.0 0.0 0.0
                  0.0 5.0 0.0
                  0.0 0.0 5.0
                2 3
                Direct
                0.0 0.0 0.0
                0.5 0.5 0.5
                0.5 0.0 0.0
                0.0 0.5 0.0
                0.0 0.0 0.5
                """;
        assertEquals("Fe Fe O O O", symbols(PoscarReader.parse(text, "POSCAR")));
        assertEquals("Fe Fe O O O", symbols(PoscarReader.parse(text.replace("Fe2O3\n", "Fe2 O3\n"), "POSCAR")));
        assertEquals("Fe Fe O O O", symbols(PoscarReader.parse(text.replace("Fe2O3\n", "Fe O ! hematite\n"),
                "POSCAR")));
        // a formula whose proportions the counts do not follow, or words that are no species, are refused
        CrystalParseException ratio = assertThrows(CrystalParseException.class,
                () -> PoscarReader.parse(text.replace("2 3\n", "3 2\n"), "POSCAR"));
        assertTrue(ratio.getMessage().contains("other proportions than the counts 3 2"), ratio.getMessage());
        CrystalParseException words = assertThrows(CrystalParseException.class,
                () -> PoscarReader.parse(text.replace("Fe2O3\n", "I made this\n").replace("2 3\n", "5\n"),
                        "POSCAR"));
        assertTrue(words.getMessage().contains("a VASP 4 comment line that names the 1 species and nothing else"),
                words.getMessage());
    }

    @Test
    void wrappedSpeciesAndCountsLines() {
        String text = """
                four species
                1.0
                  5.0 0.0 0.0
                  0.0 5.0 0.0
                  0.0 0.0 5.0
                Na Cl
                K Br
                1 1 1 1
                Direct
                0.0 0.0 0.0
                0.5 0.5 0.5
                0.5 0.0 0.0
                0.0 0.5 0.0
                """;
        assertEquals("Na Cl K Br", symbols(PoscarReader.parse(text, "POSCAR")));
        String counts = text.replace("Na Cl\nK Br\n1 1 1 1\n", "Na Cl K Br\n1 1\n1 1\n");
        assertEquals("Na Cl K Br", symbols(PoscarReader.parse(counts, "POSCAR")));
    }

    @Test
    void aTruncatedGzipKeepsTheRecordsBeforeTheBreak(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            String cif = "data_x\\n_cell_length_a 4\\n_cell_length_b 4\\n_cell_length_c 4\\n_cell_angle_alpha 90\\n"
                    + "_cell_angle_beta 90\\n_cell_angle_gamma 90\\nloop_\\n_atom_site_label\\n_atom_site_fract_x\\n"
                    + "_atom_site_fract_y\\n_atom_site_fract_z\\nNa1 0 0 0\\nCl1 0.5 0.5 0." + i + "\\n";
            b.append("{\"id\": \"r").append(i).append("\", \"cif\": \"").append(cif).append("\"}\n");
        }
        Path whole = dir.resolve("whole.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(whole))) {
            o.write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] all = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        for (int threads : new int[] {1, 2}) {
            List<CrystalRecord> got = new ArrayList<>();
            try (CrystalDataset d = CrystalDataset.open(cut, DatasetOptions.DEFAULT.withThreads(threads))) {
                d.forEach(got::add);
                assertTrue(got.size() > 50 && got.size() < 400, "records before the break: " + got.size());
                assertEquals("r" + got.size(), got.get(got.size() - 1).id());
                assertTrue(d.report().summary().contains("record " + (got.size() + 1)), d.report().summary());
            }
            CrystalParseException e = assertThrows(CrystalParseException.class, () -> {
                try (CrystalDataset d = CrystalDataset.open(cut, DatasetOptions.DEFAULT.withStrict(true)
                        .withThreads(threads))) {
                    d.forEach(r -> { });
                }
            });
            assertEquals(Reason.IO, e.reason());
            assertEquals(got.size() + 1, e.recordNumber(), e.getMessage());
        }
    }
}
