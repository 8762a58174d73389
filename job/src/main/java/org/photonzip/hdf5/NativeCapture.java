package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import hdf.hdf5lib.structs.H5L_info_t;
import hdf.hdf5lib.structs.H5O_info_t;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Captures a local HDF5 file into {@code metadata.h5} with the HDF5 library: every group, dataset, attribute and
 * named datatype exactly as stored (types, chunking, filters, attribute types), soft links kept as soft links,
 * objects reached through several hard or external links stored once and linked again, external links
 * materialised. The stack, and each dataset a {@link SampleSink} takes, becomes a {@link DatasetTwin}: its
 * samples are kept elsewhere in the archive.
 */
public final class NativeCapture {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use
    private static final int MAX_DEPTH = 64;

    /** Takes integer datasets whose samples the archive codes itself instead of storing them in metadata.h5. */
    public interface SampleSink {
        /** Whether {@code dataset} (open) is coded; if so its twin is written and {@link #code} called. */
        boolean accepts(long dataset, String path);

        void code(long dataset, String path);
    }

    private final long stackObject;
    private final String stackKey;
    private final String marker;
    private final long maxDatasetBytes;
    private final SampleSink sink;
    private final Map<String, String> firstPath = new HashMap<>();
    private final List<String> skipped = new ArrayList<>();
    private long outFile;
    private int groups;
    private int datasets;
    private int attributes;

    private NativeCapture(long stackObject, String stackKey, String marker, long maxDatasetBytes, SampleSink sink) {
        this.stackObject = stackObject;
        this.stackKey = stackKey;
        this.marker = marker;
        this.maxDatasetBytes = maxDatasetBytes;
        this.sink = sink;
    }

    /**
     * Writes {@code out} from {@code source}, whose stack is at {@code stackPath} (links followed). The stack's
     * twin carries the attribute {@code marker} holding the path it was captured at.
     */
    public static Hdf5TreeCopy.Report capture(
            Path source, String stackPath, Path out, String marker, long maxDatasetBytes, SampleSink sink) {
        NativeHdf5.load();
        long fapl = H5.H5Pcreate(HDF5Constants.H5P_FILE_ACCESS);
        long src = -1, stack = -1, root = -1, outRoot = -1;
        NativeCapture c = null;
        try {
            H5.H5Pset_elink_file_cache_size(fapl, 32); // keeps linked files open, so object identities stay stable
            src = H5.H5Fopen(source.toString(), HDF5Constants.H5F_ACC_RDONLY, fapl);
            stack = H5.H5Oopen(src, stackPath, P);
            c = new NativeCapture(stack, key(stack), marker, maxDatasetBytes, sink);
            c.outFile = H5.H5Fcreate(out.toString(), HDF5Constants.H5F_ACC_TRUNC, P, P);
            root = H5.H5Gopen(src, "/", P);
            outRoot = H5.H5Gopen(c.outFile, "/", P);
            c.firstPath.put(key(root), "/");
            c.attributes += NativeAttributes.copy(root, outRoot, "/", Set.of(), c.skipped);
            c.walk(root, outRoot, "", 0);
            if (!c.firstPath.containsKey(c.stackKey)) {
                String why = c.skipped.stream()
                        .filter(m -> m.startsWith(stackPath + ": "))
                        .findFirst()
                        .orElse(stackPath + ": not reached from the root");
                throw new IllegalStateException("Cannot capture " + source + ": " + why);
            }
            return new Hdf5TreeCopy.Report(c.groups, c.datasets, c.attributes, List.copyOf(c.skipped));
        } finally {
            NativeHdf5.close(outRoot);
            NativeHdf5.close(root);
            NativeHdf5.close(stack);
            if (c != null) {
                NativeHdf5.close(c.outFile);
            }
            NativeHdf5.close(src);
            NativeHdf5.close(fapl);
        }
    }

