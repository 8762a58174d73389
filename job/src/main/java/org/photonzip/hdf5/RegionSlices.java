package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.structs.H5L_info_t;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a partial restore: cuts the datasets that share the stack's axes to the restored region, so that a reader
 * taking angles or flats beside the stack gets matching lengths (docs/archive-format.md §7). With a stack of
 * {@code T × H × W} samples and region frames {@code [A, B)}, rows {@code [Y0, Y1)}, columns {@code [X0, X1)}:
 * <ul>
 * <li>every other 1-D dataset of length {@code T} describes the frames (NXtomo's rotation_angle, image_key,
 * count_time, ...) and keeps {@code [A, B)}, unless {@code T} is also {@code H} or {@code W} (it might then describe
 * rows or columns), where only those named {@code rotation_angle} or {@code image_key} are cut;</li>
 * <li>every dataset of rank 2 or more whose last two dimensions are {@code H × W} (flats, darks, masks) keeps rows
 * {@code [Y0, Y1)} and columns {@code [X0, X1)}, all of its frames: they are other frames, not the stack's.</li>
 * </ul>
 * A cut dataset keeps its datatype, creation properties and attributes, replaces the old one under every name, and
 * records the cut: {@code photonzip_frames [A, B]} or {@code photonzip_roi [Y0, Y1, X0, X1]}, and
 * {@code photonzip_source_shape}. Every other dataset is restored whole.
 */
final class RegionSlices {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use
    static final String FRAMES = "photonzip_frames";
    static final String ROI = "photonzip_roi";
    static final String SOURCE_SHAPE = "photonzip_source_shape";
    private static final Set<String> FRAME_NAMES = Set.of("rotation_angle", "image_key");

    private RegionSlices() {}

