package org.photonzip.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Where a tile belongs: its dataset, its first frame, row and column in the stack, its shape, and the stack's
 * shape. A version-2 tile stream records it, and a decoder given the identity it expects refuses a stream
 * written for any other place before it allocates anything.
 *
 * @throws IllegalArgumentException on construction, if a size is not positive, an origin is negative, the tile
 *     does not lie within the stack, or it holds more than {@link Tile#MAX_SAMPLES} samples
 */
public record TileIdentity(
        String dataset,
        int t0,
        int y0,
        int x0,
        int frames,
        int height,
        int width,
        int stackFrames,
        int stackHeight,
        int stackWidth) {
    public TileIdentity {
        Objects.requireNonNull(dataset, "dataset");
        if (stackFrames <= 0 || stackHeight <= 0 || stackWidth <= 0) {
            throw new IllegalArgumentException(
                    "Invalid tile identity: stack " + stackFrames + "x" + stackHeight + "x" + stackWidth + " is empty");
        }
        Tile.checkedSize(frames, height, width);
        if (t0 < 0
                || y0 < 0
                || x0 < 0
                || (long) t0 + frames > stackFrames
                || (long) y0 + height > stackHeight
                || (long) x0 + width > stackWidth) {
            throw new IllegalArgumentException("Invalid tile identity: " + frames + "x" + height + "x" + width
                    + " at (" + t0 + ", " + y0 + ", " + x0 + ") does not lie within the stack " + stackFrames + "x"
                    + stackHeight + "x" + stackWidth);
        }
    }

    /**
     * The identity of a tile that stands alone (benchmarks, tests, the identity-free encode overloads): dataset
     * {@code ""}, origin 0, 0, 0, and the stack is the tile itself.
     */
    public static TileIdentity standalone(int frames, int height, int width) {
        return new TileIdentity("", 0, 0, 0, frames, height, width, frames, height, width);
    }

    public static TileIdentity standalone(Tile tile) {
        return standalone(tile.frames(), tile.height(), tile.width());
    }

    /** Number of samples of the tile. */
    public long samples() {
        return (long) frames * height * width;
    }

    /** What the stream stores for the dataset: the CRC32C of its path in UTF-8. */
    public int datasetTag() {
        return tagOf(dataset);
    }

    public static int tagOf(String dataset) {
        CRC32C crc = new CRC32C();
        crc.update(dataset.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /** True when {@code tile} has this identity's shape. */
    public boolean hasShapeOf(Tile tile) {
        return tile.frames() == frames && tile.height() == height && tile.width() == width;
    }
}
