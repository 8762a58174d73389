package org.photonzip.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TilePlannerTest {

    @Test
    void tilesCoverEverySampleExactlyOnce() {
        int[][] stacks = {{1, 1, 1}, {3000, 22, 26}, {376, 128, 835}, {91, 135, 160}, {100, 1025, 513}, {7, 3, 2000}};
        for (int[] s : stacks) {
            TileShape shape = TilePlanner.defaultShape(s[0], s[1], s[2]);
            List<TileRegion> tiles = TilePlanner.plan(s[0], s[1], s[2], shape);
            int[] hits = new int[s[0] * s[1] * s[2]];
            for (TileRegion r : tiles) {
                assertTrue(r.frames() <= shape.frames() && r.height() <= shape.height() && r.width() <= shape.width());
                for (int t = r.t0(); t < r.t0() + r.frames(); t++) {
                    for (int y = r.y0(); y < r.y0() + r.height(); y++) {
                        for (int x = r.x0(); x < r.x0() + r.width(); x++) {
                            hits[(t * s[1] + y) * s[2] + x]++;
                        }
                    }
                }
            }
            for (int h : hits) {
                assertEquals(1, h);
            }
        }
    }

    @Test
    void smallFramesGetLongFrameRunsAndLargeFramesAreSplitEvenly() {
        assertEquals(new TileShape(3000, 22, 26), TilePlanner.defaultShape(3000, 22, 26));
        assertEquals(new TileShape(64, 512, 512), TilePlanner.defaultShape(2000, 2048, 2048));
        TileShape psi = TilePlanner.defaultShape(376, 128, 835);
        assertEquals(418, psi.width(), "835 columns split into two even tiles");
        List<TileRegion> tiles = TilePlanner.plan(376, 128, 835, psi);
        int smallest = tiles.stream().mapToInt(TileRegion::frames).min().orElseThrow();
        int largest = tiles.stream().mapToInt(TileRegion::frames).max().orElseThrow();
        assertTrue(largest - smallest <= 1 + largest / 8, "frame runs balanced: " + smallest + ".." + largest);
    }

    @Test
    void rejectsEmptyStacks() {
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.defaultShape(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new TileShape(1, 0, 1));
    }
}
