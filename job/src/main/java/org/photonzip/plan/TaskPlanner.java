package org.photonzip.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Groups a stack's tiles into Spark tasks. A task reads one slab of the source, frames × rows × columns, and keeps
 * its samples while encoding the tiles cut from it; the slab is at most {@code maxTaskBytes} of uint16 samples
 * (unless one tile alone is larger), whatever the stack's size.
 *
 * <p>Within a run of frames, a task takes whole frames when they fit, since detectors chunk HDF5 by frame (one
 * chunk of 1 × H × W per projection): every stored byte is then read once. When whole frames do not fit, bands of
 * tile rows spanning the full width are next best (a row band of a frame chunk is a contiguous byte range when
 * the chunk is not compressed); only when a single tile row is too wide are columns split.
 */
public final class TaskPlanner {
    private TaskPlanner() {}

    public static List<TaskGroup> plan(int frames, int height, int width, TileShape shape, long maxTaskBytes) {
        if (maxTaskBytes <= 0) {
            throw new IllegalArgumentException("Invalid task memory " + maxTaskBytes + ": must be positive");
        }
        List<TileRegion> tiles = TilePlanner.plan(frames, height, width, shape);
        TreeSet<Integer> runs = new TreeSet<>();
        TreeSet<Integer> rows = new TreeSet<>();
        TreeSet<Integer> cols = new TreeSet<>();
        for (TileRegion t : tiles) {
            runs.add(t.t0());
            rows.add(t.y0());
            cols.add(t.x0());
        }
        int[] rowStarts = edges(rows, height);
        int[] colStarts = edges(cols, width);
        int[] runStarts = edges(runs, frames);
        List<TaskGroup> groups = new ArrayList<>();
        for (int r = 0; r + 1 < runStarts.length; r++) {
            int t0 = runStarts[r];
            int nt = runStarts[r + 1] - t0;
            for (int[] band : spans(rowStarts, (long) nt * width * 2, maxTaskBytes)) {
                int y0 = band[0];
                int h = band[1] - band[0];
                List<int[]> columnSpans = (long) nt * h * width * 2 <= maxTaskBytes
                        ? List.of(new int[] {0, width})
                        : spans(colStarts, (long) nt * h * 2, maxTaskBytes);
                for (int[] columns : columnSpans) {
                    List<TileRegion> inside = new ArrayList<>();
                    for (TileRegion t : tiles) {
                        if (t.t0() == t0
                                && t.y0() >= y0
                                && t.y0() < y0 + h
                                && t.x0() >= columns[0]
                                && t.x0() < columns[1]) {
                            inside.add(t);
                        }
                    }
                    groups.add(new TaskGroup(
                            groups.size(), t0, nt, y0, h, columns[0], columns[1] - columns[0], List.copyOf(inside)));
                }
            }
        }
        return groups;
    }

    /** Tile boundaries along one axis, with the axis end appended. */
    private static int[] edges(TreeSet<Integer> starts, int end) {
        int[] e = new int[starts.size() + 1];
        int i = 0;
        for (int s : starts) {
            e[i++] = s;
        }
        e[i] = end;
        return e;
    }

    /** Greedy runs of consecutive tiles along an axis, each costing at most {@code max} at {@code perUnit} bytes. */
    private static List<int[]> spans(int[] edges, long perUnit, long max) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < edges.length; i++) {
            boolean last = i == edges.length - 1;
            long next = last ? Long.MAX_VALUE : (edges[i + 1] - edges[start]) * perUnit;
            if (last || next > max) {
                spans.add(new int[] {edges[start], edges[i]});
                start = i;
            }
        }
        return spans;
    }
}
