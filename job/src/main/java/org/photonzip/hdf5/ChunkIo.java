package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5LibraryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;

/**
 * A stack dataset's storage as the library reports it, and direct chunk writes ({@code H5Dwrite_chunk}, which the
 * official Java API of this build lacks: called through the JavaCPP binding of the same library, on the same ids,
 * under the lock every {@code H5} method takes).
 */
final class ChunkIo {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private ChunkIo() {}

    static StackLayout layout(long ds, int elementSize) {
        long dcpl = H5.H5Dget_create_plist(ds);
        long type = H5.H5Dget_type(ds);
        try {
            boolean big = H5.H5Tget_order(type) == HDF5Constants.H5T_ORDER_BE;
            if (H5.H5Pget_layout(dcpl) != HDF5Constants.H5D_CHUNKED) {
                return new StackLayout(null, null, elementSize, big);
            }
            long[] c = new long[3];
            H5.H5Pget_chunk(dcpl, 3, c);
            List<ChunkFilters.Filter> filters = new ArrayList<>();
            for (int i = 0; i < H5.H5Pget_nfilters(dcpl); i++) {
                int[] flags = new int[1];
                long[] count = {8};
                int[] values = new int[8];
                int id = H5.H5Pget_filter(dcpl, i, flags, count, values, 120, new String[1], new int[1]);
                filters.add(new ChunkFilters.Filter(id, flags[0], Arrays.copyOf(values, (int) Math.min(8, count[0]))));
            }
            return new StackLayout(
                    new int[] {(int) c[0], (int) c[1], (int) c[2]}, ChunkFilters.of(filters), elementSize, big);
        } finally {
            NativeHdf5.close(type);
            NativeHdf5.close(dcpl);
        }
    }

    /** The innermost description on the library's error stack (a failed write's holds the system's reason). */
    private static String errorStack() {
        StringBuilder text = new StringBuilder();
        try {
            long stack = H5.H5Eget_current_stack();
            try {
                H5.H5Ewalk2(
                        stack,
                        HDF5Constants.H5E_WALK_UPWARD,
                        (n, error, data) -> {
                            if (text.length() == 0 && error.desc != null && !error.desc.isBlank()) {
                                text.append(error.desc.trim());
                            }
                            return 0;
                        },
                        new hdf.hdf5lib.callbacks.H5E_walk_t() {});
            } finally {
                H5.H5Eclose_stack(stack);
            }
        } catch (RuntimeException e) {
            return "the library gave no reason";
        }
        return text.length() == 0 ? "the library gave no reason" : text.toString();
    }

    /** Writes one finished chunk (filters in {@code mask} skipped) whose first sample is at {@code offset}. */
    static void write(long ds, long[] offset, int mask, byte[] bytes) {
        synchronized (H5.class) {
            try (BytePointer b = new BytePointer(bytes)) {
                if (hdf5.H5Dwrite_chunk(ds, P, mask, offset.clone(), bytes.length, b) < 0) {
                    throw new HDF5LibraryException(
                            "H5Dwrite_chunk failed at " + Arrays.toString(offset) + ": " + errorStack());
                }
            }
        }
    }
}
