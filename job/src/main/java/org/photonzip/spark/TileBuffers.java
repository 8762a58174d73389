package org.photonzip.spark;

import java.util.Arrays;
import java.util.List;
import org.photonzip.plan.TaskGroup;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.SampleSink;

/**
 * The sample buffers of one task's tiles, filled straight from the source: each incoming row run is split at the
 * tile columns and copied into the tiles it crosses. A tile's buffer is released once it has been encoded.
 */
final class TileBuffers implements SampleSink {
    private final TaskGroup group;
    private final List<TileRegion> tiles;
    private final short[][] samples;
    private final int[] rowStarts; // distinct tile y0, sorted
    private final int[] colStarts; // distinct tile x0, sorted
    private final int[][] tileAt; // [row index][column index] -> tile index

    TileBuffers(TaskGroup group) {
        this.group = group;
        this.tiles = group.tiles();
        this.samples = new short[tiles.size()][];
        this.rowStarts =
                tiles.stream().mapToInt(TileRegion::y0).distinct().sorted().toArray();
        this.colStarts =
                tiles.stream().mapToInt(TileRegion::x0).distinct().sorted().toArray();
        this.tileAt = new int[rowStarts.length][colStarts.length];
        for (int[] row : tileAt) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < tiles.size(); i++) {
            TileRegion t = tiles.get(i);
            tileAt[Arrays.binarySearch(rowStarts, t.y0())][Arrays.binarySearch(colStarts, t.x0())] = i;
            samples[i] = new short[Math.toIntExact(t.samples())];
        }
    }

    @Override
    public void row(int t, int y, int x, short[] src, int off, int n) {
        int r = index(rowStarts, y);
        int end = x + n;
        for (int c = index(colStarts, x); x < end; c++) {
            int tile = tileAt[r][c];
            TileRegion region = tiles.get(tile);
            int take = Math.min(end, region.x0() + region.width()) - x;
            int at = ((t - region.t0()) * region.height() + (y - region.y0())) * region.width() + (x - region.x0());
            System.arraycopy(src, off, samples[tile], at, take);
            off += take;
            x += take;
        }
    }

    private static int index(int[] starts, int v) {
        int i = Arrays.binarySearch(starts, v);
        return i >= 0 ? i : -i - 2;
    }

    List<TileRegion> tiles() {
        return tiles;
    }

    /** Hands over tile {@code i}'s samples and forgets them. */
    short[] take(int i) {
        short[] s = samples[i];
        samples[i] = null;
        return s;
    }

    TaskGroup group() {
        return group;
    }
}
