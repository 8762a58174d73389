package org.photonzip.spark.datasource;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;

/**
 * The rows of a photonzip read: one per frame of each tile, so that a frame range, a detector row (sinogram) or a
 * region is a filter, and the samples of one row are one small image. {@code samples} holds the tile's
 * {@code height x width} values of that frame, row by row, each as 2 bytes little-endian (unsigned; for uint8 and
 * int16 stacks the values are those of the dtype).
 */
final class TileFrames {
    static final StructType SCHEMA = new StructType()
            .add("archive", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("frame", DataTypes.IntegerType, false)
            .add("y0", DataTypes.IntegerType, false)
            .add("x0", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("dtype", DataTypes.StringType, false)
            .add("samples", DataTypes.BinaryType, false);

    private TileFrames() {
    }

    /** Frame {@code frame} (of the stack) of a decoded tile. */
    static InternalRow row(String archive, String dtype, TileRow row, Tile tile, int frame) {
        int pixels = row.height() * row.width();
        short[] samples = tile.samples();
        byte[] bytes = new byte[pixels * 2];
        int from = (frame - row.t0()) * pixels;
        for (int i = 0; i < pixels; i++) {
            short v = samples[from + i];
            bytes[2 * i] = (byte) v;
            bytes[2 * i + 1] = (byte) (v >>> 8);
        }
        return new GenericInternalRow(new Object[]{UTF8String.fromString(archive),
                UTF8String.fromString(row.dataset()), frame, row.y0(), row.x0(), row.height(), row.width(),
                UTF8String.fromString(dtype), bytes});
    }
}
