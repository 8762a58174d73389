package org.photonzip.restore;

import java.util.List;
import org.photonzip.archive.TileRow;

/**
 * The archive's tiles as the chunks of an HDF5 dataset: equal tiles of the chunk's shape laid on a regular grid
 * from the stack's origin, smaller only where they meet the stack's far edges. The manifest's coverage of the stack
 * (exactly once) was checked when the archive was opened; this adds that every tile is one cell of that grid.
 */
final class TileGrid {
    private TileGrid() {}

    /**
     * The chunk shape (frames, height, width) of the grid the rows form in a stack of {@code shape}.
     *
     * @throws NotExportableException when a tile is not one cell of a regular grid
     */
    static int[] chunk(List<TileRow> rows, int[] shape, String archive) throws NotExportableException {
        TileRow first = null;
        for (TileRow r : rows) {
            if (r.t0() == 0 && r.y0() == 0 && r.x0() == 0) {
                first = r;
            }
        }
        if (first == null) {
            throw new NotExportableException(archive, "no tile starts at the stack's origin");
        }
        int[] c = {first.frames(), first.height(), first.width()};
        for (TileRow r : rows) {
            int[] origin = {r.t0(), r.y0(), r.x0()};
            int[] size = {r.frames(), r.height(), r.width()};
            for (int i = 0; i < 3; i++) {
                if (origin[i] % c[i] != 0 || size[i] != Math.min(c[i], shape[i] - origin[i])) {
                    throw new NotExportableException(
                            archive,
                            "the tiles do not form a regular grid of " + c[0] + "x" + c[1] + "x" + c[2] + " chunks ("
                                    + r.position() + "); decompress restores it");
                }
            }
        }
        return c;
    }
}
