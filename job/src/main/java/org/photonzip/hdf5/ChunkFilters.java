package org.photonzip.hdf5;

import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * The part of HDF5's filter pipeline that a restore applies itself, on many threads, before writing chunks
 * directly: shuffle (filter 2, a byte transpose) and deflate (filter 1, a zlib stream, which
 * {@link java.util.zip.Deflater} produces). HDF5 applies a pipeline in order on write and undoes it backwards on
 * read, so encoding here in the same order gives chunks the library (and h5py) decodes to the same samples.
 */
public final class ChunkFilters {
    static final int DEFLATE = 1; // H5Z_FILTER_DEFLATE
    static final int SHUFFLE = 2; // H5Z_FILTER_SHUFFLE
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(Deflater::new);

    /** One filter of a dataset's pipeline as the library reports it: id, flags and client data values. */
    public record Filter(int id, int flags, int[] values) {}

    private final List<Filter> filters;

    ChunkFilters(List<Filter> filters) {
        this.filters = List.copyOf(filters);
    }

    /** The pipeline for {@code filters}, or null when one is neither shuffle nor deflate (the library then writes). */
    public static ChunkFilters of(List<Filter> filters) {
        for (Filter f : filters) {
            if (f.id() != SHUFFLE && f.id() != DEFLATE) {
                return null;
            }
        }
        return new ChunkFilters(filters);
    }

    public List<Filter> filters() {
        return filters;
    }

    /** A raw chunk ({@code elementSize}-byte samples in the file's byte order) run through the pipeline. */
    public byte[] encode(byte[] raw, int elementSize) {
        byte[] b = raw;
        for (Filter f : filters) {
            b = f.id() == SHUFFLE
                    ? shuffle(b, f.values().length > 0 && f.values()[0] > 0 ? f.values()[0] : elementSize)
                    : deflate(b, f.values().length > 0 ? f.values()[0] : Deflater.DEFAULT_COMPRESSION);
        }
        return b;
    }

    /** HDF5's shuffle: byte j of element i goes to j * n + i; a tail shorter than one element stays in place. */
    static byte[] shuffle(byte[] in, int size) {
        if (size <= 1) {
            return in;
        }
        int n = in.length / size;
        byte[] out = new byte[in.length];
        for (int j = 0; j < size; j++) {
            int o = j * n;
            for (int i = 0, s = j; i < n; i++, s += size) {
                out[o + i] = in[s];
            }
        }
        System.arraycopy(in, n * size, out, n * size, in.length - n * size);
        return out;
    }

    /** A zlib stream at {@code level} (HDF5 stores it even when larger than the input, and so do we). */
    static byte[] deflate(byte[] in, int level) {
        Deflater d = DEFLATERS.get();
        d.reset();
        d.setLevel(level);
        d.setInput(in);
        d.finish();
        byte[] out = new byte[in.length + in.length / 1000 + 64];
        int n = 0;
        while (!d.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += d.deflate(out, n, out.length - n);
        }
        return Arrays.copyOf(out, n);
    }
}
