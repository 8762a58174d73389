package org.photonzip.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Checks that tiles cover a stack exactly once: every sample in exactly one tile. The tiles' edges cut each axis
 * into segments; the segments form a grid of cells and every tile is a box of whole cells, so marking each
 * tile's cells finds an overlap (a cell marked twice) or a hole (a cell never marked) exactly, in time
 * proportional to the cells, which for the grids photonzip writes is the number of tiles. A tiling whose cells
 * outnumber its tiles by more than {@link #MAX_CELLS_PER_TILE} is no grid photonzip writes and is refused.
 */
public final class Coverage {
    static final int MAX_CELLS_PER_TILE = 16;

    private Coverage() {}

    /** What is wrong with the tiling of {@code rows} over {@code shape}; empty when it is exact. */
    public static List<String> problems(List<TileRow> rows, int[] shape) {
        List<String> problems = new ArrayList<>();
        for (TileRow r : rows) {
            if (!within(r, shape)) {
                problems.add(r.position() + " lies outside the stack " + shape[0] + "x" + shape[1] + "x" + shape[2]);
                return problems;
            }
        }
        int[] ts = edges(rows, shape[0], TileRow::t0, r -> r.t0() + r.frames());
        int[] ys = edges(rows, shape[1], TileRow::y0, r -> r.y0() + r.height());
        int[] xs = edges(rows, shape[2], TileRow::x0, r -> r.x0() + r.width());
        long cells = (long) (ts.length - 1) * (ys.length - 1) * (xs.length - 1);
        if (cells > (long) MAX_CELLS_PER_TILE * rows.size() + 4096) {
            problems.add("the tiles' edges cut the stack into " + cells + " cells for " + rows.size()
                    + " tiles: not a tile grid");
            return problems;
        }
        int ny = ys.length - 1;
        int nx = xs.length - 1;
        int[] owner = new int[(int) cells];
        for (int i = 0; i < rows.size(); i++) {
            TileRow r = rows.get(i);
            int ta = index(ts, r.t0()), tb = index(ts, r.t0() + r.frames());
            int ya = index(ys, r.y0()), yb = index(ys, r.y0() + r.height());
            int xa = index(xs, r.x0()), xb = index(xs, r.x0() + r.width());
            for (int t = ta; t < tb; t++) {
                for (int y = ya; y < yb; y++) {
                    for (int x = xa; x < xb; x++) {
                        int c = (t * ny + y) * nx + x;
                        if (owner[c] != 0) {
                            problems.add(r.position() + " overlaps "
                                    + rows.get(owner[c] - 1).position());
                            return problems;
                        }
                        owner[c] = i + 1;
                    }
                }
            }
        }
        for (int c = 0; c < owner.length; c++) {
            if (owner[c] == 0) {
                int x = c % nx, y = (c / nx) % ny, t = c / nx / ny;
                problems.add("no tile covers frame " + ts[t] + " row " + ys[y] + " column " + xs[x]);
                return problems;
            }
        }
        return problems;
    }

    static boolean within(TileRow r, int[] shape) {
        return r.t0() >= 0
                && r.y0() >= 0
                && r.x0() >= 0
                && r.frames() > 0
                && r.height() > 0
                && r.width() > 0
                && (long) r.t0() + r.frames() <= shape[0]
                && (long) r.y0() + r.height() <= shape[1]
                && (long) r.x0() + r.width() <= shape[2];
    }

    private static int[] edges(List<TileRow> rows, int size, ToIntFunction<TileRow> start, ToIntFunction<TileRow> end) {
        int[] e = new int[2 * rows.size() + 2];
        int n = 0;
        e[n++] = 0;
        e[n++] = size;
        for (TileRow r : rows) {
            e[n++] = start.applyAsInt(r);
            e[n++] = end.applyAsInt(r);
        }
        return Arrays.stream(e, 0, n).sorted().distinct().toArray();
    }

    private static int index(int[] edges, int v) {
        return Arrays.binarySearch(edges, v);
    }
}
