package org.photonzip.restore;

import java.util.ArrayList;
import java.util.List;
import org.photonzip.archive.TileRow;
import org.photonzip.archive.UnsupportedArchiveException;

/**
 * Cuts the restored frames into bands, each held in memory whole while its chunks are written. A band starts on a
 * chunk boundary along the frame axis of every stack dataset ({@code step} frames), so every chunk is written once,
 * whole; it ends where no tile crosses when it can, so each tile is decoded once; and it holds at most
 * {@code budgetBytes}. Only when the tiles crossing a cut span more than the budget is a band cut inside them (those
 * tiles are then decoded once per band they touch: slower, never more memory). Small bands are merged up to
 * {@link #MERGE_BYTES}, not more, so that memory follows the tiles rather than the budget.
 */
final class Bands {
    /** Bands are merged up to this size only: enough tiles to keep every thread busy, far less than the budget. */
    static final long MERGE_BYTES = 64L << 20;

    private Bands() {}

    /** Bands {@code [a, b)} of restored frames (region coordinates) for the tiles {@code rows} overlapping it. */
    static List<int[]> plan(List<TileRow> rows, Region region, int step, int elementSize, long budgetBytes) {
        int frames = region.t1() - region.t0();
        long frameSamples = (long) (region.y1() - region.y0()) * (region.x1() - region.x0());
        step = Math.max(1, Math.min(step, frames));
        if (step * frameSamples > Integer.MAX_VALUE - 16) {
            throw new UnsupportedArchiveException("Cannot restore " + step + " frame(s) of " + frameSamples
                    + " samples in one band (more than 2^31 samples per chunk layer)");
        }
        long maxSamples = Math.min(budgetBytes / elementSize, Integer.MAX_VALUE - 16);
        int maxFrames = (int) Math.max(step, maxSamples / frameSamples / step * step);
        int mergeFrames = (int) Math.max(step, Math.min(maxFrames, MERGE_BYTES / elementSize / frameSamples));
        boolean[] crossed = crossed(rows, region, frames);
        List<int[]> bands = new ArrayList<>();
        int start = 0;
        int clean = 0; // the last cut after start that no tile crosses (0: none yet)
        for (int prev = 0, q = step; ; prev = q, q = Math.min(q + step, frames)) {
            if (q - start > maxFrames) {
                int end = clean > start ? clean : prev;
                bands.add(new int[] {start, end});
                start = end;
            }
            if (q == frames) {
                bands.add(new int[] {start, frames});
                return bands;
            }
            if (!crossed[q]) {
                clean = q;
                if (q - start >= mergeFrames) { // big enough: memory stays near one tile row, not the budget
                    bands.add(new int[] {start, q});
                    start = q;
                }
            }
        }
    }

    /** crossed[p]: some tile holds both frame p - 1 and frame p (region coordinates). */
    private static boolean[] crossed(List<TileRow> rows, Region region, int frames) {
        int[] diff = new int[frames + 2];
        for (TileRow r : rows) {
            int a = Math.max(r.t0(), region.t0()) - region.t0();
            int b = Math.min(r.t0() + r.frames(), region.t1()) - region.t0();
            if (b - a >= 2) {
                diff[a + 1]++;
                diff[b]--;
            }
        }
        boolean[] crossed = new boolean[frames + 1];
        int open = 0;
        for (int p = 0; p <= frames; p++) {
            open += diff[p];
            crossed[p] = open > 0;
        }
        return crossed;
    }
}
