package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegionTest {
    private static final int[] SHAPE = {100, 64, 80};

    @Test
    void parsesRangesWithOpenEnds() {
        assertEquals(new Region(0, 100, 0, 64, 0, 80), Region.parse(null, null, SHAPE));
        assertEquals(new Region(10, 100, 0, 64, 0, 80), Region.parse("10:", null, SHAPE));
        assertEquals(new Region(0, 5, 3, 10, 70, 80), Region.parse(":5", "3:10,70:", SHAPE));
        assertArrayEquals(
                new int[] {5, 7, 10}, Region.parse(":5", "3:10,70:", SHAPE).dims());
        assertTrue(Region.parse(null, null, SHAPE).isWhole(SHAPE));
    }

    @Test
    void rejectsEmptyOrOutsideRanges() {
        for (String[] bad : new String[][] {
            {"5:5", null},
            {"90:101", null},
            {"a:b", null},
            {null, "1:2"},
            {null, "0:65,0:10"},
            {null, "10:5,0:10"},
            {"3", null}
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Region.parse(bad[0], bad[1], SHAPE));
            assertTrue(e.getMessage().startsWith("Invalid --"), e.getMessage());
        }
    }
}
