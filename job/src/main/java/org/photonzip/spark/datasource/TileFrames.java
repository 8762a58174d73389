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
 * int16 stacks the values are those of the dtype). With the option {@code roi=}, rows are cut to the region: their
 * {@code y0}, {@code x0}, {@code height} and {@code width} are those of the cut.
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

    private TileFrames() {}

    /**
     * Frame {@code frame} (of the stack) of a tile, as the columns of {@code schema} (a pruned {@link #SCHEMA}), the
     * tile cut to {@code crop} (y0, y1, x0, x1 in stack pixels; the whole tile where it lies inside). {@code tile}
     * is null only when {@code schema} has no {@code samples}: then nothing was decoded.
     */
    static InternalRow row(
            StructType schema, String archive, String dtype, TileRow row, Tile tile, int frame, int[] crop) {
        int y0 = Math.max(row.y0(), crop[0]);
        int y1 = Math.min(row.y0() + row.height(), crop[1]);
        int x0 = Math.max(row.x0(), crop[2]);
        int x1 = Math.min(row.x0() + row.width(), crop[3]);
        Object[] values = new Object[schema.size()];
        for (int c = 0; c < values.length; c++) {
            values[c] = switch (schema.fields()[c].name()) {
                case "archive" -> UTF8String.fromString(archive);
                case "dataset" -> UTF8String.fromString(row.dataset());
                case "frame" -> frame;
                case "y0" -> y0;
                case "x0" -> x0;
                case "height" -> y1 - y0;
                case "width" -> x1 - x0;
                case "dtype" -> UTF8String.fromString(dtype);
                case "samples" -> samples(row, tile, frame, y0, y1, x0, x1);
                default -> throw new IllegalStateException("no column " + schema.fields()[c].name());
            };
        }
        return new GenericInternalRow(values);
    }

    /** The samples of rows {@code [y0, y1)} and columns {@code [x0, x1)} of one frame, 2 bytes little-endian each. */
    private static byte[] samples(TileRow row, Tile tile, int frame, int y0, int y1, int x0, int x1) {
        short[] samples = tile.samples();
        int width = x1 - x0;
        byte[] bytes = new byte[(y1 - y0) * width * 2];
        int i = 0;
        for (int y = y0; y < y1; y++) {
            int from = ((frame - row.t0()) * row.height() + (y - row.y0())) * row.width() + (x0 - row.x0());
            for (int x = 0; x < width; x++) {
                short v = samples[from + x];
                bytes[i++] = (byte) v;
                bytes[i++] = (byte) (v >>> 8);
            }
        }
        return bytes;
    }
}
