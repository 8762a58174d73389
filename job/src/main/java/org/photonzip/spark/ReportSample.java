package org.photonzip.spark;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.photonzip.codec.Tile;
import org.photonzip.plan.TaskGroup;
import org.photonzip.plan.TileRegion;
import org.photonzip.report.ArchiveReport;
import org.photonzip.tiles.TileCompressor;

/**
 * The report's sample tile (the middle one in manifest order) and its figures (residual histogram, finer grid of
 * bits/pixel), computed by the task that encodes it from what the tile decodes to
 * ({@link ArchiveReport#sampleFigures}): the driver then decodes no tile for the report, which for a small scan
 * cost as much driver CPU as the executors' encode.
 */
final class ReportSample implements Serializable {
    private final int t0;
    private final int y0;
    private final int x0;
    private final CollectionAccumulator<ArchiveReport.SampleFigures> histograms;

    private ReportSample(TileRegion middle, CollectionAccumulator<ArchiveReport.SampleFigures> histograms) {
        this.t0 = middle.t0();
        this.y0 = middle.y0();
        this.x0 = middle.x0();
        this.histograms = histograms;
    }

    /** The middle tile of the manifest's order (frame run, row, column) across {@code groups}. */
    static ReportSample of(List<TaskGroup> groups, SparkContext sc) {
        List<TileRegion> tiles = groups.stream()
                .flatMap(g -> g.tiles().stream())
                .sorted(Comparator.comparingInt(TileRegion::t0)
                        .thenComparingInt(TileRegion::y0)
                        .thenComparingInt(TileRegion::x0))
                .toList();
        return new ReportSample(tiles.get(tiles.size() / 2), sc.collectionAccumulator("photonzip report sample"));
    }

    /** On the executor: when {@code r} is the sample, its figures from {@code decodesTo}, the tile's samples. */
    void offer(TileRegion r, short[] decodesTo, TileCompressor codec) {
        if (r.t0() == t0 && r.y0() == y0 && r.x0() == x0) {
            ArchiveReport.SampleFigures f = ArchiveReport.sampleFigures(
                    Tile.wrap(r.frames(), r.height(), r.width(), decodesTo), r.y0(), r.x0(), codec);
            if (f != null) {
                histograms.add(f);
            }
        }
    }

    /** On the driver, after the job: the figures, or null when there are none (a one-frame tile). */
    ArchiveReport.SampleFigures figures() {
        List<ArchiveReport.SampleFigures> all = histograms.value();
        return all.isEmpty() ? null : all.get(0);
    }
}
