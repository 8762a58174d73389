package org.photonzip.source;

/**
 * Copies the nested arrays jhdf returns for a slab into a flat uint16 buffer. uint8 and uint16 arrive as
 * {@code int[][][]}, int8 as {@code byte[][][]}, int16 as {@code short[][][]}; signed values must not be negative.
 */
public final class Hdf5Samples {
    private Hdf5Samples() {}

    /** Copies {@code data} into {@code dst}; returns -1 on success, or the flat index of the first invalid value. */
    public static long copy(Object data, short[] dst) {
        if (data instanceof int[][][]) {
            return copyInts((int[][][]) data, dst);
        }
        if (data instanceof short[][][]) {
            return copyShorts((short[][][]) data, dst);
        }
        if (data instanceof byte[][][]) {
            return copyBytes((byte[][][]) data, dst);
        }
        throw new IllegalStateException(
                "Unexpected slab type from jhdf: " + data.getClass().getSimpleName());
    }

    /** The value at frame {@code t}, row {@code y}, column {@code x} of a slab, for error messages. */
    public static long valueAt(Object data, int t, int y, int x) {
        if (data instanceof int[][][]) {
            return ((int[][][]) data)[t][y][x];
        }
        if (data instanceof short[][][]) {
            return ((short[][][]) data)[t][y][x];
        }
        return ((byte[][][]) data)[t][y][x];
    }

    private static long copyInts(int[][][] data, short[] dst) {
        int out = 0;
        for (int[][] frame : data) {
            for (int[] row : frame) {
                for (int v : row) {
                    if ((v & ~0xFFFF) != 0) {
                        return out;
                    }
                    dst[out++] = (short) v;
                }
            }
        }
        return -1;
    }

    private static long copyShorts(short[][][] data, short[] dst) {
        int out = 0;
        for (short[][] frame : data) {
            for (short[] row : frame) {
                for (short v : row) {
                    if (v < 0) {
                        return out;
                    }
                    dst[out++] = v;
                }
            }
        }
        return -1;
    }

    private static long copyBytes(byte[][][] data, short[] dst) {
        int out = 0;
        for (byte[][] frame : data) {
            for (byte[] row : frame) {
                for (byte v : row) {
                    if (v < 0) {
                        return out;
                    }
                    dst[out++] = v;
                }
            }
        }
        return -1;
    }
}
