package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/**
 * Reads and writes a block of frames × rows × all columns of an open 3-D dataset of 8- or 16-bit integers as
 * 16-bit samples (the tile codec's), through a memory type of the file type's size and signedness: the library
 * converts only the byte order, so every bit pattern (negative values included) round-trips exactly.
 */
final class SlabIo {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private SlabIo() {}

    /** The element size (1 or 2) and signedness of an integer dataset's type, or null when it is not one. */
    record Kind(int size, boolean signed) {
        long memoryType() {
            return size == 1
                    ? (signed ? HDF5Constants.H5T_NATIVE_INT8 : HDF5Constants.H5T_NATIVE_UINT8)
                    : signed ? HDF5Constants.H5T_NATIVE_INT16 : HDF5Constants.H5T_NATIVE_UINT16;
        }

        String dtype() {
            return (signed ? "int" : "uint") + size * 8;
        }
    }

    static Kind kind(long dataset) {
        long type = H5.H5Dget_type(dataset);
        try {
            if (H5.H5Tget_class(type) != HDF5Constants.H5T_INTEGER) {
                return null;
            }
            int size = (int) H5.H5Tget_size(type);
            return size == 1 || size == 2 ? new Kind(size, H5.H5Tget_sign(type) == HDF5Constants.H5T_SGN_2) : null;
        } finally {
            NativeHdf5.close(type);
        }
    }

    /** The dataset's shape. */
    static long[] dims(long dataset) {
        long space = H5.H5Dget_space(dataset);
        try {
            long[] dims = new long[H5.H5Sget_simple_extent_ndims(space)];
            H5.H5Sget_simple_extent_dims(space, dims, null);
            return dims;
        } finally {
            NativeHdf5.close(space);
        }
    }

    static short[] read(long dataset, Kind kind, long[] dims, int t0, int frames, int y0, int rows) {
        int n = frames * rows * (int) dims[2];
        long[] spaces = select(dataset, dims, t0, frames, y0, rows);
        try {
            short[] out = new short[n];
            if (kind.size() == 2) {
                H5.H5Dread_short(dataset, kind.memoryType(), spaces[0], spaces[1], P, out);
            } else {
                byte[] b = new byte[n];
                H5.H5Dread(dataset, kind.memoryType(), spaces[0], spaces[1], P, b);
                for (int i = 0; i < n; i++) {
                    out[i] = (short) (b[i] & 0xFF);
                }
            }
            return out;
        } finally {
            NativeHdf5.close(spaces[0]);
            NativeHdf5.close(spaces[1]);
        }
    }

    static void write(long dataset, Kind kind, long[] dims, int t0, int frames, int y0, int rows, short[] samples) {
        long[] spaces = select(dataset, dims, t0, frames, y0, rows);
        try {
            if (kind.size() == 2) {
                H5.H5Dwrite_short(dataset, kind.memoryType(), spaces[0], spaces[1], P, samples);
            } else {
                byte[] b = new byte[frames * rows * (int) dims[2]];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) samples[i];
                }
                H5.H5Dwrite(dataset, kind.memoryType(), spaces[0], spaces[1], P, b);
            }
        } finally {
            NativeHdf5.close(spaces[0]);
            NativeHdf5.close(spaces[1]);
        }
    }

    /** Memory and file dataspaces selecting frames [t0, t0 + frames) × rows [y0, y0 + rows) × all columns. */
    private static long[] select(long dataset, long[] dims, int t0, int frames, int y0, int rows) {
        long[] count = {frames, rows, dims[2]};
        long memory = H5.H5Screate_simple(3, count, null);
        long file = H5.H5Dget_space(dataset);
        H5.H5Sselect_hyperslab(file, HDF5Constants.H5S_SELECT_SET, new long[] {t0, y0, 0}, null, count, null);
        return new long[] {memory, file};
    }
}
