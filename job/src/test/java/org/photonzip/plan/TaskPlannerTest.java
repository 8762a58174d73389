package org.photonzip.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskPlannerTest {

    @ParameterizedTest(name = "{0}x{1}x{2} tiles {3}x{4}x{5} budget {6}")
    @CsvSource({
        "512, 2048, 2048, 64, 512, 512, 536870912", // whole frames fit: one task per frame run
        "512, 2048, 2048, 64, 512, 512, 268435456", // bands of two tile rows
        "100, 300, 10000, 64, 256, 512, 20000000", // a tile row is too wide: columns split
        "3201, 22, 26, 4096, 512, 512, 1000000", // one long tile larger than the budget
        "37, 129, 131, 8, 32, 32, 200000"
    })
    void everyTileInExactlyOneTaskWithinBudget(int t, int h, int w, int ft, int th, int tw, long budget) {
        TileShape shape = new TileShape(ft, th, tw);
        List<TaskGroup> groups = TaskPlanner.plan(t, h, w, shape, budget);
        List<TileRegion> tiles = TilePlanner.plan(t, h, w, shape);
        Set<TileRegion> seen = new HashSet<>();
        long samples = 0;
        for (TaskGroup g : groups) {
            long tileSamples = 0;
            for (TileRegion r : g.tiles()) {
                assertTrue(seen.add(r), "tile in two tasks: " + r);
                assertTrue(
                        r.t0() >= g.t0()
                                && r.t0() + r.frames() <= g.t0() + g.frames()
                                && r.y0() >= g.y0()
                                && r.y0() + r.height() <= g.y0() + g.height()
                                && r.x0() >= g.x0()
                                && r.x0() + r.width() <= g.x0() + g.width(),
                        r + " outside " + g);
                tileSamples += r.samples();
            }
            assertEquals(g.samples(), tileSamples, "the tiles fill the task's slab exactly");
            boolean single = g.tiles().size() == 1;
            assertTrue(single || g.slabBytes() <= budget, g + " holds " + g.slabBytes() + " bytes");
            samples += g.samples();
        }
        assertEquals(new HashSet<>(tiles), seen);
        assertEquals((long) t * h * w, samples);
        for (int i = 0; i < groups.size(); i++) {
            assertEquals(i, groups.get(i).index());
        }
    }

    @Test
    void takesWholeFramesWhenTheyFit() {
        List<TaskGroup> groups = TaskPlanner.plan(512, 2048, 2048, new TileShape(64, 512, 512), 512L << 20);
        assertEquals(8, groups.size());
        for (TaskGroup g : groups) {
            assertEquals(2048, g.height());
            assertEquals(2048, g.width());
            assertEquals(16, g.tiles().size());
        }
    }

    @Test
    void bandsSpanTheFullWidthBeforeColumnsAreSplit() {
        List<TaskGroup> groups = TaskPlanner.plan(512, 2048, 2048, new TileShape(64, 512, 512), 300L << 20);
        assertEquals(16, groups.size());
        assertTrue(groups.stream().allMatch(g -> g.width() == 2048 && g.height() == 1024));
        List<TaskGroup> narrow = TaskPlanner.plan(64, 2048, 2048, new TileShape(64, 512, 512), 40L << 20);
        assertTrue(narrow.stream().allMatch(g -> g.height() == 512 && g.width() == 512), narrow.toString());
    }

    @Test
    void rejectsANonPositiveBudget() {
        assertThrows(IllegalArgumentException.class, () -> TaskPlanner.plan(10, 10, 10, new TileShape(5, 5, 5), 0));
    }
}
