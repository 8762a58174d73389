package org.photonzip.spark;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.photonzip.archive.TileRow;
import org.photonzip.plan.TaskGroup;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.StackDescriptor;

/** What the driver makes of the tiles its tasks returned: their exact coverage of the plan, bits per frame. */
final class ReturnedTiles {
    private ReturnedTiles() {}

    /** Bits per pixel of every frame, from each tile's per-frame bits (each tile counted once). */
    static double[] frameBitsPerPixel(StackDescriptor stack, List<FrameBits> tiles) {
        double[] bits = new double[stack.frames()];
        Set<String> seen = new HashSet<>();
        for (FrameBits f : tiles) {
            if (seen.add(f.t0() + "/" + f.y0() + "/" + f.x0())) {
                for (int k = 0; k < f.bits().length; k++) {
                    bits[f.t0() + k] += f.bits()[k];
                }
            }
        }
        double plane = (double) stack.height() * stack.width();
        for (int t = 0; t < bits.length; t++) {
            bits[t] /= plane;
        }
        return bits;
    }

    /** Every planned tile came back exactly once (what Spark returns is the successful attempts' rows). */
    static void checkCoverage(List<TaskGroup> groups, List<TileRow> rows, StackDescriptor stack) {
        Set<String> planned = new HashSet<>();
        for (TaskGroup g : groups) {
            for (TileRegion t : g.tiles()) {
                planned.add(key(t.t0(), t.y0(), t.x0(), t.frames(), t.height(), t.width()));
            }
        }
        Set<String> seen = new HashSet<>();
        for (TileRow r : rows) {
            String k = key(r.t0(), r.y0(), r.x0(), r.frames(), r.height(), r.width());
            if (!planned.contains(k) || !seen.add(k)) {
                throw new IllegalStateException("Cannot commit " + stack.description() + ": " + r.position()
                        + (seen.contains(k) ? " came back twice" : " was not planned"));
            }
        }
        if (seen.size() != planned.size()) {
            throw new IllegalStateException("Cannot commit " + stack.description() + ": "
                    + (planned.size() - seen.size()) + " planned tiles did not come back");
        }
    }

    private static String key(int t, int y, int x, int f, int h, int w) {
        return t + "/" + y + "/" + x + "/" + f + "/" + h + "/" + w;
    }
}
