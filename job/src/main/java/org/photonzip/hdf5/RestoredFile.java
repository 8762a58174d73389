package org.photonzip.hdf5;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.structs.H5L_info_t;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file a restore writes, opened from a copy of {@code metadata.h5}: everything but the stack's and the coded
 * datasets' samples is already there, exactly as captured. The restore fills the stack's twin (every name of it,
 * hard links included) and the coded datasets in place: the stack in finished chunks the restore encoded itself
 * ({@link #writeChunk}) or through the library ({@link #writeFrames}), which applies the byte order and filters. A partial restore, or an archive whose placeholder is a one-sample stand-in (format
 * version 1), gets a new dataset of the restored shape that replaces the placeholder under all its names.
 */
public final class RestoredFile implements AutoCloseable {
    private static final long P = NativeHdf5.defaults(); // loads the library before any HDF5Constants use

    private final long file;
    private final List<String> notRestored = new ArrayList<>();
    private final List<Long> stacks = new ArrayList<>();
    private final List<List<String>> stackNames = new ArrayList<>(); // every name of each of stacks
    private SlabIo.Kind kind;
    private long[] dims;

    private RestoredFile(long file) {
        this.file = file;
    }

    /** Opens {@code path} (a copy of metadata.h5) for writing; the library's exception when it is not HDF5. */
    public static RestoredFile open(Path path) {
        NativeHdf5.load();
        return new RestoredFile(H5.H5Fopen(path.toString(), HDF5Constants.H5F_ACC_RDWR, P));
    }

    /**
     * Refuses a file in which anything could make the restore, or a reader of its result, reach another file
     * ({@link ContainedMetadata}); {@code keptLink} tells which external links the capture kept (as "path -> file:object").
     */
    public void requireContained(java.util.function.Predicate<String> keptLink) {
        ContainedMetadata.check(file, keptLink);
    }

    /** What could not be restored exactly (attributes or filters dropped), as "path: reason". */
    public List<String> notRestored() {
        return List.copyOf(notRestored);
    }

    /**
     * Finds the datasets carrying {@code marker} and makes each ready for samples of shape {@code shape} (the
     * restored region of a stack of shape {@code source}). A twin of another shape is replaced by one of the same
     * type and creation properties, chunks clipped; a one-sample stand-in (version 1) by one chunked with
     * {@code chunks} (contiguous when null). Returns the stack's paths.
     */
    public List<String> prepareStack(String marker, int[] shape, int[] source, int[] chunks) {
        long[] target = {shape[0], shape[1], shape[2]};
        Map<String, List<String>> found = new LinkedHashMap<>();
        collect(marker, "/", "", found, new java.util.HashSet<>());
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no dataset carries the attribute " + marker);
        }
        List<String> paths = new ArrayList<>();
        for (List<String> names : found.values()) {
            paths.addAll(names);
            long ds = H5.H5Dopen(file, names.get(0), P);
            if (!Arrays.equals(SlabIo.dims(ds), target)) {
                boolean twin = Arrays.equals(SlabIo.dims(ds), new long[] {source[0], source[1], source[2]});
                long replaced = replace(ds, names, target, twin ? null : chunks, twin, marker);
                NativeHdf5.close(ds);
                ds = replaced;
            } else {
                H5.H5Adelete(ds, marker);
            }
            stacks.add(ds);
            stackNames.add(names);
            kind = SlabIo.kind(ds);
            if (kind == null) {
                throw new IllegalArgumentException(names.get(0) + " is not an 8- or 16-bit integer dataset");
            }
        }
        dims = target;
        return paths;
    }

    /**
     * For {@code export}, after {@link #prepareStack} of the whole stack: replaces each stack dataset by one of the
     * same datatype, shape and attributes (under all its names) whose chunks are {@code chunk} and whose one filter
     * is {@link TileStreamFilter}, so that each chunk {@link #writeChunk} writes is a tile stream as the archive
     * stores it; {@code model} is the archive's learned model file (null for none), which the filter's parameters
     * carry to the plugin.
     */
    public void retileStack(int[] chunk, byte[] model) {
        TileStreamFilter.ensureKnown();
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        try {
            H5.H5Pset_chunk(dcpl, 3, new long[] {chunk[0], chunk[1], chunk[2]});
            int[] values = TileStreamFilter.values(chunk, model);
            H5.H5Pset_filter(dcpl, TileStreamFilter.ID, 0, values.length, values);
            for (int i = 0; i < stacks.size(); i++) {
                long old = stacks.get(i);
                stacks.set(i, relink(old, stackNames.get(i), SlabIo.dims(old), dcpl, null));
                NativeHdf5.close(old);
            }
        } finally {
            NativeHdf5.close(dcpl);
        }
    }

    private long replace(long old, List<String> names, long[] target, int[] chunks, boolean twin, String marker) {
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        try {
            if (chunks != null) {
                long[] c = new long[3];
                for (int i = 0; i < 3; i++) {
                    c[i] = Math.max(1, Math.min(chunks[i], target[i]));
                }
                H5.H5Pset_chunk(dcpl, 3, c);
            }
            return relink(old, names, target, twin ? -1 : dcpl, marker);
        } finally {
            NativeHdf5.close(dcpl);
        }
    }

    /** A new dataset like {@code old} (creation properties {@code dcpl} unless negative) under all of its names. */
    private long relink(long old, List<String> names, long[] target, long dcpl, String marker) {
        String first = names.get(0);
        int slash = first.lastIndexOf('/');
        String parentPath = slash == 0 ? "/" : first.substring(0, slash);
        String temporary = ".photonzip-restoring-" + first.substring(slash + 1);
        long parent = H5.H5Gopen(file, parentPath, P);
        try {
            long created = DatasetTwin.create(
                    old,
                    parent,
                    temporary,
                    target,
                    dcpl,
                    first,
                    marker == null ? Set.of() : Set.of(marker),
                    notRestored);
            for (String name : names) {
                H5.H5Ldelete(file, name, P);
            }
            H5.H5Lmove(parent, temporary, file, first, P, P);
            for (String name : names.subList(1, names.size())) {
                H5.H5Lcreate_hard(file, first, file, name, P, P);
            }
            return created;
        } finally {
            NativeHdf5.close(parent);
        }
    }

    /** Every hard-linked name of each dataset carrying {@code marker}, grouped by object. */
    private void collect(
            String marker, String group, String prefix, Map<String, List<String>> found, Set<String> visited) {
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
                        collect(marker, path, path, found, visited);
                    } else if (type == HDF5Constants.H5O_TYPE_DATASET && H5.H5Aexists(object, marker)) {
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

    /** How each stack dataset stores its samples, in the order {@link #writeChunk} and {@link #writeFrames} number them. */
    public List<StackLayout> layouts() {
        List<StackLayout> layouts = new ArrayList<>();
        for (long ds : stacks) {
            layouts.add(ChunkIo.layout(ds, kind.size()));
        }
        return layouts;
    }

    /**
     * Writes one finished chunk of stack dataset {@code stack} (see {@link #layouts}): {@code bytes} already went
     * through its filters, but those in {@code mask}; {@code offset} is the chunk's first sample.
     */
    public void writeChunk(int stack, long[] offset, int mask, byte[] bytes) {
        ChunkIo.write(stacks.get(stack), offset, mask, bytes);
    }

    /** Writes frames [t0, t0 + frames) of stack dataset {@code stack} (samples in t, y, x order) through the library. */
    public void writeFrames(int stack, int t0, int frames, short[] samples) {
        SlabIo.write(stacks.get(stack), kind, dims, t0, frames, 0, (int) dims[1], samples);
    }

    /** Adds an int32 array attribute to every stack dataset. */
    public void putStackAttribute(String name, int[] values) {
        for (long ds : stacks) {
            NativeAttributes.putInts(ds, name, values);
        }
    }

    /** A float64 array attribute on the stack (error-bounded archives: the bound and the noise model). */
    public void putStackAttribute(String name, double[] values) {
        for (long ds : stacks) {
            NativeAttributes.putDoubles(ds, name, values);
        }
    }

    /** A string attribute on the stack. */
    public void putStackAttribute(String name, String value) {
        for (long ds : stacks) {
            NativeAttributes.putString(ds, name, value);
        }
    }

    /**
     * For a partial restore, after the coded datasets are written: cuts the datasets sharing the stack's axes to the
     * region {@code r} = {t0, t1, y0, y1, x0, x1} of a stack of {@code source} shape ({@link RegionSlices}); returns
     * what was cut or deliberately left whole, one line per dataset.
     */
    public List<String> cutToRegion(int[] source, int[] r) {
        Set<String> keys = new java.util.HashSet<>();
        for (long ds : stacks) {
            keys.add(NativeCapture.key(ds));
        }
        return RegionSlices.apply(file, keys, new long[] {source[0], source[1], source[2]}, r, notRestored);
    }

    /** A dataset coded in metadata-samples.pz, as the archive's summary describes it. */
    public record CodedEntry(String path, String dtype, int[] shape, List<CodedPart> parts) {}

    /** Part {@code index} of a coded dataset: frames [t0, t0 + frames) × rows [y0, y0 + rows). */
    public record CodedPart(int index, int t0, int frames, int y0, int rows) {}

    /** The coded dataset {@code entry} with the samples {@code decoder} gives for each part. */
    public void writeCoded(CodedEntry entry, java.util.function.Function<CodedPart, short[]> decoder) {
        ContainedMetadata.requireHardPath(file, entry.path()); // never written through a link into another file
        long ds = H5.H5Dopen(file, entry.path(), P);
        boolean written = false;
        try {
            SlabIo.Kind k = SlabIo.kind(ds);
            long[] d = SlabIo.dims(ds);
            int[] shape = entry.shape();
            if (k == null
                    || !k.dtype().equals(entry.dtype())
                    || d.length != 3
                    || d[0] != shape[0]
                    || d[1] != shape[1]
                    || d[2] != shape[2]) {
                throw new IllegalArgumentException(entry.path() + " in metadata.h5 is not the " + entry.dtype() + " "
                        + Arrays.toString(shape) + " dataset summary.json describes");
            }
            for (CodedPart p : entry.parts()) {
                SlabIo.write(ds, k, d, p.t0(), p.frames(), p.y0(), p.rows(), decoder.apply(p));
            }
            written = true;
            NativeHdf5.closeChecked(ds); // writes the cached chunks: a full disk fails here
        } finally {
            if (!written) {
                NativeHdf5.close(ds);
            }
        }
    }

    /** Writes everything the library holds for the file to disk (before a close that must not fail half-way). */
    public void flush() {
        H5.H5Fflush(file, HDF5Constants.H5F_SCOPE_GLOBAL);
    }

    /** Closes the file; the library's failure to write what it still held is thrown (after closing everything). */
    @Override
    public void close() {
        RuntimeException failed = null;
        for (long ds : stacks) {
            try {
                NativeHdf5.closeChecked(ds);
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
                NativeHdf5.close(ds);
            }
        }
        stacks.clear();
        H5.H5Fclose(file);
        if (failed != null) {
            throw failed;
        }
    }
}
