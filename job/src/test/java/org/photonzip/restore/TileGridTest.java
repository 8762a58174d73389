package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.photonzip.archive.TileRow;

/** Tiles are an HDF5 dataset's chunks only on a regular grid: equal tiles, smaller only at the far edges. */
class TileGridTest {
    private static List<TileRow> columns(int... widths) {
        List<TileRow> rows = new ArrayList<>();
        int x = 0;
        for (int w : widths) {
            rows.add(new TileRow("/d", 0, 2, 0, 3, x, w, "p", 0, 1, 0, "", 0, "classical"));
            x += w;
        }
        return rows;
    }

    @Test
    void equalTilesWithASmallerLastOneFormAGrid() throws NotExportableException {
        assertArrayEquals(new int[] {2, 3, 4}, TileGrid.chunk(columns(4, 4, 2), new int[] {2, 3, 10}, "a"));
        assertArrayEquals(new int[] {2, 3, 5}, TileGrid.chunk(columns(5, 5), new int[] {2, 3, 10}, "a"));
    }

    @Test
    void aSmallerTileInsideOrALargerOneIsRefused() {
        for (List<TileRow> rows : List.of(columns(4, 2, 4), columns(4, 6), columns(2, 4, 4))) {
            NotExportableException e = assertThrows(
                    NotExportableException.class, () -> TileGrid.chunk(rows, new int[] {2, 3, 10}, "a.pz"));
            assertTrue(
                    e.getMessage().startsWith("Cannot export a.pz: the tiles do not form a regular grid"),
                    e.getMessage());
        }
    }
}
