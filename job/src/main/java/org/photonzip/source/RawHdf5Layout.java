package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.photonzip.fs.HadoopChannel;

/**
 * Where the bytes of an unfiltered dataset lie in its file: one address for a contiguous dataset, one per chunk
 * for a chunked one. Blocks are then read as byte ranges, so a block costs the bytes it covers (plus at most the
 * gaps between rows that one request spans, bounded by {@link #MAX_GAP}), not whole chunks.
 */
final class RawHdf5Layout {
    /** A request may span unneeded bytes up to this fraction of the needed ones, to save requests. */
    private static final double MAX_GAP = 0.25;

    private static final long NO_CHUNK = -1;
    /** Largest single request, which is also the read buffer's size. */
    private static final long MAX_REQUEST = 8L << 20;

    private final StackDescriptor stack;
    private final int es;
    private final int[] chunk; // chunk shape; the whole dataset for a contiguous one
    private final int[] grid; // chunks along each axis
    private final long[] addresses; // absolute file offset of each chunk, grid order; NO_CHUNK when never written
    private final short fill; // what a chunk never written holds
    private byte[] bytes = new byte[0];

    private RawHdf5Layout(StackDescriptor stack, int[] chunk, int[] grid, long[] addresses) {
        this.stack = stack;
        this.es = stack.elementSize();
        this.chunk = chunk;
        this.grid = grid;
        this.addresses = addresses;
        this.fill = 0;
    }

    private RawHdf5Layout(RawHdf5Layout layout, short fill) {
        this.stack = layout.stack;
        this.es = layout.es;
        this.chunk = layout.chunk;
        this.grid = layout.grid;
        this.addresses = layout.addresses;
        this.fill = fill;
    }

    /** The raw layout of {@code dataset}, or null when its bytes must be decoded by jhdf (filtered or compact). */
    static RawHdf5Layout of(HdfFile hdf, Dataset dataset, StackDescriptor stack) throws IOException {
        RawHdf5Layout layout = locate(hdf, dataset, stack);
        long fill = fillValue(dataset);
        return layout == null || fill == 0 ? layout : new RawHdf5Layout(layout, (short) fill);
    }

