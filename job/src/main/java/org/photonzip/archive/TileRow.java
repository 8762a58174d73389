package org.photonzip.archive;

import java.io.Serializable;
import org.photonzip.codec.TileIdentity;

/**
 * One manifest row: where a tile lies in its stack and where its stream lies in the archive.
 *
 * @param dataset      the stack's dataset path (as restored)
 * @param t0           first frame
 * @param frames       frames
 * @param y0           first row
 * @param height       rows
 * @param x0           first column
 * @param width        columns
 * @param pack         pack file name, under {@code packs/}
 * @param offset       byte offset of the tile stream in the pack
 * @param length       length of the tile stream in bytes
 * @param crc32c       CRC32C of the stream's bytes (unsigned 32-bit value)
 * @param pixelSha256  SHA-256 (hex) of the original samples as uint16 little-endian bytes in t, y, x order
 * @param bitsPerPixel {@code 8 * length / samples}
 * @param modelId      the model that coded the tile
 */
public record TileRow(
        String dataset,
        int t0,
        int frames,
        int y0,
        int height,
        int x0,
        int width,
        String pack,
        long offset,
        long length,
        long crc32c,
        String pixelSha256,
        double bitsPerPixel,
        String modelId)
        implements Serializable {

    public long samples() {
        return (long) frames * height * width;
    }

    /** True when this tile overlaps frames [a, b), rows [y0, y1), columns [x0, x1). */
    public boolean overlaps(int a, int b, int ya, int yb, int xa, int xb) {
        return t0 < b && a < t0 + frames && y0 < yb && ya < y0 + height && x0 < xb && xa < x0 + width;
    }

    /** Where this tile belongs in a stack of {@code shape}, as its stream binds it (tile format 2). */
    public TileIdentity identity(int[] shape) {
        return new TileIdentity(dataset, t0, y0, x0, frames, height, width, shape[0], shape[1], shape[2]);
    }

    public String position() {
        return "tile " + frames + "x" + height + "x" + width + " at frame " + t0 + " row " + y0 + " column " + x0;
    }
}
