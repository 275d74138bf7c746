package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.unate.crystal.Structure;
import org.unate.crystal.io.CrystalParseException.Reason;

class CifReaderTest {
    /** A 4 A cubic cell. */
    static final String CELL = """
            _cell_length_a 4.0
            _cell_length_b 4.0
            _cell_length_c 4.0
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            """;

    private static Structure read(String cif) {
        return CifReader.withDefaults().parse(cif, "t.cif");
    }

    private static CrystalParseException fail(String cif) {
        return assertThrows(CrystalParseException.class, () -> read(cif));
    }

    private static CrystalParseException fail(String cif, ReadOptions o) {
        return assertThrows(CrystalParseException.class, () -> new CifReader(o).parse(cif, "t.cif"));
    }

    @Test
    void jarvisStyleFileWithLeadingCommentKeepsCoordinatesAsWritten() {
        String cif = """
                CIF file written using JARVIS-Tools package.
                data_TiCuSiAs
                _symmetry_space_group_name_H-M  'P4/nmm'
                _cell_length_a       3.56693
                _cell_length_b       3.56693
                _cell_length_c       9.39708
                _cell_angle_alpha    90
                _cell_angle_beta     90
                _cell_angle_gamma    90
                loop_
                  _symmetry_equiv_pos_site_id
                 _symmetry_equiv_pos_as_xyz
                 1  'x, y, z'
                loop_
                 _atom_site_type_symbol
                 _atom_site_label
                 _atom_site_symmetry_multiplicity
                 _atom_site_fract_x
                 _atom_site_fract_y
                 _atom_site_fract_z
                 _atom_site_fract_occupancy
                 As  As1  1  0.75000  0.75000  0.30749  1
                 Cu  Cu1  1  0.25000  0.75000  0.50000  1
                 Ti  Ti1  1  1.06664  -0.66664  0.78494  1
                """;
        Structure s = read(cif);
        assertEquals(3, s.size());
        assertEquals(List.of("As1", "Cu1", "Ti1"), s.sites().stream().map(x -> x.label()).toList());
        // not wrapped, not snapped to 2/3
        assertArrayEquals(new double[] {1.06664, -0.66664, 0.78494}, s.site(2).fractional());
        assertEquals(3.56693 * 3.56693 * 9.39708, s.lattice().volume(), 1e-9);
    }