    private void walk(long group, long out, String path, int depth) {
        long n = H5.H5Gget_info(group).nlinks;
        for (long i = 0; i < n; i++) {
            String name =
                    H5.H5Lget_name_by_idx(group, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P);
            String child = path + "/" + name;
            H5L_info_t link = H5.H5Lget_info(group, name, P);
            if (link.type == HDF5Constants.H5L_TYPE_SOFT) {
                String[] value = new String[1];
                H5.H5Lget_value(group, name, value, P);
                H5.H5Lcreate_soft(value[0], out, name, P, P);
                continue;
            }
            if (link.type != HDF5Constants.H5L_TYPE_HARD && link.type != HDF5Constants.H5L_TYPE_EXTERNAL) {
                skipped.add(child + ": user-defined link (type " + link.type + ") not copied");
                continue;
            }
            long object;
            try {
                object = H5.H5Oopen(group, name, P);
            } catch (HDF5Exception e) {
                String kept = "";
                if (link.type == HDF5Constants.H5L_TYPE_EXTERNAL) {
                    // Kept as the same dangling link, so that readers see the source's names.
                    String[] value = new String[2];
                    H5.H5Lget_value(group, name, value, P);
                    H5.H5Lcreate_external(value[1], value[0], out, name, P, P);
                    kept = "; kept as that link";
                }
                skipped.add(child + ": " + describe(group, name, link) + " cannot be followed (" + NativeHdf5.message(e)
                        + ")" + kept);
                continue;
            }
            try {
                copyObject(object, out, name, child, depth);
            } catch (HDF5Exception | ArithmeticException e) {
                skipped.add(child + ": " + NativeHdf5.message(e));
            } finally {
                NativeHdf5.close(object);
            }
        }
    }

    private void copyObject(long object, long out, String name, String path, int depth) {
        String key = key(object);
        String first = firstPath.get(key);
        if (first != null) {
            H5.H5Lcreate_hard(outFile, first, out, name, P, P); // a second name of one object, as in the source
            return;
        }
        H5O_info_t info = H5.H5Oget_info(object);
        if (info.type == HDF5Constants.H5O_TYPE_GROUP) {
            if (depth >= MAX_DEPTH) {
                skipped.add(path + ": deeper than " + MAX_DEPTH + " groups");
                return;
            }
            firstPath.put(key, path);
            long child = H5.H5Gcreate(out, name, P, P, P);
            try {
                groups++;
                attributes += NativeAttributes.copy(object, child, path, Set.of(), skipped);
                walk(object, child, path, depth + 1);
            } finally {
                NativeHdf5.close(child);
            }
        } else if (info.type == HDF5Constants.H5O_TYPE_DATASET) {
            copyDataset(object, out, name, path, key);
        } else {
            H5.H5Ocopy(object, ".", out, name, P, P);
            firstPath.put(key, path);
        }
    }

    private void copyDataset(long dataset, long out, String name, String path, String key) {
        if (key.equals(stackKey)) {
            long twin = DatasetTwin.create(dataset, out, name, null, path, Set.of(), skipped);
            try {
                NativeAttributes.putString(twin, marker, path);
            } finally {
                NativeHdf5.close(twin);
            }
            firstPath.put(key, path);
            return;
        }
        boolean elsewhere = StoredElsewhere.is(dataset);
        long bytes = elsewhere ? valueBytes(dataset) : H5.H5Dget_storage_size(dataset);
        if (bytes > maxDatasetBytes) {
            skipped.add(path + ": " + bytes + " bytes, above the " + maxDatasetBytes + "-byte limit for datasets "
                    + "other than the stack");
            return;
        }
        if (sink != null && sink.accepts(dataset, path)) {
            NativeHdf5.close(DatasetTwin.create(dataset, out, name, null, path, Set.of(), skipped));
            sink.code(dataset, path);
        } else if (elsewhere) {
            String why = ValueCopy.copy(dataset, out, name, path, skipped); // values, never references to other files
            if (why != null) {
                skipped.add(path + ": " + why);
                return;
            }
        } else {
            H5.H5Ocopy(dataset, ".", out, name, P, P);
        }
        firstPath.put(key, path);
        datasets++;
        attributes += (int) H5.H5Oget_info(dataset).num_attrs;
    }

    private static long valueBytes(long dataset) {
        long space = H5.H5Dget_space(dataset);
        long type = H5.H5Dget_type(dataset);
        try {
            return H5.H5Sget_simple_extent_npoints(space) * H5.H5Tget_size(type);
        } finally {
            NativeHdf5.close(type);
            NativeHdf5.close(space);
        }
    }

    private static String describe(long group, String name, H5L_info_t link) {
        if (link.type != HDF5Constants.H5L_TYPE_EXTERNAL) {
            return "object";
        }
        try {
            String[] value = new String[2];
            H5.H5Lget_value(group, name, value, P);
            return "external link to " + value[1] + ":" + value[0];
        } catch (HDF5Exception e) {
            return "external link";
        }
    }

    /** One object's identity across the files a walk opens: its file's name and its token there. */
    static String key(long object) {
        return H5.H5Fget_name(object) + "#" + HexFormat.of().formatHex(H5.H5Oget_info(object).token.data);
    }
}
