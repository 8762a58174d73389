package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import hdf.hdf5lib.structs.H5L_info_t;
import hdf.hdf5lib.structs.H5O_info_t;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a local HDF5 file's external links name, as the links spell them, found by the HDF5 library without
 * following any external link: what must sit next to a staged copy of the file for {@link NativeCapture} to
 * materialise the links as it does for files on a local disk.
 */
public final class NativeLinks {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use
    private static final int MAX_DEPTH = 64;

    private NativeLinks() {}

    /** The distinct target file names of every external link in {@code file}, in the order first met. */
    public static List<String> externalTargets(Path file) {
        long f = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, P);
        long root = -1;
        try {
            root = H5.H5Gopen(f, "/", P);
            Set<String> targets = new LinkedHashSet<>();
            walk(root, targets, new java.util.HashSet<>(), 0);
            return List.copyOf(targets);
        } finally {
            NativeHdf5.close(root);
            NativeHdf5.close(f);
        }
    }

    private static void walk(long group, Set<String> targets, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(HexFormat.of().formatHex(H5.H5Oget_info(group).token.data))) {
            return; // a group reached again through another hard link, or a cycle
        }
        long n = H5.H5Gget_info(group).nlinks;
        for (long i = 0; i < n; i++) {
            try {
                visit(group, i, targets, seen, depth);
            } catch (HDF5Exception e) {
                // An unreadable link or object: the capture, which meets it too, lists it as not captured.
            }
        }
    }

    private static void visit(long group, long index, Set<String> targets, Set<String> seen, int depth) {
        String name =
                H5.H5Lget_name_by_idx(group, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, index, P);
        H5L_info_t link = H5.H5Lget_info(group, name, P);
        if (link.type == HDF5Constants.H5L_TYPE_EXTERNAL) {
            String[] value = new String[2];
            H5.H5Lget_value(group, name, value, P);
            targets.add(value[1]);
        } else if (link.type == HDF5Constants.H5L_TYPE_HARD) {
            long object = H5.H5Oopen(group, name, P);
            try {
                H5O_info_t info = H5.H5Oget_info(object);
                if (info.type == HDF5Constants.H5O_TYPE_GROUP) {
                    walk(object, targets, seen, depth + 1);
                }
            } finally {
                NativeHdf5.close(object);
            }
        }
    }
}