    @Test
    void symmetryExpansionOrderAndSpecialPositions() {
        // bcc Fe from I-centring; a general site and a site on an inversion centre
        String cif = "data_t\n" + CELL + """
                loop_
                _space_group_symop_operation_xyz
                'x, y, z'
                '-x, -y, -z'
                'x+1/2, y+1/2, z+1/2'
                '1/2-x,-y+0.5,  -z+1/2'
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Fe1 Fe 0 0 0
                O1 O2- 0.1 0.2 0.3
                """;
        Structure s = read(cif);
        // Fe1: x,y,z and x+1/2.. are distinct; -x,-y,-z equals x,y,z. O1: four distinct images
        assertEquals(6, s.size());
        assertEquals("Fe1", s.site(0).label());
        assertArrayEquals(new double[] {0, 0, 0}, s.site(0).fractional());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.site(1).fractional());
        assertEquals("O", s.site(2).element().symbol());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, s.site(2).fractional()); // identity: as written
        assertArrayEquals(new double[] {0.9, 0.8, 0.7}, s.site(3).fractional(), 1e-15); // -x wrapped to [0,1)
        assertArrayEquals(new double[] {0.6, 0.7, 0.8}, s.site(4).fractional(), 1e-15);
        assertArrayEquals(new double[] {0.4, 0.3, 0.2}, s.site(5).fractional(), 1e-15);
    }

    @Test
    void imagesWithinToleranceMergeModuloOne() {
        String cif = "data_t\n" + CELL + """
                loop_
                _symmetry_equiv_pos_as_xyz
                x,y,z
                -x,-y,-z
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 0.0004 0.9998 0.5
                """;
        // -x = -0.0004 -> 0.9996 is within 1e-3 of 0.0004 modulo 1; 0.5 -> 0.5
        assertEquals(1, read(cif).size());
        Structure strict = new CifReader(ReadOptions.DEFAULT.withMergeTolerance(1e-4)).parse(cif, null);
        assertEquals(2, strict.size());
    }

    @Test
    void quotesTextFieldsUncertaintiesAndUnknowns() {
        String cif = """
                # a comment
                data_quoted
                _publ_section_title
                ;
                A title; with 'quotes' and data_ inside
                loop_ too
                ;
                _journal_name_full 'O'Brien's journal'
                _chemical_name_common "it's"
                _cell_length_a 5.12(1)
                _cell_length_b 5.12(12)
                _cell_length_c 7.0
                _cell_angle_alpha 90.0(0)
                _cell_angle_beta 90
                _cell_angle_gamma 120.
                _cell_volume ?
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                _atom_site_occupancy
                _atom_site_U_iso_or_equiv
                'Zn 1' Zn2+ 0.3333(2) 0.6667(2) 0.0 ? ?
                S1 . 1/3 0 0 1. 0.01
                """;
        // the second row has no type symbol ('.'), so its label names the element; '1/3' is not a number
        CrystalParseException e = fail(cif);
        assertEquals(Reason.BAD_NUMBER, e.reason());
        assertEquals(26, e.line());
        assertEquals("t.cif line 26: site 'S1': expected a number for _atom_site_fract_x, got '1/3'", e.getMessage());
        Structure s = read(cif.replace("1/3 0 0", "0.3333 0 0.5"));
        assertEquals(2, s.size());
        assertEquals("Zn 1", s.site(0).label());
        assertEquals("Zn", s.site(0).element().symbol());
        assertEquals("S", s.site(1).element().symbol());
        assertArrayEquals(new double[] {0.3333, 0.6667, 0.0}, s.site(0).fractional());
        double[] len = s.lattice().lengths();
        assertEquals(5.12, len[0], 1e-12);
        assertEquals(120.0, s.lattice().angles()[2], 1e-9);
    }

    @Test
    void typeSymbolPreferredOverLabelAndChargesRead() {
        String cif = "data_t\n" + CELL + """
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Co1 C 0 0 0
                X2 Al3+ 0.5 0 0
                Fe3 ? 0 0.5 0
                CL4 . 0 0 0.5
                """;
        Structure s = read(cif);
        assertEquals(List.of("C", "Al", "Fe", "Cl"), s.sites().stream().map(x -> x.element().symbol()).toList());
        assertEquals(List.of("Co1", "X2", "Fe3", "CL4"), s.sites().stream().map(x -> x.label()).toList());
    }

    @Test
    void labelsAloneNameElements() {
        String cif = "data_t\n" + CELL + """
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Al3+ 0 0 0
                O2- 0.5 0.5 0.5
                Ca1a 0.5 0 0
                """;
        assertEquals("AlOCa", read(cif).sites().stream().map(x -> x.element().symbol())
                .reduce("", String::concat));
        CrystalParseException e = fail(cif.replace("Ca1a", "Xq9"));
        assertEquals(Reason.UNKNOWN_ELEMENT, e.reason());
        assertTrue(e.getMessage().contains("'Xq9'"), e.getMessage());
    }

    @Test
    void missingCellParameterMessage() {
        String cif = "data_t\n" + CELL.replace("_cell_length_a 4.0", "_cell_length_a ?") + """
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 0 0 0
                """;
        CrystalParseException e = fail(cif);
        assertEquals(Reason.MISSING_FIELD, e.reason());
        assertEquals("t.cif line 2: expected 6 cell parameters, got '_cell_length_a ?'", e.getMessage());
        CrystalParseException absent = fail(cif.replace("_cell_length_a ?", "_cell_length_a 4")
                .replace("_cell_angle_beta 90\n", ""));
        assertTrue(absent.getMessage().contains("missing _cell_angle_beta"), absent.getMessage());
        CrystalParseException flat = fail(cif.replace("_cell_length_a ?", "_cell_length_a 4")
                .replace("_cell_angle_gamma 90", "_cell_angle_gamma 180"));
        assertEquals(Reason.BAD_LATTICE, flat.reason());
    }

    @Test
    void aGroupNameStandsInForOperatorsOnlyWhereItFixesThem() {
        String cif = "data_t\n_symmetry_space_group_name_H-M 'F d -3 m'\n" + CELL + """
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Si1 0.125 0.125 0.125
                """;
        // two origin choices: refused, naming the tag, the choices and the fix
        CrystalParseException e = fail(cif);
        assertEquals(Reason.BAD_SYMMETRY, e.reason());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("lists no symmetry operators (_space_group_symop_operation_xyz or"
                + " _symmetry_equiv_pos_as_xyz), and _symmetry_space_group_name_H-M cannot stand in for them"),
                e.getMessage());
        assertTrue(e.getMessage().contains(":1") && e.getMessage().contains(":2"), e.getMessage());
        // diamond Si at origin choice 2 (the inversion centre at the origin): 8 atoms; ICSD's 'Z' means the same
        assertEquals(8, read(cif.replace("'F d -3 m'", "'F d -3 m :2'")).size());
        assertEquals(8, read(cif.replace("'F d -3 m'", "'F d -3 m Z'")).size());
        // at origin choice 1 the same site is on a -43m position with 8 images too, and (0,0,0) of choice 1 as well
        assertEquals(8, read(cif.replace("'F d -3 m'", "'F d -3 m :1'").replace("0.125 0.125 0.125", "0 0 0"))
                .size());
        // a number with one setting is enough; one with several is refused, saying how to name the setting
        String byNumber = cif.replace("_symmetry_space_group_name_H-M 'F d -3 m'", "_space_group_IT_number 225")
                .replace("0.125 0.125 0.125", "0 0 0");
        assertEquals(4, read(byNumber).size());
        CrystalParseException p21c = fail(byNumber.replace("225", "14"));
        assertTrue(p21c.getMessage().contains("space group number 14 does not fix the operations: it fits 9 settings")
                && p21c.getMessage().contains("_space_group_name_H-M_alt"), p21c.getMessage());
        // a name and a number that disagree are refused
        CrystalParseException clash = fail(cif.replace("'F d -3 m'", "'F m -3 m'\n_space_group_IT_number 227"));
        assertTrue(clash.getMessage().contains("is space group 225, but _space_group_IT_number says 227"),
                clash.getMessage());
        // P 1 or no group at all: identity only
        assertEquals(1, read(cif.replace("'F d -3 m'", "'P 1'")).size());
        assertEquals(1, read(cif.replace("_symmetry_space_group_name_H-M 'F d -3 m'\n", "")).size());
    }

    @Test
    void badOperatorNamesItsLine() {
        String cif = "data_t\n" + CELL + """
                loop_
                _symmetry_equiv_pos_as_xyz
                'x, y, z'
                'x, y+q, z'
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Na1 0 0 0
                """;
        CrystalParseException e = fail(cif);
        assertEquals(Reason.BAD_SYMMETRY, e.reason());
        assertEquals(11, e.line());
    }

    @Test
    void partialOccupancyPolicies() {
        String cif = "data_t\n" + CELL + """
                loop_
                _atom_site_label
                _atom_site_type_symbol
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                _atom_site_occupancy
                Fe1 Fe 0 0 0 0.6
                Ni1 Ni 0 0 0 0.4
                O1 O 0.5 0.5 0.5 1.0
                """;
        CrystalParseException e = fail(cif);
        assertEquals(Reason.PARTIAL_OCCUPANCY, e.reason());
        assertTrue(e.getMessage().startsWith("t.cif line 15: sites 'Fe1' (Fe, occupancy 0.600000"), e.getMessage());
        assertTrue(e.getMessage().contains("'Ni1'"), e.getMessage());
        Structure m = new CifReader(ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY)).parse(cif, null);
        assertEquals(List.of("Fe1", "O1"), m.sites().stream().map(x -> x.label()).toList());
        CrystalParseException skip = fail(cif, ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.SKIP));
        assertEquals(Reason.SKIPPED_BY_POLICY, skip.reason());
        // a lone vacancy-bearing site
        CrystalParseException lone = fail(cif.replace("Ni1 Ni 0 0 0 0.4\n", ""));
        assertTrue(lone.getMessage().contains("site 'Fe1'") && lone.getMessage().contains("partially occupied"),
                lone.getMessage());
        // two full atoms on one spot are an error under every policy
        CrystalParseException overlap = fail(cif.replace("0.6", "1").replace("0.4", "1"),
                ReadOptions.DEFAULT.withOccupancy(OccupancyPolicy.MAJORITY));
        assertEquals(Reason.OVERLAPPING_SITES, overlap.reason());
        CrystalParseException range = fail(cif.replace("0.6", "1.5"));
        assertEquals(Reason.BAD_VALUE, range.reason());
    }

    @Test
    void multipleBlocks() {
        String block = CELL + """
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                """;
        String cif = "data_global\n_journal_year 2001\n"
                + "data_first\n" + block + "Na1 0 0 0\n"
                + "data_second\n" + block + "Cl1 0 0 0\nCl2 0.5 0.5 0.5\n";
        assertEquals("Na", read(cif).site(0).element().symbol());
        assertEquals(2, CifReader.withDefaults().parse(cif, null, "SECOND").size());
        Map<String, Structure> all = CifReader.withDefaults().parseAll(cif, null);
        assertEquals(List.of("first", "second"), List.copyOf(all.keySet()));
        CrystalParseException e = assertThrows(CrystalParseException.class,
                () -> CifReader.withDefaults().parse(cif, null, "third"));
        assertTrue(e.getMessage().contains("global, first, second"), e.getMessage());
    }

    @Test
    void syntaxErrorsCarryLines() {
        String head = "data_t\n" + CELL;
        CrystalParseException quote = fail(head + "_chemical_name_common 'unclosed\n");
        assertEquals(Reason.SYNTAX, quote.reason());
        assertEquals(8, quote.line());
        CrystalParseException text = fail(head + "_publ_section_title\n;\nnever closed\n");
        assertEquals(9, text.line());
        CrystalParseException loop = fail(head + "loop_\n_atom_site_label\n_atom_site_fract_x\nNa1 0\nCl1\n");
        assertTrue(loop.getMessage().contains("3 values, not a multiple of 2"), loop.getMessage());
        CrystalParseException dup = fail(head + "_cell_length_a 5\nloop_\n_atom_site_label\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n");
        assertTrue(dup.getMessage().contains("defined twice"), dup.getMessage());
        CrystalParseException stray = fail(head + "42\n");
        assertTrue(stray.getMessage().contains("unexpected value '42'"), stray.getMessage());
        CrystalParseException preamble = fail("_cell_length_a 4\ndata_t\n");
        assertEquals(1, preamble.line());
        CrystalParseException noBlock = fail("just text\n");
        assertTrue(noBlock.getMessage().contains("data_ block header"), noBlock.getMessage());
    }

    @Test
    void cartesianOnlySitesAreRefused() {
        String cif = "data_t\n" + CELL + """
                loop_
                _atom_site_label
                _atom_site_Cartn_x
                _atom_site_Cartn_y
                _atom_site_Cartn_z
                Na1 0 0 0
                """;
        assertEquals(Reason.UNSUPPORTED, fail(cif).reason());
    }

    @Test
    void oneAtomWithoutLoop() {
        String cif = "data_t\n" + CELL + "_atom_site_label Cs1\n_atom_site_fract_x 0\n_atom_site_fract_y 0\n"
                + "_atom_site_fract_z 0\n";
        Structure s = read(cif);
        assertEquals(1, s.size());
        assertEquals("Cs", s.site(0).element().symbol());
    }

    @Test
    void symopLoopPreferredOverLegacyTag() {
        String cif = "data_t\n" + CELL + """
                loop_
                _symmetry_equiv_pos_as_xyz
                x,y,z
                loop_
                _space_group_symop_operation_xyz
                x,y,z
                x+1/2,y+1/2,z+1/2
                loop_
                _atom_site_label
                _atom_site_fract_x
                _atom_site_fract_y
                _atom_site_fract_z
                Cs1 0 0 0
                """;
        assertEquals(2, read(cif).size());
    }
}
