package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import java.util.List;
import java.util.Set;

/**
 * Copies attributes between objects of open HDF5 files with their stored type (byte order, string padding, fixed or
 * variable length, character set) and dataspace, byte for byte: fixed-size values travel as the file's own bytes,
 * variable-length strings as strings. What cannot be copied (variable-length sequences, references) is reported.
 */
final class NativeAttributes {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private NativeAttributes() {}

    /** Copies every attribute of {@code src} to {@code dst} but those in {@code except}; returns how many. */
    static int copy(long src, long dst, String path, Set<String> except, List<String> skipped) {
        int n = (int) H5.H5Oget_info(src).num_attrs;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            String name = H5.H5Aget_name_by_idx(src, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P);
            if (except.contains(name)) {
                continue;
            }
            long attr = -1, type = -1, space = -1, out = -1;
            try {
                attr = H5.H5Aopen_by_idx(src, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P, P);
                type = H5.H5Aget_type(attr);
                space = H5.H5Aget_space(attr);
                String reason = unsupported(type);
                if (reason != null) {
                    skipped.add(path + "@" + name + ": " + reason + " not copied");
                    continue;
                }
                out = H5.H5Acreate(dst, name, type, space, P, P);
                long points = H5.H5Sget_simple_extent_type(space) == HDF5Constants.H5S_NULL
                        ? 0
                        : H5.H5Sget_simple_extent_npoints(space);
                if (points > 0 && H5.H5Tis_variable_str(type)) {
                    String[] values = new String[(int) points];
                    H5.H5AreadVL(attr, type, values);
                    H5.H5AwriteVL(out, type, values);
                } else if (points > 0) {
                    byte[] bytes = new byte[Math.toIntExact(points * H5.H5Tget_size(type))];
                    H5.H5Aread(attr, type, bytes);
                    H5.H5Awrite(out, type, bytes);
                }
                copied++;
            } catch (HDF5Exception | ArithmeticException e) {
                skipped.add(path + "@" + name + ": " + NativeHdf5.message(e));
            } finally {
                NativeHdf5.close(out);
                NativeHdf5.close(space);
                NativeHdf5.close(type);
                NativeHdf5.close(attr);
            }
        }
        return copied;
    }

    /** Why values of {@code type} are not copied, or null when they are. */
    static String unsupported(long type) {
        if (H5.H5Tis_variable_str(type)) {
            return null;
        }
        if (H5.H5Tdetect_class(type, HDF5Constants.H5T_VLEN)) {
            return "variable-length sequence";
        }
        if (H5.H5Tdetect_class(type, HDF5Constants.H5T_REFERENCE)) {
            return "object reference";
        }
        return null;
    }

    /** Writes (or replaces) an int32 array attribute. */
    static void putInts(long object, String name, int[] values) {
        putArray(object, name, HDF5Constants.H5T_STD_I32LE, HDF5Constants.H5T_NATIVE_INT32, values, values.length);
    }

    /** Writes (or replaces) a float64 array attribute (at least one value). */
    static void putDoubles(long object, String name, double[] values) {
        putArray(object, name, HDF5Constants.H5T_IEEE_F64LE, HDF5Constants.H5T_NATIVE_DOUBLE, values, values.length);
    }

    /** A 1-D attribute of {@code fileType}, written from {@code values}, a Java array of {@code memoryType}. */
    private static void putArray(long object, String name, long fileType, long memoryType, Object values, int n) {
        if (H5.H5Aexists(object, name)) {
            H5.H5Adelete(object, name);
        }
        long space = H5.H5Screate_simple(1, new long[] {n}, null);
        long attr = -1;
        try {
            attr = H5.H5Acreate(object, name, fileType, space, P, P);
            H5.H5Awrite(attr, memoryType, values);
        } finally {
            NativeHdf5.close(attr);
            NativeHdf5.close(space);
        }
    }

    /** Writes (or replaces) a fixed-length UTF-8 string attribute. */
    static void putString(long object, String name, String value) {
        if (H5.H5Aexists(object, name)) {
            H5.H5Adelete(object, name);
        }
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long type = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        long space = -1, attr = -1;
        try {
            H5.H5Tset_size(type, Math.max(1, bytes.length));
            H5.H5Tset_cset(type, HDF5Constants.H5T_CSET_UTF8);
            space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
            attr = H5.H5Acreate(object, name, type, space, P, P);
            H5.H5Awrite(attr, type, bytes.length == 0 ? new byte[1] : bytes);
        } finally {
            NativeHdf5.close(attr);
            NativeHdf5.close(space);
            NativeHdf5.close(type);
        }
    }
}
