package org.photonzip.spark;

import java.io.IOException;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.DecodedTile;
import org.photonzip.source.SlabReader;

/**
 * Checks an error-bounded tile against its source: every restored value within its own pixel's bound (the
 * stream gives each pixel's bound, computed as the encoder did), and the largest error seen.
 */
final class BoundCheck {
    private BoundCheck() {}

    /** The first pixel over its bound, in words, or null; {@code maxError[0]} grows to the largest |error|. */
    static String compare(DecodedTile decoded, TileRow row, SlabReader source, int[] maxError) throws IOException {
        short[] restored = decoded.tile().samples();
        String[] first = new String[1];
        source.read(row.t0(), row.frames(), row.y0(), row.height(), row.x0(), row.width(), (t, y, x, src, off, n) -> {
            int at = ((t - row.t0()) * row.height() + (y - row.y0())) * row.width() + (x - row.x0());
            for (int i = 0; i < n; i++) {
                int e = Math.abs((restored[at + i] & 0xFFFF) - (src[off + i] & 0xFFFF));
                maxError[0] = Math.max(maxError[0], e);
                if (e > decoded.boundAt(at + i) && first[0] == null) {
                    first[0] = row.position() + " differs from the source by " + e + " at frame " + t + " row " + y
                            + " column "
                            + (x + i) + ", beyond its bound of " + decoded.boundAt(at + i) + " ("
                            + (restored[at + i] & 0xFFFF) + " restored, " + (src[off + i] & 0xFFFF) + " in the source)";
                }
            }
        });
        return first[0];
    }
}
