package org.photonzip.restore;

import hdf.hdf5lib.exceptions.HDF5Exception;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.photonzip.hdf5.StackLayout;

/**
 * Writes one band of the region into every stack dataset. Where the restore can reproduce a dataset's filters
 * (none, shuffle, deflate) the band is cut into whole chunks, each laid out in the file's byte order and filtered
 * on the workers, and written as it is (one write per chunk, in order, on this thread, which alone calls the
 * library); otherwise the library writes the band's frames, whole chunks still. Any failure to write is the
 * destination's ({@link DestinationException}).
 */
final class BandWriter {
    private final StackSink sink;
    private final int height;
    private final int width;
    private final String output;
    private final RestoreTimes times;

    BandWriter(StackSink sink, Region region, String output, RestoreTimes times) {
        this.sink = sink;
        this.height = region.y1() - region.y0();
        this.width = region.x1() - region.x0();
        this.output = output;
        this.times = times;
    }

    /** Writes {@code band}, frames [a, b) of the restored stack, to every stack dataset. */
    void write(int a, int b, short[] band, Workers workers) throws IOException {
        List<StackLayout> layouts = sink.layouts();
        for (int i = 0; i < layouts.size(); i++) {
            StackLayout layout = layouts.get(i);
            int stack = i;
            if (!layout.direct()) {
                destination(() -> sink.writeFrames(stack, a, b - a, band));
                continue;
            }
            int[] c = layout.chunk();
            List<Workers.Job<Chunk>> jobs = new ArrayList<>();
            for (int t = a; t < b; t += c[0]) {
                for (int y = 0; y < height; y += c[1]) {
                    for (int x = 0; x < width; x += c[2]) {
                        long[] offset = {t, y, x};
                        jobs.add(() -> {
                            long start = RestoreTimes.now();
                            Chunk chunk = new Chunk(
                                    offset,
                                    layout.filters().encode(raw(layout, band, a, b, offset), layout.elementSize()));
                            times.filteredSince(start);
                            return chunk;
                        });
                    }
                }
            }
            workers.inOrder(jobs, chunk -> destination(() -> sink.writeChunk(stack, chunk.offset, 0, chunk.bytes)));
        }
    }

    private record Chunk(long[] offset, byte[] bytes) {}

    /** The chunk at {@code offset} as the file stores it unfiltered: full chunk size, zeros beyond the stack's edge. */
    private byte[] raw(StackLayout layout, short[] band, int a, int b, long[] offset) {
        int[] c = layout.chunk();
        int es = layout.elementSize();
        int ct = (int) offset[0], cy = (int) offset[1], cx = (int) offset[2];
        byte[] raw = new byte[c[0] * c[1] * c[2] * es];
        int n = Math.min(c[2], width - cx);
        for (int t = ct; t < Math.min(ct + c[0], b); t++) {
            for (int y = cy; y < Math.min(cy + c[1], height); y++) {
                int src = ((t - a) * height + y) * width + cx;
                int dst = ((t - ct) * c[1] + (y - cy)) * c[2] * es;
                if (es == 1) {
                    for (int k = 0; k < n; k++) {
                        raw[dst + k] = (byte) band[src + k];
                    }
                } else {
                    int hi = layout.bigEndian() ? 0 : 1;
                    for (int k = 0; k < n; k++) {
                        short v = band[src + k];
                        raw[dst + 2 * k + hi] = (byte) (v >> 8);
                        raw[dst + 2 * k + 1 - hi] = (byte) v;
                    }
                }
            }
        }
        return raw;
    }

    private interface Write {
        void run() throws IOException;
    }

    private void destination(Write write) {
        long start = RestoreTimes.now();
        try {
            write.run();
        } catch (IOException | HDF5Exception e) {
            throw new DestinationException(output, e);
        } finally {
            times.wroteSince(start);
        }
    }
}
