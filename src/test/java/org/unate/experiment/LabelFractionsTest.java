package org.unate.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelFractionsTest {
    final List<String> train = SplitTest.ids(101);

    @Test
    void subsetsAreNestedForOneSeed() {
        for (long seed : new long[] {0, 1, 123}) {
            List<String> q = LabelFractions.subset(train, 0.25, seed);
            List<String> h = LabelFractions.subset(train, 0.5, seed);
            List<String> all = LabelFractions.subset(train, 1.0, seed);
            assertTrue(new HashSet<>(h).containsAll(q), "25 % inside 50 %");
            assertTrue(new HashSet<>(all).containsAll(h), "50 % inside 100 %");
            assertEquals(new HashSet<>(train), new HashSet<>(all));
            assertEquals(q, h.subList(0, q.size()), "a prefix of one permutation");
        }
    }

    @Test
    void sizesRoundHalfUpWithAtLeastOne() {
        assertEquals(3, LabelFractions.size(10, 0.25)); // 2.5 -> 3
        assertEquals(25, LabelFractions.size(101, 0.25)); // 25.25 -> 25
        assertEquals(51, LabelFractions.size(101, 0.5)); // 50.5 -> 51
        assertEquals(1, LabelFractions.size(10, 0.01));
        assertEquals(10, LabelFractions.size(10, 1.0));
        assertEquals(25, LabelFractions.subset(train, 0.25, 4).size());
    }

    @Test
    void deterministicAndIndependentOfInputOrder() {
        List<String> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(99));
        assertEquals(LabelFractions.subset(train, 0.3, 8), LabelFractions.subset(train, 0.3, 8));
        assertEquals(LabelFractions.subset(train, 0.3, 8), LabelFractions.subset(shuffled, 0.3, 8));
        assertNotEquals(LabelFractions.subset(train, 0.3, 8), LabelFractions.subset(train, 0.3, 9));
    }

    @Test
    void badFractionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelFractions.subset(train, 0.0, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelFractions.subset(train, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelFractions.subset(train, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelFractions.subset(List.of(), 0.5, 1));
    }
}
