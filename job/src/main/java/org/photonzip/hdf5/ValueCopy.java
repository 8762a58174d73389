package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.util.List;
import java.util.Set;

/**
 * A copy of a dataset's values, not of its storage: for a dataset of the source stored in other files (external
 * raw storage, virtual), which {@code H5Ocopy} would copy as references to those files. The copy has the same
 * datatype (byte order included), shape and attributes, stored contiguously in the file written.
 */
final class ValueCopy {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private ValueCopy() {}

    /**
     * Copies open dataset {@code src} as {@code name} in {@code group}; returns null, or why it could not (a type of
     * variable size or holding references, or more than 2 GiB of values).
     */
    static String copy(long src, long group, String name, String path, List<String> skipped) {
        long type = H5.H5Dget_type(src);
        long space = -1, dcpl = -1, out = -1;
        try {
            int cls = H5.H5Tget_class(type);
            if (H5.H5Tdetect_class(type, HDF5Constants.H5T_VLEN)
                    || H5.H5Tis_variable_str(type)
                    || H5.H5Tdetect_class(type, HDF5Constants.H5T_REFERENCE)
                    || cls == HDF5Constants.H5T_REFERENCE) {
                return "stored in other files, with values of variable size or references, which are not copied";
            }
            space = H5.H5Dget_space(src);
            long bytes = H5.H5Sget_simple_extent_npoints(space) * H5.H5Tget_size(type);
            if (bytes > Integer.MAX_VALUE - 64) {
                return "stored in other files, " + bytes + " bytes: too large to copy as values";
            }
            byte[] values = new byte[(int) bytes];
            if (bytes > 0) {
                H5.H5Dread(src, type, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, values);
            }
            dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
            out = H5.H5Dcreate(group, name, type, space, P, dcpl, P);
            if (bytes > 0) {
                H5.H5Dwrite(out, type, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, values);
            }
            NativeAttributes.copy(src, out, path, Set.of(), skipped);
            return null;
        } finally {
            NativeHdf5.close(out);
            NativeHdf5.close(dcpl);
            NativeHdf5.close(space);
            NativeHdf5.close(type);
        }
    }
}