    /**
     * The dataset's fill value, which HDF5 returns for chunks (or a contiguous dataset) never written; 0, HDF5's
     * default, when none is set. The driver refuses a fill value outside 0..65535 where it would be read.
     */
    static long fillValue(Dataset dataset) {
        Object value = dataset.getFillValue();
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Chunks of {@code dataset} never written (0 for other layouts; -1 when jhdf's chunk index is out of reach). */
    static long unwrittenChunks(Dataset dataset) {
        if (dataset instanceof ContiguousDataset contiguous) {
            return contiguous.getDataAddress() < 0 ? 1 : 0;
        }
        if (!(dataset instanceof ChunkedDatasetBase chunked)) {
            return 0;
        }
        Map<?, Chunk> lookup = chunkLookup(chunked);
        if (lookup == null) {
            return -1;
        }
        int[] dims = dataset.getDimensions();
        int[] c = chunked.getChunkDimensions();
        long all = 1;
        for (int i = 0; i < dims.length; i++) {
            all *= ceil(dims[i], c[i]);
        }
        return all - lookup.size();
    }

    private static RawHdf5Layout locate(HdfFile hdf, Dataset dataset, StackDescriptor stack) {
        long base = hdf.getUserBlockSize();
        if (dataset instanceof ContiguousDataset contiguous) {
            int[] whole = {stack.frames(), stack.height(), stack.width()};
            long address = contiguous.getDataAddress();
            return new RawHdf5Layout(
                    stack, whole, new int[] {1, 1, 1}, new long[] {address < 0 ? NO_CHUNK : base + address});
        }
        if (!(dataset instanceof ChunkedDatasetBase chunked)
                || !((ChunkedDataset) dataset).getFilters().isEmpty()) {
            return null;
        }
        Map<?, Chunk> lookup = chunkLookup(chunked);
        if (lookup == null) {
            return null;
        }
        int[] shape = chunked.getChunkDimensions();
        int[] c = {shape[0], shape[1], shape[2]};
        int[] g = {ceil(stack.frames(), c[0]), ceil(stack.height(), c[1]), ceil(stack.width(), c[2])};
        long n = (long) g[0] * g[1] * g[2];
        if (n > Integer.MAX_VALUE - 8) {
            return null;
        }
        long[] addresses = new long[(int) n];
        Arrays.fill(addresses, NO_CHUNK);
        for (Chunk ch : lookup.values()) {
            long[] off = ch.getChunkOffset();
            int i = (int) ((off[0] / c[0] * g[1] + off[1] / c[1]) * g[2] + off[2] / c[2]);
            addresses[i] = base + ch.getAddress();
        }
        return new RawHdf5Layout(stack, c, g, addresses);
    }

    /**
     * jhdf keeps its chunk index behind a protected method; it is public API in all but name (every chunked read
     * goes through it), and the raw path falls back to jhdf's own reads if it ever disappears.
     */
    private static Map<?, Chunk> chunkLookup(ChunkedDatasetBase dataset) {
        try {
            Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
            m.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<?, Chunk> lookup = (Map<?, Chunk>) m.invoke(dataset);
            return lookup;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The largest file offset (exclusive) that the samples of {@code dataset} occupy (any layout, filtered or not),
     * to detect a truncated file before any task runs; 0 when unknown.
     */
    static long storageEnd(HdfFile hdf, Dataset dataset) {
        long base = hdf.getUserBlockSize();
        if (dataset instanceof ContiguousDataset contiguous) {
            long address = contiguous.getDataAddress();
            return address < 0 ? 0 : base + address + dataset.getSizeInBytes();
        }
        if (dataset instanceof ChunkedDatasetBase chunked) {
            Map<?, Chunk> lookup = chunkLookup(chunked);
            long end = 0;
            if (lookup != null) {
                for (Chunk c : lookup.values()) {
                    end = Math.max(end, base + c.getAddress() + c.getSize());
                }
            }
            return end;
        }
        return 0;
    }

    /**
     * The byte ranges {@code [start, end)} of the file that hold the samples of {@code dataset}, sorted and merged:
     * what a staged copy may leave out. Empty when they are unknown or inside the object header (compact).
     */
    static long[][] storageRanges(HdfFile hdf, Dataset dataset) {
        long base = hdf.getUserBlockSize();
        java.util.List<long[]> ranges = new java.util.ArrayList<>();
        if (dataset instanceof ContiguousDataset contiguous && contiguous.getDataAddress() >= 0) {
            ranges.add(new long[] {
                base + contiguous.getDataAddress(), base + contiguous.getDataAddress() + dataset.getSizeInBytes()
            });
        } else if (dataset instanceof ChunkedDatasetBase chunked) {
            Map<?, Chunk> lookup = chunkLookup(chunked);
            for (Chunk c : lookup == null ? java.util.List.<Chunk>of() : lookup.values()) {
                ranges.add(new long[] {base + c.getAddress(), base + c.getAddress() + c.getSize()});
            }
        }
        ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
        java.util.List<long[]> merged = new java.util.ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (r[0] < base || r[1] < r[0] || (last != null && r[0] < last[1])) {
                // An index whose chunks overlap or lie in the user block is not trusted to spare anything: a
                // hole over metadata would be read as zeros.
                return new long[0][];
            }
            if (last != null && r[0] == last[1]) {
                last[1] = r[1];
            } else if (r[1] > r[0]) {
                merged.add(r);
            }
        }
        return merged.toArray(new long[0][]);
    }

    /** The largest file offset (exclusive) the samples occupy, to detect truncated files up front. */
    long end() {
        long chunkBytes = (long) chunk[0] * chunk[1] * chunk[2] * es;
        long end = 0;
        for (long a : addresses) {
            if (a != NO_CHUNK) {
                end = Math.max(end, a + chunkBytes);
            }
        }
        return end;
    }

    void read(HadoopChannel ch, SampleDecoder decoder, int t0, int nt, int y0, int h, int x0, int w, SampleSink sink)
            throws IOException {
        short[] row = new short[w];
        for (int ti = t0 / chunk[0]; ti <= (t0 + nt - 1) / chunk[0]; ti++) {
            for (int yi = y0 / chunk[1]; yi <= (y0 + h - 1) / chunk[1]; yi++) {
                for (int xi = x0 / chunk[2]; xi <= (x0 + w - 1) / chunk[2]; xi++) {
                    readChunk(ch, decoder, ti, yi, xi, t0, nt, y0, h, x0, w, sink, row);
                }
            }
        }
    }

    private void readChunk(
            HadoopChannel ch,
            SampleDecoder decoder,
            int ti,
            int yi,
            int xi,
            int t0,
            int nt,
            int y0,
            int h,
            int x0,
            int w,
            SampleSink sink,
            short[] row)
            throws IOException {
        int ot = ti * chunk[0], oy = yi * chunk[1], ox = xi * chunk[2];
        // The block's part of this chunk, in chunk coordinates [fa, fb) x [ya, yb) x [xa, xb).
        int fa = Math.max(t0, ot) - ot, fb = Math.min(t0 + nt, ot + chunk[0]) - ot;
        int ya = Math.max(y0, oy) - oy, yb = Math.min(y0 + h, oy + chunk[1]) - oy;
        int xa = Math.max(x0, ox) - ox, xb = Math.min(x0 + w, ox + chunk[2]) - ox;
        int n = xb - xa;
        long address = addresses[(ti * grid[1] + yi) * grid[2] + xi];
        if (address == NO_CHUNK) {
            java.util.Arrays.fill(row, 0, n, fill); // never written: the dataset's fill value
            for (int f = fa; f < fb; f++) {
                for (int y = ya; y < yb; y++) {
                    sink.row(ot + f, oy + y, ox + xa, row, 0, n);
                }
            }
            return;
        }
        readRange(ch, decoder, address, ot, oy, ox, fa, fb, ya, yb, xa, xb, sink, row);
    }

    private long offset(int f, int y, int x) {
        return (((long) f * chunk[1] + y) * chunk[2] + x) * es;
    }

    /**
     * Reads chunk-local frames [fa, fb) x rows [ya, yb) x columns [xa, xb) in one request when the byte span is
     * small enough and not much larger than the samples needed; otherwise halves the frames, then the rows.
     */
    private void readRange(
            HadoopChannel ch,
            SampleDecoder decoder,
            long address,
            int ot,
            int oy,
            int ox,
            int fa,
            int fb,
            int ya,
            int yb,
            int xa,
            int xb,
            SampleSink sink,
            short[] row)
            throws IOException {
        long first = offset(fa, ya, xa);
        long length = offset(fb - 1, yb - 1, xb) - first;
        long needed = (long) (fb - fa) * (yb - ya) * (xb - xa) * es;
        boolean single = fb - fa == 1 && yb - ya == 1;
        if (!single && (length > MAX_REQUEST || length > needed * (1 + MAX_GAP))) {
            if (fb - fa > 1) {
                int mid = (fa + fb) >>> 1;
                readRange(ch, decoder, address, ot, oy, ox, fa, mid, ya, yb, xa, xb, sink, row);
                readRange(ch, decoder, address, ot, oy, ox, mid, fb, ya, yb, xa, xb, sink, row);
            } else {
                int mid = (ya + yb) >>> 1;
                readRange(ch, decoder, address, ot, oy, ox, fa, fb, ya, mid, xa, xb, sink, row);
                readRange(ch, decoder, address, ot, oy, ox, fa, fb, mid, yb, xa, xb, sink, row);
            }
            return;
        }
        if (bytes.length < length) {
            bytes = new byte[(int) length];
        }
        ch.readFully(address + first, bytes, 0, (int) length);
        int n = xb - xa;
        for (int f = fa; f < fb; f++) {
            for (int y = ya; y < yb; y++) {
                int at = (int) (offset(f, y, xa) - first);
                decoder.decode(bytes, at, row, n, ot + f, oy + y, ox + xa);
                sink.row(ot + f, oy + y, ox + xa, row, 0, n);
            }
        }
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
