package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import org.bytedeco.hdf5.H5Z_class2_t;
import org.bytedeco.hdf5.H5Z_func_t;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * HDF5 filter 305, "photonzip": a chunk is one photonzip tile stream (docs/tile-format.md) that decodes to uint16
 * samples of the chunk's shape (an edge tile, smaller than the chunk, into its top-left corner). Its client data
 * values are {@code {1, chunk frames, chunk height, chunk width}} (the first is the parameters' version), then the
 * learned model file where the archive has one ({@link #values}; docs/hdf5-filter.md). The id is
 * from HDF5's range for testing (256–511) until one is registered with the HDF Group. Readers decode it with
 * libphotonzip's filter plugin (docs/export.md); {@code export} writes finished chunks directly and needs no encoder,
 * so it registers a stand-in here only so that the library keeps the filter in the dataset's pipeline under its name
 * (a reader without the plugin then names it in its error).
 */
public final class TileStreamFilter {
    public static final int ID = 305;
    public static final String NAME = "photonzip tile stream (HDF5 filter 305): read it with libphotonzip's HDF5 "
            + "filter plugin on HDF5_PLUGIN_PATH, see docs/export.md";
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use
    private static Object registered; // keeps the stand-in's native callback alive

    private TileStreamFilter() {}

    /**
     * The client data values for chunks of {@code chunk} (frames, height, width) and, for learned tiles, the
     * archive's model file ({@code model}, null for none) that the plugin needs: its length, then its bytes four
     * per value, little-endian (docs/hdf5-filter.md).
     */
    public static int[] values(int[] chunk, byte[] model) {
        int n = model == null ? 0 : model.length;
        int[] v = new int[model == null ? 4 : 5 + (n + 3) / 4];
        v[0] = 1;
        v[1] = chunk[0];
        v[2] = chunk[1];
        v[3] = chunk[2];
        if (model != null) {
            v[4] = n;
            for (int i = 0; i < n; i++) {
                v[5 + i / 4] |= (model[i] & 0xFF) << (8 * (i % 4));
            }
        }
        return v;
    }

    /**
     * Registers a stand-in for filter {@link #ID} that refuses to code anything (export never asks it to). Always the
     * stand-in, never a plugin from HDF5_PLUGIN_PATH: the plugin is built against the system's HDF5, not the one
     * this JVM loaded.
     */
    static synchronized void ensureKnown() {
        if (registered != null) {
            return;
        }
        H5Z_func_t refuse = new H5Z_func_t() {
            @Override
            public long call(
                    int flags, long nelmts, IntPointer values, long nbytes, SizeTPointer bufSize, PointerPointer buf) {
                return 0; // a failure: this stand-in neither encodes nor decodes
            }
        };
        BytePointer name = new BytePointer(NAME);
        H5Z_class2_t cls = new H5Z_class2_t();
        cls.version(hdf5.H5Z_CLASS_T_VERS)
                .id(ID)
                .encoder_present(1)
                .decoder_present(0)
                .name(name)
                .can_apply(null)
                .set_local(null)
                .filter(refuse);
        synchronized (H5.class) {
            if (hdf5.H5Zregister(cls) < 0) {
                throw new IllegalStateException("Cannot register HDF5 filter " + ID + " with the library");
            }
        }
        registered = new Object[] {refuse, name, cls};
    }
}
