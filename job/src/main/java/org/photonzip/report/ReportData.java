package org.photonzip.report;

import java.util.List;
import java.util.Map;

/**
 * Everything an archive report shows, gathered from the archive's summary and manifest.
 *
 * @param summary     label/value rows of the summary table, in order
 * @param tiles       bits/pixel per spatial tile position (averaged over frame runs)
 * @param frameBits   bits/pixel of each frame; {@code frameKinds} names each frame's kind, or is null
 * @param residuals   residual histogram of a sample tile, or null
 * @param stages      seconds per stage, in order
 * @param quality     what the error bound changed, for bounded archives; null for lossless ones
 */
public record ReportData(
        String title,
        List<String[]> summary,
        TileGrid tiles,
        double[] frameBits,
        String[] frameKinds,
        ResidualHistogram residuals,
        Map<String, Double> stages,
        QualityData quality) {

    /**
     * Bits/pixel on a grid over the detector, {@code bpp[row][column]}: of the spatial tiles, or (with
     * {@code title}) of finer blocks ({@link BlockBits}).
     */
    public record TileGrid(double[][] bpp, int[] y0, int[] heights, int[] x0, int[] widths, String title)
            implements java.io.Serializable {
        public TileGrid(double[][] bpp, int[] y0, int[] heights, int[] x0, int[] widths) {
            this(bpp, y0, heights, x0, widths, "Bits/pixel per tile over the detector");
        }
    }
}