    /**
     * Cuts the datasets of {@code file} but {@code stacks} (their keys) to the region {@code r} = {t0, t1, y0, y1,
     * x0, x1} of a stack of {@code shape}; returns what was cut ("path: frames A:B of T"), or left whole and why.
     */
    static List<String> apply(long file, Set<String> stacks, long[] shape, int[] r, List<String> notRestored) {
        boolean frames = r[0] != 0 || r[1] != shape[0];
        boolean roi = r[2] != 0 || r[3] != shape[1] || r[4] != 0 || r[5] != shape[2];
        Map<String, List<String>> datasets = new LinkedHashMap<>();
        collect(file, "/", "", datasets, new HashSet<>());
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : datasets.entrySet()) {
            if (stacks.contains(e.getKey())) {
                continue;
            }
            List<String> names = e.getValue();
            long ds = H5.H5Dopen(file, names.get(0), P);
            long[] dims;
            try {
                dims = SlabIo.dims(ds);
            } finally {
                NativeHdf5.close(ds);
            }
            String name = names.get(0).substring(names.get(0).lastIndexOf('/') + 1);
            int n = dims.length;
            if (frames && n == 1 && dims[0] == shape[0]) {
                if ((dims[0] == shape[1] || dims[0] == shape[2]) && !FRAME_NAMES.contains(name)) {
                    done.add(String.join(", ", names) + ": left whole (its length " + dims[0]
                            + " is the frame count and also the frame's height or width)");
                    continue;
                }
                done.add(cut(
                        file,
                        names,
                        dims,
                        new long[] {r[0]},
                        new long[] {r[1] - r[0]},
                        FRAMES,
                        new int[] {r[0], r[1]},
                        notRestored,
                        "frames " + r[0] + ":" + r[1] + " of " + dims[0]));
            } else if (roi && n >= 2 && dims[n - 2] == shape[1] && dims[n - 1] == shape[2]) {
                long[] start = new long[n];
                long[] count = dims.clone();
                start[n - 2] = r[2];
                start[n - 1] = r[4];
                count[n - 2] = r[3] - r[2];
                count[n - 1] = r[5] - r[4];
                done.add(cut(
                        file,
                        names,
                        dims,
                        start,
                        count,
                        ROI,
                        new int[] {r[2], r[3], r[4], r[5]},
                        notRestored,
                        "rows " + r[2] + ":" + r[3] + ", columns " + r[4] + ":" + r[5] + " of " + dims[n - 2] + " x "
                                + dims[n - 1]));
            }
        }
        return done;
    }

    /** Replaces the dataset {@code names} by its hyperslab {@code start}/{@code count}, recording the cut. */
    private static String cut(
            long file,
            List<String> names,
            long[] dims,
            long[] start,
            long[] count,
            String attribute,
            int[] recorded,
            List<String> notRestored,
            String what) {
        String first = names.get(0);
        long old = H5.H5Dopen(file, first, P);
        long type = -1, fileSpace = -1, memSpace = -1, parent = -1, created = -1;
        try {
            type = H5.H5Dget_type(old);
            if (H5.H5Tdetect_class(type, HDF5Constants.H5T_VLEN)
                    || H5.H5Tis_variable_str(type)
                    || H5.H5Tdetect_class(type, HDF5Constants.H5T_REFERENCE)) {
                return String.join(", ", names) + ": left whole (values of variable size or references)";
            }
            long samples = 1;
            for (long c : count) {
                samples *= c;
            }
            long bytes = samples * H5.H5Tget_size(type);
            if (bytes > Integer.MAX_VALUE - 64) {
                return String.join(", ", names) + ": left whole (" + bytes + " bytes, too large to cut in memory)";
            }
            byte[] values = new byte[(int) bytes];
            fileSpace = H5.H5Dget_space(old);
            H5.H5Sselect_hyperslab(fileSpace, HDF5Constants.H5S_SELECT_SET, start, null, count, null);
            memSpace = H5.H5Screate_simple(count.length, count, null);
            H5.H5Dread(old, type, memSpace, fileSpace, P, values); // the file's own type: the bytes as stored
            int slash = first.lastIndexOf('/');
            parent = H5.H5Gopen(file, slash == 0 ? "/" : first.substring(0, slash), P);
            String temporary = ".photonzip-cutting-" + first.substring(slash + 1);
            created = DatasetTwin.create(old, parent, temporary, count, first, Set.of(), notRestored);
            H5.H5Dwrite(created, type, HDF5Constants.H5S_ALL, HDF5Constants.H5S_ALL, P, values);
            NativeAttributes.putInts(created, attribute, recorded);
            int[] source = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                source[i] = (int) dims[i];
            }
            NativeAttributes.putInts(created, SOURCE_SHAPE, source);
            NativeHdf5.close(old);
            old = -1;
            for (String name : names) {
                H5.H5Ldelete(file, name, P);
            }
            H5.H5Lmove(parent, temporary, file, first, P, P);
            for (String name : names.subList(1, names.size())) {
                H5.H5Lcreate_hard(file, first, file, name, P, P);
            }
            return String.join(", ", names) + ": " + what;
        } finally {
            NativeHdf5.close(created);
            NativeHdf5.close(parent);
            NativeHdf5.close(memSpace);
            NativeHdf5.close(fileSpace);
            NativeHdf5.close(type);
            NativeHdf5.close(old);
        }
    }

    /** Every hard-linked name of each dataset of the file, grouped by object. */
    private static void collect(
            long file, String group, String prefix, Map<String, List<String>> found, Set<String> visited) {
        long g = H5.H5Gopen(file, group, P);
        try {
            if (!visited.add(NativeCapture.key(g))) {
                return;
            }
            long n = H5.H5Gget_info(g).nlinks;
            for (long i = 0; i < n; i++) {
                String name =
                        H5.H5Lget_name_by_idx(g, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, i, P);
                H5L_info_t link = H5.H5Lget_info(g, name, P);
                if (link.type != HDF5Constants.H5L_TYPE_HARD) {
                    continue;
                }
                String path = prefix + "/" + name;
                long object = H5.H5Oopen(g, name, P);
                try {
                    int type = H5.H5Oget_info(object).type;
                    if (type == HDF5Constants.H5O_TYPE_GROUP) {
                        collect(file, path, path, found, visited);
                    } else if (type == HDF5Constants.H5O_TYPE_DATASET) {
                        found.computeIfAbsent(NativeCapture.key(object), k -> new ArrayList<>())
                                .add(path);
                    }
                } finally {
                    NativeHdf5.close(object);
                }
            }
        } finally {
            NativeHdf5.close(g);
        }
    }
}
