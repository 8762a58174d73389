package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact coverage on 10^5 tiles: the grid check finds a hole, an overlap or a non-grid tiling, and passes a grid. */
class CoverageTest {
    static final int[] SHAPE = {1000, 1000, 400};

    /** 10 x 100 x 100 = 10^5 tiles of 100 x 10 x 4. */
    private static List<TileRow> grid() {
        List<TileRow> rows = new ArrayList<>();
        for (int t = 0; t < 1000; t += 100) {
            for (int y = 0; y < 1000; y += 10) {
                for (int x = 0; x < 400; x += 4) {
                    rows.add(new TileRow("/d", t, 100, y, 10, x, 4, "p.pz", 0, 1, 0, "", 0, "classical"));
                }
            }
        }
        return rows;
    }

    private static TileRow moved(TileRow r, int t0, int y0, int x0) {
        return new TileRow(
                r.dataset(),
                t0,
                r.frames(),
                y0,
                r.height(),
                x0,
                r.width(),
                r.pack(),
                r.offset(),
                r.length(),
                r.crc32c(),
                r.pixelSha256(),
                r.bitsPerPixel(),
                r.modelId());
    }

    @Test
    void aGridOfATenthOfAMillionTilesIsExact() {
        List<TileRow> rows = grid();
        assertEquals(100_000, rows.size());
        long start = System.nanoTime();
        assertEquals(List.of(), Coverage.problems(rows, SHAPE));
        System.out.printf("coverage of %d tiles checked in %.0f ms%n", rows.size(), (System.nanoTime() - start) / 1e6);
    }

    @Test
    void aMissingTileIsAHoleAndADuplicateAnOverlap() {
        List<TileRow> rows = grid();
        TileRow gone = rows.remove(54_321);
        List<String> hole = Coverage.problems(rows, SHAPE);
        assertEquals(1, hole.size());
        assertTrue(
                hole.get(0).contains("frame " + gone.t0() + " row " + gone.y0() + " column " + gone.x0()), hole.get(0));

        rows.add(moved(gone, 0, 0, 0));
        List<String> overlap = Coverage.problems(rows, SHAPE);
        assertTrue(overlap.get(0).contains("overlaps"), overlap.get(0));
    }

    @Test
    void aTileShiftedOffTheGridIsRefusedAndOneOutsideTheStackNamed() {
        List<TileRow> rows = grid();
        TileRow r = rows.get(7);
        rows.set(7, moved(r, r.t0(), r.y0(), r.x0() + 1));
        assertTrue(
                Coverage.problems(rows, SHAPE).get(0).contains("overlaps"),
                Coverage.problems(rows, SHAPE).get(0));

        List<TileRow> outside = grid();
        outside.set(3, moved(outside.get(3), 950, 0, 0));
        assertTrue(Coverage.problems(outside, SHAPE).get(0).contains("outside the stack"));
    }

    @Test
    void tilesWhoseEdgesCutTheStackIntoTooManyCellsAreNoGrid() {
        // 2000 one-row tiles with staggered columns: their edges make ~2000 x 2000 cells for 2000 tiles.
        List<TileRow> rows = new ArrayList<>();
        for (int y = 0; y < 2000; y++) {
            int split = 1 + y;
            rows.add(new TileRow("/d", 0, 1, y, 1, 0, split, "p.pz", 0, 1, 0, "", 0, "classical"));
            rows.add(new TileRow("/d", 0, 1, y, 1, split, 2001 - split, "p.pz", 0, 1, 0, "", 0, "classical"));
        }
        List<String> p = Coverage.problems(rows, new int[] {1, 2000, 2001});
        assertTrue(p.get(0).contains("not a tile grid"), p.toString());
    }
}
