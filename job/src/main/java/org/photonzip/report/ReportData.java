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
public record ReportData(String title, List<String[]> summary, TileGrid tiles, double[] frameBits,
                         String[] frameKinds, ResidualHistogram residuals, Map<String, Double> stages,
                         QualityData quality) {

    /** The same page with {@code histogram} as its residual histogram. */
    public ReportData withResiduals(ResidualHistogram histogram) {
        return new ReportData(title, summary, tiles, frameBits, frameKinds, histogram, stages, quality);
    }

    /** Bits/pixel on the grid of spatial tiles: {@code bpp[row][column]}. */
    public record TileGrid(double[][] bpp, int[] y0, int[] heights, int[] x0, int[] widths) {
    }
}
