package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileInspector;
import org.photonzip.tiles.TileCompressor;

/**
 * Issue 18, "the per-tile heatmap is one flat block with default tiles": a tile spanning the frame is drawn at
 * 16 x 16 blocks from the model's residuals, which tell a noisy region from a smooth one, placed on the detector.
 */
class BlockBitsTest {
    @Test
    void aNoisyHalfCostsMoreBitsThanASmoothOne() {
        int f = 4, h = 32, w = 64;
        short[] s = new short[f * h * w];
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < f; t++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    s[(t * h + y) * w + x] = (short) (2000 + (x < w / 2 ? r.nextInt(4000) : r.nextInt(4)));
                }
            }
        }
        Tile tile = Tile.wrap(f, h, w, s);
        TileInspector.Inspection in = TileCompressor.classical().inspect(tile);
        ReportData.TileGrid g = BlockBits.of(in, tile, 100, 200);
        assertNotNull(g);
        assertEquals(2, g.bpp().length);
        assertEquals(4, g.bpp()[0].length);
        assertEquals(100, g.y0()[0]);
        assertEquals(216, g.x0()[1]);
        for (double[] row : g.bpp()) {
            assertTrue(row[0] > row[3] + 5, row[0] + " bits where noisy against " + row[3] + " where smooth");
        }
        assertTrue(g.title().contains("16 × 16 block"), g.title());
        // One flat block renders with a bar of some length (it once printed 22 identical labels).
        assertTrue(Charts.tileHeatMap(
                                new double[][] {{10.12647}}, new int[] {0}, new int[] {512}, new int[] {0}, new int[] {
                                    512
                                })
                        .length
                > 0);
        assertEquals("10.13", QualityCharts.fixed(10.0, 10.2).format(10.12647));
    }
}
