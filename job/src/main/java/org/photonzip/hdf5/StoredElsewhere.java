package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/**
 * Datasets whose samples live in other files: external raw storage ({@code H5Pset_external}: raw bytes in named
 * files) and virtual datasets (mappings onto datasets of other files). A copy of such a dataset ({@code H5Ocopy},
 * or a twin made from its creation properties) keeps the references, not the values; the library then reads, and
 * writes, those other files.
 */
public final class StoredElsewhere {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private StoredElsewhere() {}

    /** Null for a dataset stored in its own file; else "stored in external raw storage (FILE, ...)" or similar. */
    public static String describe(long dataset) {
        long dcpl = H5.H5Dget_create_plist(dataset);
        try {
            return describeCreation(dcpl);
        } finally {
            NativeHdf5.close(dcpl);
        }
    }

    /** As {@link #describe}, for dataset creation properties. */
    static String describeCreation(long dcpl) {
        if (H5.H5Pget_layout(dcpl) == HDF5Constants.H5D_VIRTUAL) {
            long n = H5.H5Pget_virtual_count(dcpl);
            StringBuilder files = new StringBuilder();
            for (long i = 0; i < Math.min(n, 3); i++) {
                files.append(i == 0 ? "" : ", ")
                        .append(H5.H5Pget_virtual_filename(dcpl, i))
                        .append(':')
                        .append(H5.H5Pget_virtual_dsetname(dcpl, i));
            }
            return "a virtual dataset (layout virtual, mapping " + files + (n > 3 ? ", ..." : "") + ")";
        }
        int n = H5.H5Pget_external_count(dcpl);
        if (n > 0) {
            StringBuilder files = new StringBuilder();
            for (int i = 0; i < Math.min(n, 3); i++) {
                String[] name = new String[1];
                long[] size = new long[2];
                H5.H5Pget_external(dcpl, i, 4096, name, size);
                files.append(i == 0 ? "" : ", ").append(name[0]);
            }
            return "stored in external raw storage (" + files + (n > 3 ? ", ..." : "") + ")";
        }
        return null;
    }

    /**
     * For a compress input: "PATH is ..." for the dataset at {@code datasetPath} (following links as a reader would)
     * when it is stored in other files, else, when {@code datasetPath} is null or not such a dataset, for the first
     * such dataset reached through hard links; null when there is none, or the library cannot tell.
     */
    public static String findIn(java.nio.file.Path file, String datasetPath) {
        return findIn(file, datasetPath, false);
    }

    /** "PATH is ..." when the dataset at {@code datasetPath} is stored in other files, else null. */
    public static String at(java.nio.file.Path file, String datasetPath) {
        return findIn(file, datasetPath, true);
    }

    private static String findIn(java.nio.file.Path file, String datasetPath, boolean onlyThat) {
        if (!NativeHdf5.available()) {
            return null;
        }
        long f = -1;
        try {
            f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, P);
            if (datasetPath != null && H5.H5Lexists(f, datasetPath, P)) {
                long object = H5.H5Oopen(f, datasetPath, P);
                try {
                    if (H5.H5Oget_info(object).type == HDF5Constants.H5O_TYPE_DATASET && is(object)) {
                        return datasetPath + " is " + describe(object);
                    }
                } finally {
                    NativeHdf5.close(object);
                }
            }
            return datasetPath != null && onlyThat ? null : firstBelow(f, "/", "", new java.util.HashSet<>(), 0);
        } catch (hdf.hdf5lib.exceptions.HDF5Exception e) {
            return null;
        } finally {
            NativeHdf5.close(f);
        }
    }

    private static String firstBelow(long file, String group, String prefix, java.util.Set<String> seen, int depth) {
        long g = H5.H5Gopen(file, group, P);
        try {
            if (depth > 64 || !seen.add(java.util.HexFormat.of().formatHex(H5.H5Oget_info(g).token.data))) {
                return null;
            }
            long n = H5.H5Gget_info(g).nlinks;
            for (long i = 0; i < n; i++) {
                String name =
                        H5.H5Lget_name_by_idx(g, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P);
                if (H5.H5Lget_info(g, name, P).type != HDF5Constants.H5L_TYPE_HARD) {
                    continue;
                }
                String path = prefix + "/" + name;
                long object = H5.H5Oopen(g, name, P);
                try {
                    int type = H5.H5Oget_info(object).type;
                    String found = type == HDF5Constants.H5O_TYPE_GROUP
                            ? firstBelow(file, path, path, seen, depth + 1)
                            : type == HDF5Constants.H5O_TYPE_DATASET && is(object)
                                    ? path + " is " + describe(object)
                                    : null;
                    if (found != null) {
                        return found;
                    }
                } finally {
                    NativeHdf5.close(object);
                }
            }
            return null;
        } finally {
            NativeHdf5.close(g);
        }
    }

    /** Whether open dataset {@code dataset} keeps its samples in other files. */
    public static boolean is(long dataset) {
        return describe(dataset) != null;
    }
}
