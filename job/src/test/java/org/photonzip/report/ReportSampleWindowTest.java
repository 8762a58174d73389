package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.Tile;

class ReportSampleWindowTest {
    @Test
    void centredWindowOfTheFirstFramesHoldsTheTilesOwnValues() {
        Tile tile = Tile.allocate(20, 300, 401);
        for (int t = 0; t < 20; t++) {
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 401; x++) {
                    tile.set(t, y, x, (t * 7919 + y * 401 + x) & 0xFFFF);
                }
            }
        }
        Tile w = ArchiveReport.window(tile, 16, 256);
        assertEquals("16x256x256", w.frames() + "x" + w.height() + "x" + w.width());
        int y0 = (300 - 256) / 2;
        int x0 = (401 - 256) / 2;
        for (int t = 0; t < 16; t++) {
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    assertEquals(tile.get(t, y + y0, x + x0), w.get(t, y, x), t + "," + y + "," + x);
                }
            }
        }
    }

    @Test
    void aSmallTileIsUsedWhole() {
        Tile tile = Tile.allocate(8, 64, 64);
        assertSame(tile, ArchiveReport.window(tile, 16, 256));
    }
}
