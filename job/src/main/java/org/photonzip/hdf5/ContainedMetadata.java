package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.structs.H5L_info_t;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The check that keeps a restore inside its output. The restored file starts as a copy of the archive's
 * {@code metadata.h5}, which anyone who can write to the archive store can craft; the library would write samples
 * through an external link, into a dataset's external raw storage or into a virtual dataset's source files, and read
 * such storage into the result. So before anything is written every object is visited through hard links, and the
 * file is refused, naming the object, when it holds a dataset stored outside it (external raw storage, virtual),
 * a soft link whose target passes through an external link, a user-defined link, or an external link the capture
 * did not keep (compress materialises every external link it can follow and keeps, and lists, only those it cannot).
 * Nothing here follows a link out of the file.
 */
final class ContainedMetadata {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use
    private static final int MAX_DEPTH = 256;

    private ContainedMetadata() {}

    /** The file reaches out: what and how. */
    static final class OutsideReference extends IllegalArgumentException {
        OutsideReference(String message) {
            super(message);
        }
    }

    /** Throws {@link OutsideReference} naming the first object of open file {@code file} that reaches another file. */
    static void check(long file, Predicate<String> keptLink) {
        long root = H5.H5Gopen(file, "/", P);
        try {
            walk(file, root, "", keptLink, new HashSet<>(), 0);
        } finally {
            NativeHdf5.close(root);
        }
    }

    /** Throws {@link OutsideReference} unless every component of absolute {@code path} is a hard link. */
    static void requireHardPath(long file, String path) {
        StringBuilder at = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            at.append('/').append(part);
            if (!H5.H5Lexists(file, at.toString(), P)) {
                throw new OutsideReference("metadata.h5 has no " + at);
            }
            H5L_info_t link = H5.H5Lget_info(file, at.toString(), P);
            if (link.type != HDF5Constants.H5L_TYPE_HARD) {
                throw new OutsideReference("metadata.h5's " + at + " is " + kind(link.type)
                        + ", not a dataset of the file itself (a restore writes only through hard links)");
            }
        }
    }

    private static void walk(
            long file, long group, String path, Predicate<String> keptLink, Set<String> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(HexFormat.of().formatHex(H5.H5Oget_info(group).token.data))) {
            return; // a group reached again through another hard link, or a cycle
        }
        long n = H5.H5Gget_info(group).nlinks;
        for (long i = 0; i < n; i++) {
            String name =
                    H5.H5Lget_name_by_idx(group, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P);
            String child = path + "/" + name;
            H5L_info_t link = H5.H5Lget_info(group, name, P);
            if (link.type == HDF5Constants.H5L_TYPE_HARD) {
                long object = H5.H5Oopen(group, name, P);
                try {
                    int type = H5.H5Oget_info(object).type;
                    if (type == HDF5Constants.H5O_TYPE_GROUP) {
                        walk(file, object, child, keptLink, seen, depth + 1);
                    } else if (type == HDF5Constants.H5O_TYPE_DATASET) {
                        String elsewhere = StoredElsewhere.describe(object);
                        if (elsewhere != null) {
                            throw new OutsideReference(child + " is " + elsewhere);
                        }
                    }
                } finally {
                    NativeHdf5.close(object);
                }
            } else if (link.type == HDF5Constants.H5L_TYPE_SOFT) {
                String[] value = new String[1];
                H5.H5Lget_value(group, name, value, P);
                checkSoft(file, child, value[0].startsWith("/") ? value[0] : path + "/" + value[0]);
            } else if (link.type == HDF5Constants.H5L_TYPE_EXTERNAL) {
                String[] value = new String[2];
                H5.H5Lget_value(group, name, value, P);
                String described = child + " -> " + value[1] + ":" + value[0];
                if (!keptLink.test(described)) {
                    throw new OutsideReference(child + " is an external link to " + value[1] + ":" + value[0]
                            + " that compress did not keep");
                }
            } else {
                throw new OutsideReference(child + " is " + kind(link.type));
            }
        }
    }

    /** A soft link may dangle or lead to another soft link (checked in its turn), never through an external link. */
    private static void checkSoft(long file, String link, String target) {
        StringBuilder at = new StringBuilder();
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            at.append('/').append(part);
            if (!H5.H5Lexists(file, at.toString(), P)) {
                return; // dangling: it names nothing, here or elsewhere
            }
            int type = H5.H5Lget_info(file, at.toString(), P).type;
            if (type == HDF5Constants.H5L_TYPE_SOFT) {
                return;
            }
            if (type != HDF5Constants.H5L_TYPE_HARD) {
                throw new OutsideReference(link + " is a soft link to " + target + ", which passes through " + at + ", "
                        + kind(type) + " out of the file");
            }
        }
    }

    private static String kind(int linkType) {
        if (linkType == HDF5Constants.H5L_TYPE_SOFT) {
            return "a soft link";
        }
        if (linkType == HDF5Constants.H5L_TYPE_EXTERNAL) {
            return "an external link";
        }
        return "a user-defined link (type " + linkType + ")";
    }
}
