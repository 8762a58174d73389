package org.photonzip.restore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;

/**
 * Decodes the tiles that overlap one band of the region on the workers and copies each, once it has passed every
 * check ({@link ArchiveReader#decodeTile}), into the band's samples (t, y, x order). The manifest's rows cover the
 * stack exactly once (checked at open), so the tiles fill the band completely and never overlap.
 */
final class BandFill {
    private final ArchiveReader archive;
    private final Region region;
    private final RestoreTimes times;

    BandFill(ArchiveReader archive, Region region, RestoreTimes times) {
        this.archive = archive;
        this.region = region;
        this.times = times;
    }

    /** Fills {@code band} with frames [a, b) of the region (its coordinates) from the {@code rows} overlapping them. */
    void fill(List<TileRow> rows, int a, int b, short[] band, Workers workers) throws IOException {
        int t0 = region.t0() + a, t1 = region.t0() + b;
        List<Workers.Task> tasks = new ArrayList<>();
        for (TileRow row : rows) {
            if (row.t0() < t1 && t0 < row.t0() + row.frames()) {
                tasks.add(() -> {
                    long start = RestoreTimes.now();
                    copy(row, archive.decodeTile(row), t0, t1, band);
                    times.decodedSince(start);
                });
            }
        }
        workers.all(tasks);
    }

    private void copy(TileRow row, Tile tile, int t0, int t1, short[] band) {
        short[] s = tile.samples();
        int h = region.y1() - region.y0(), w = region.x1() - region.x0();
        int ta = Math.max(row.t0(), t0), tb = Math.min(row.t0() + row.frames(), t1);
        int ya = Math.max(row.y0(), region.y0()), yb = Math.min(row.y0() + row.height(), region.y1());
        int xa = Math.max(row.x0(), region.x0()), xb = Math.min(row.x0() + row.width(), region.x1());
        for (int t = ta; t < tb; t++) {
            for (int y = ya; y < yb; y++) {
                int src = ((t - row.t0()) * row.height() + (y - row.y0())) * row.width() + (xa - row.x0());
                int dst = ((t - t0) * h + (y - region.y0())) * w + (xa - region.x0());
                System.arraycopy(s, src, band, dst, xb - xa);
            }
        }
    }
}
