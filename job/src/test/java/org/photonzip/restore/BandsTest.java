package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.photonzip.archive.TileRow;

/** Bands start on chunk boundaries, end where no tile crosses when the budget allows, and never exceed it otherwise. */
class BandsTest {
    /** Tiles of {@code tf} frames (the last one shorter), two side by side, over {@code frames} frames of 10 x 20. */
    private static List<TileRow> tiles(int frames, int tf) {
        List<TileRow> rows = new ArrayList<>();
        for (int t = 0; t < frames; t += tf) {
            for (int x = 0; x < 20; x += 10) {
                rows.add(new TileRow("/d", t, Math.min(tf, frames - t), 0, 10, x, 10, "p", 0, 1, 0, "", 0, "c"));
            }
        }
        return rows;
    }

    private static String plan(List<TileRow> rows, Region region, int step, long budgetFrames) {
        long frameBytes = 2L * (region.y1() - region.y0()) * (region.x1() - region.x0());
        StringBuilder s = new StringBuilder();
        for (int[] b : Bands.plan(rows, region, step, 2, budgetFrames * frameBytes)) {
            s.append(b[0]).append('-').append(b[1]).append(' ');
        }
        return s.toString().trim();
    }

    @Test
    void bandsEndWhereNoTileCrossesAndMergeUpToTheBudget() {
        Region all = Region.whole(new int[] {40, 10, 20});
        assertEquals("0-8 8-16 16-24 24-32 32-40", plan(tiles(40, 8), all, 1, 8));
        assertEquals("0-16 16-32 32-40", plan(tiles(40, 8), all, 1, 20));
        assertEquals("0-40", plan(tiles(40, 8), all, 1, 1000));
    }

    @Test
    void bandsStartOnChunkBoundaries() {
        Region all = Region.whole(new int[] {40, 10, 20});
        // tiles of 8 frames, chunks of 3: cuts no tile crosses and on a chunk boundary are 24 only (and the end)
        assertEquals("0-24 24-40", plan(tiles(40, 8), all, 3, 24));
        for (int[] b : Bands.plan(tiles(40, 8), all, 3, 2, 5L * 400)) {
            assertEquals(0, b[0] % 3, "band starts on a chunk boundary");
            assertTrue(b[1] == 40 || b[1] % 3 == 0);
            assertTrue(b[1] - b[0] <= 3, "within the budget (one chunk layer at least)");
        }
    }

    @Test
    void aBudgetBelowTheTilesCutsInsideThemButNeverBelowOneChunkLayer() {
        Region all = Region.whole(new int[] {40, 10, 20});
        assertEquals(
                "0-2 2-4 4-6 6-8 8-10 10-12 12-14 14-16 16-18 18-20 20-22 22-24 24-26 26-28 28-30 30-32 "
                        + "32-34 34-36 36-38 38-40",
                plan(tiles(40, 8), all, 2, 1));
        // 5 frames fit: a band ends at a cut no tile crosses (8, 16, ...) when one lies within the budget
        assertEquals("0-5 5-8 8-13 13-16 16-21 21-24 24-29 29-32 32-37 37-40", plan(tiles(40, 8), all, 1, 5));
    }

    @Test
    void aFrameRangeIsPlannedInItsOwnCoordinates() {
        Region part = new Region(5, 29, 2, 9, 3, 17);
        // tiles end at 8, 16, 24: in the region's frames 3, 11, 19; the region ends at 24
        assertEquals("0-3 3-11 11-19 19-24", plan(tiles(40, 8), part, 1, 8));
        assertEquals("0-24", plan(tiles(40, 8), part, 1, 24));
    }

    @Test
    void bandsAreMergedUpToTheMergeSizeNotUpToTheBudget() {
        List<TileRow> rows = new ArrayList<>();
        for (int t = 0; t < 9; t++) { // one tile per 4096 x 4096 frame: 32 MiB each
            rows.add(new TileRow("/d", t, 1, 0, 4096, 0, 4096, "p", 0, 1, 0, "", 0, "c"));
        }
        StringBuilder s = new StringBuilder();
        for (int[] b : Bands.plan(rows, Region.whole(new int[] {9, 4096, 4096}), 1, 2, 1L << 30)) {
            s.append(b[0]).append('-').append(b[1]).append(' ');
        }
        assertEquals("0-2 2-4 4-6 6-8 8-9", s.toString().trim(), "64 MiB bands within a 1 GiB budget");
    }

    @Test
    void aChunkDeeperThanTheRegionGivesOneBand() {
        assertEquals("0-7", plan(tiles(7, 8), Region.whole(new int[] {7, 10, 20}), 64, 1));
    }
}
