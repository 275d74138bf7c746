package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.unate.crystal.Lattice;

class SpaceGroupsTest {
    private static final Lattice HEX = Lattice.fromParameters(5, 5, 12, 90, 90, 120);
    private static final Lattice RHOMB = Lattice.fromParameters(5, 5, 5, 60, 60, 60);
    private static final Lattice CUBIC = Lattice.cubic(5);

    /** An operation as integers: 12 times the translation reduced to [0, 12), and the rotation. */
    private static List<Long> key(SymmetryOperation op) {
        List<Long> k = new ArrayList<>();
        for (double[] row : op.rotation()) {
            for (double x : row) {
                k.add(Math.round(x));
            }
        }
        for (double t : op.translation()) {
            k.add(Math.floorMod(Math.round(t * 24), 24L));
        }
        return k;
    }

    private static SymmetryOperation compose(SymmetryOperation a, SymmetryOperation b) {
        double[][] ra = a.rotation(), rb = b.rotation();
        double[][] r = new double[3][3];
        double[] t = a.apply(b.translation());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += ra[i][k] * rb[k][j];
                }
            }
        }
        return new SymmetryOperation(r, t);
    }

    @Test
    void theTableHoldsEveryTypeAndEachSettingIsAGroup() {
        List<SpaceGroups.Setting> all = SpaceGroups.settings();
        assertEquals(530, all.size());
        Set<Integer> numbers = new HashSet<>();
        int ops = 0;
        for (SpaceGroups.Setting s : all) {
            numbers.add(s.number());
            ops += s.operations().size();
            Set<List<Long>> keys = new HashSet<>();
            s.operations().forEach(o -> keys.add(key(o)));
            assertEquals(s.operations().size(), keys.size(), "hall " + s.hall() + ": repeated operation");
            assertTrue(keys.contains(key(SymmetryOperation.IDENTITY)), "hall " + s.hall());
            for (SymmetryOperation a : s.operations()) {
                for (SymmetryOperation b : s.operations()) {
                    assertTrue(keys.contains(key(compose(a, b))), "hall " + s.hall() + ": " + a + " * " + b
                            + " is not in the setting");
                }
            }
        }
        assertEquals(230, numbers.size());
        assertEquals(7388, ops, "operations of the 530 settings in spglib 2.0.2");
        assertEquals(192, SpaceGroups.byNumber(225, CUBIC).operations().size());
    }

    @Test
    void everyNameOfEverySettingFindsIt() {
        List<String> ambiguous = new ArrayList<>();
        for (SpaceGroups.Setting s : SpaceGroups.settings()) {
            Set<List<Long>> want = new HashSet<>();
            s.operations().forEach(o -> want.add(key(o)));
            Lattice cell = s.choice().equals("R") ? RHOMB : s.choice().equals("H") ? HEX : CUBIC;
            for (String name : s.names()) {
                String symbol = s.choice().isEmpty() ? name : name + " :" + s.choice();
                try {
                    Set<List<Long>> got = new HashSet<>();
                    SpaceGroups.byHermannMauguin(symbol, cell).operations().forEach(o -> got.add(key(o)));
                    assertEquals(want, got, symbol);
                } catch (CrystalParseException e) {
                    ambiguous.add(symbol);
                }
            }
            Set<List<Long>> byHall = new HashSet<>();
            SpaceGroups.byHall(s.hallSymbol()).operations().forEach(o -> byHall.add(key(o)));
            assertEquals(want, byHall, s.hallSymbol());
        }
        // the only names left open: one symbol for two orientations of the same type, the setting's choice empty
        assertEquals(List.of("C 2/m 2/m 2/e", "C m m e"), ambiguous);
    }

    @Test
    void namesAsCifsWriteThem() {
        assertEquals(81, SpaceGroups.byHermannMauguin("P 21/c", null).hall());
        assertEquals(81, SpaceGroups.byHermannMauguin("P2_1/c", null).hall());
        assertEquals(82, SpaceGroups.byHermannMauguin("P 21/n", null).hall());
        assertEquals(82, SpaceGroups.byHermannMauguin("P 1 21/n 1", null).hall());
        assertEquals(62, SpaceGroups.byHermannMauguin("Pnma", null).number());
        SpaceGroups.Setting pbnm = SpaceGroups.byHermannMauguin("P b n m", null);
        assertEquals(62, pbnm.number());
        assertTrue(!pbnm.choice().isEmpty(), "Pbnm is a non-standard setting of 62");
        assertEquals(64, SpaceGroups.byHermannMauguin("C m c a", null).number(), "the symbol before 1992");
        assertEquals(225, SpaceGroups.byHermannMauguin("F m 3 m", null).number(), "the symbol before 1983");
        assertEquals(36, SpaceGroups.byHermannMauguin("R -3 m", HEX).operations().size());
        assertEquals(12, SpaceGroups.byHermannMauguin("R -3 m", RHOMB).operations().size());
        assertEquals(12, SpaceGroups.byHermannMauguin("R -3 m :R", HEX).operations().size());
        assertEquals(36, SpaceGroups.byHermannMauguin("R -3 m H", RHOMB).operations().size());
        assertThrows(CrystalParseException.class, () -> SpaceGroups.byHermannMauguin("R -3 m",
                Lattice.fromParameters(4, 5, 6, 90, 90, 90)));
        assertEquals("2", SpaceGroups.byHermannMauguin("F d -3 m Z", null).choice());
        assertEquals("1", SpaceGroups.byHermannMauguin("F d -3 m S", null).choice());
        assertEquals(81, SpaceGroups.byHall("-P 2ybc").hall());
        CrystalParseException fd3m = assertThrows(CrystalParseException.class,
                () -> SpaceGroups.byHermannMauguin("F d -3 m", null));
        assertTrue(fd3m.getMessage().contains("fits 2 settings"), fd3m.getMessage());
        CrystalParseException junk = assertThrows(CrystalParseException.class,
                () -> SpaceGroups.byHermannMauguin("Q 7", null));
        assertTrue(junk.getMessage().contains("'Q 7'"), junk.getMessage());
        assertThrows(CrystalParseException.class, () -> SpaceGroups.byNumber(231, null));
    }
}
