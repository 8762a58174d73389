package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import java.util.List;
import java.util.Set;

/**
 * An unwritten copy of a dataset: the same datatype (byte order included), shape, chunk shape, filters, fill value
 * and attributes, with no storage allocated. It stands in {@code metadata.h5} for a dataset whose samples the
 * archive keeps elsewhere (the stack in the tile streams, flats and darks in the metadata sample stream) and costs a
 * few hundred bytes whatever its shape; the restore writes the samples into it in place.
 */
final class DatasetTwin {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private DatasetTwin() {}

    /**
     * Creates the twin of open dataset {@code src} as {@code name} in {@code group} with shape {@code dims} (null:
     * the source's; chunks are clipped to it); returns its open id. Filters this HDF5 build lacks are dropped
     * (reported in {@code skipped}).
     */
    static long create(
            long src,
            long group,
            String name,
            long[] dims,
            String path,
            Set<String> exceptAttributes,
            List<String> skipped) {
        return create(src, group, name, dims, -1, path, exceptAttributes, skipped);
    }

    /** As above, with creation properties {@code dcplOrNegative} instead of the source's when not negative. */
    static long create(
            long src,
            long group,
            String name,
            long[] dims,
            long dcplOrNegative,
            String path,
            Set<String> exceptAttributes,
            List<String> skipped) {
        long type = H5.H5Dget_type(src);
        long space = -1, dcpl = -1;
        try {
            space = dims == null ? H5.H5Dget_space(src) : H5.H5Screate_simple(dims.length, dims, null);
            dcpl = dcplOrNegative >= 0 ? H5.H5Pcopy(dcplOrNegative) : ownStorage(src);
            prepare(dcpl, dims, path, skipped);
            long twin = H5.H5Dcreate(group, name, type, space, P, dcpl, P);
            NativeAttributes.copy(src, twin, path, exceptAttributes, skipped);
            return twin;
        } finally {
            NativeHdf5.close(dcpl);
            NativeHdf5.close(space);
            NativeHdf5.close(type);
        }
    }

    /**
     * The creation properties of {@code src}, or plain contiguous ones where it is stored in other files (external
     * raw storage, virtual): a twin keeps its samples in its own file, so writing it never reaches another file.
     */
    static long ownStorage(long src) {
        long dcpl = H5.H5Dget_create_plist(src);
        if (StoredElsewhere.describeCreation(dcpl) == null) {
            return dcpl;
        }
        NativeHdf5.close(dcpl);
        return H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
    }

    /** Allocates storage only when written; clips chunks to {@code dims}; drops filters that are not available. */
    static void prepare(long dcpl, long[] dims, String path, List<String> skipped) {
        int layout = H5.H5Pget_layout(dcpl);
        if (layout == HDF5Constants.H5D_CHUNKED) {
            H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_INCR);
            if (dims != null) {
                long[] chunk = new long[dims.length];
                H5.H5Pget_chunk(dcpl, dims.length, chunk);
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = Math.max(1, Math.min(chunk[i], dims[i]));
                }
                H5.H5Pset_chunk(dcpl, dims.length, chunk);
            }
        } else if (layout == HDF5Constants.H5D_CONTIGUOUS) {
            H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_LATE);
        }
        int[] fill = new int[1];
        H5.H5Pfill_value_defined(dcpl, fill);
        if (fill[0] == HDF5Constants.H5D_FILL_VALUE_UNDEFINED) {
            H5.H5Pset_fill_time(dcpl, HDF5Constants.H5D_FILL_TIME_NEVER); // as jhdf's files: the library insists
        }
        for (int i = H5.H5Pget_nfilters(dcpl) - 1; i >= 0; i--) {
            int[] flags = new int[1];
            long[] count = {8};
            int[] values = new int[8];
            String[] filterName = new String[1];
            int[] config = new int[1];
            int id = H5.H5Pget_filter(dcpl, i, flags, count, values, 120, filterName, config);
            if (H5.H5Zfilter_avail(id) <= 0) {
                H5.H5Premove_filter(dcpl, id);
                skipped.add(path + ": filter " + id + " (" + filterName[0] + ") is not available here; restored "
                        + "without it");
            }
        }
    }
}
