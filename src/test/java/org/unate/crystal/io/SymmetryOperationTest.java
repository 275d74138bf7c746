package org.unate.crystal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SymmetryOperationTest {
    private static double[] apply(String op, double... f) {
        return SymmetryOperation.parse(op).apply(f);
    }

    @Test
    void jonesFaithfulForms() {
        double[] f = {0.1, 0.2, 0.3};
        assertArrayEquals(new double[] {0.1, 0.7, -0.3}, apply("x, y+1/2, -z", f), 1e-15);
        assertArrayEquals(new double[] {0.6, -0.2, 0.3}, apply("1/2+x,-y,z", f), 1e-15);
        assertArrayEquals(new double[] {0.1, -0.1, 0.55}, apply("-x+y, -x, z+0.25", f), 1e-15);
        assertArrayEquals(new double[] {0.2, 0.2, 0.3 + 2.0 / 3}, apply("2*x, +Y, Z+2/3", f), 1e-15);
        assertArrayEquals(new double[] {0.05, 0.2, 0.3}, apply("x/2,y,z", f), 1e-15);
        assertArrayEquals(new double[] {-0.1, 0.2, 0.8}, apply("x-y, y, 0.5+z", f), 1e-15);
        assertTrue(SymmetryOperation.parse(" x , y ,z ").isIdentity());
        assertEquals(SymmetryOperation.IDENTITY, SymmetryOperation.parse("x,y,z"));
        assertEquals("-x+y, -x, z+0.25", SymmetryOperation.parse("-x+y,-x,z+1/4").toString());
    }

    @Test
    void malformedOperatorsAreRefused() {
        for (String bad : new String[] {"x,y", "x,y,z,x", "x,y,", "x,y,q", "x,y,z+", "x,y,1/0", "x y z", "xy,y,z",
            "x,y,z*", "x,y,1e999", "x,y,NaN"}) {
            CrystalParseException e = assertThrows(CrystalParseException.class, () -> SymmetryOperation.parse(bad),
                    bad);
            assertEquals(CrystalParseException.Reason.BAD_SYMMETRY, e.reason(), bad);
        }
    }
}
