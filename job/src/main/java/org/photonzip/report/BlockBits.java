package org.photonzip.report;

import org.photonzip.codec.Tile;
import org.photonzip.codec.TileInspector;

/**
 * Bits per pixel over the detector at a finer grid than the tiles (which with today's planner span a whole
 * 512 x 512 frame, one flat block): the model's residuals of the report's sample window, per {@value #BLOCK} x
 * {@value #BLOCK} block over its frames after the first (coded with temporal context, as most are), turned into
 * bits by the entropy of a Laplace distribution of the same mean |residual| b, log2(2e·b) (0 where b ≤ 1/(2e)).
 * An estimate of what the coder spends there, from the model's own predictions: where the sample is noisy or
 * structured, not the exact code lengths.
 */
final class BlockBits {
    static final int BLOCK = 16;

    private BlockBits() {}

    /**
     * The grid of {@code window} (inspected as {@code in}), whose top-left sample lies at detector row {@code y0},
     * column {@code x0}; null when it has fewer than two frames or no whole block.
     */
    static ReportData.TileGrid of(TileInspector.Inspection in, Tile window, int y0, int x0) {
        int f = window.frames();
        int h = window.height();
        int w = window.width();
        int rows = h / BLOCK;
        int cols = w / BLOCK;
        if (f < 2 || rows == 0 || cols == 0) {
            return null;
        }
        double[][] bpp = new double[rows][cols];
        int[] r = in.residual();
        for (int t = 1; t < f; t++) {
            for (int y = 0; y < rows * BLOCK; y++) {
                for (int x = 0; x < cols * BLOCK; x++) {
                    bpp[y / BLOCK][x / BLOCK] += Math.abs(r[(t * h + y) * w + x]);
                }
            }
        }
        double n = (double) (f - 1) * BLOCK * BLOCK;
        for (double[] row : bpp) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.max(0, Math.log(2 * Math.E * row[c] / n) / Math.log(2));
            }
        }
        int[] ys = new int[rows];
        int[] hs = new int[rows];
        int[] xs = new int[cols];
        int[] ws = new int[cols];
        for (int i = 0; i < rows; i++) {
            ys[i] = y0 + i * BLOCK;
            hs[i] = BLOCK;
        }
        for (int j = 0; j < cols; j++) {
            xs[j] = x0 + j * BLOCK;
            ws[j] = BLOCK;
        }
        return new ReportData.TileGrid(
                bpp,
                ys,
                hs,
                xs,
                ws,
                String.format(
                        java.util.Locale.ROOT,
                        "≈ bits/pixel per %d × %d block (model residuals, rows %d–%d, columns %d–%d)",
                        BLOCK,
                        BLOCK,
                        y0,
                        y0 + rows * BLOCK - 1,
                        x0,
                        x0 + cols * BLOCK - 1));
    }
}
