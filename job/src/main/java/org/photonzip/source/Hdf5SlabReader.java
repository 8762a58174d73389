package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;

/**
 * Reads blocks of an HDF5 dataset through a {@link HadoopChannel}. Unfiltered data (contiguous, or chunked without
 * filters) is read straight from the byte ranges that hold the block ({@link RawHdf5Layout}); filtered chunks are
 * read through jhdf, in pieces aligned with the chunks' frame boundaries, so each chunk a block overlaps is fetched
 * and inflated once.
 */
final class Hdf5SlabReader implements SlabReader {
    /** Samples one jhdf piece may hold (its nested int arrays take twice that in bytes, plus the copy). */
    private static final long PIECE_SAMPLES = 8L << 20;

    private final StackDescriptor stack;
    private final HadoopChannel channel;
    private final HdfFile hdf;
    private final Dataset dataset;
    private final RawHdf5Layout raw;
    private final SampleDecoder decoder;
    private short[] samples = new short[0];
    private short[] compact; // a compact dataset, read whole (HDF5 keeps them under 64 KiB; jhdf cannot slice them)

    private Hdf5SlabReader(
            StackDescriptor stack, HadoopChannel channel, HdfFile hdf, Dataset dataset, RawHdf5Layout raw) {
        this.stack = stack;
        this.channel = channel;
        this.hdf = hdf;
        this.dataset = dataset;
        this.raw = raw;
        this.decoder = new SampleDecoder(stack);
    }

    static Hdf5SlabReader open(StackDescriptor stack, Configuration conf, LongAdder bytesRead) throws IOException {
        org.apache.hadoop.fs.Path path = HadoopFiles.path(stack.file());
        HadoopChannel channel = HadoopChannel.open(path, conf, bytesRead);
        HdfFile hdf = null;
        try {
            hdf = new HdfFile(channel, path.toUri()); // encoded: a name may hold spaces
            Dataset dataset = dataset(hdf, stack);
            return new Hdf5SlabReader(stack, channel, hdf, dataset, RawHdf5Layout.of(hdf, dataset, stack));
        } catch (HdfException e) {
            close(hdf, channel);
            throw new IOException("Cannot read HDF5 file " + stack.file() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close(hdf, channel);
            throw e;
        }
    }

    private static Dataset dataset(HdfFile hdf, StackDescriptor stack) throws IOException {
        Node node = hdf.getByPath(stack.dataset());
        for (int hops = 0; node instanceof Link && hops < 12; hops++) {
            node = ((Link) node).getTarget();
        }
        if (!(node instanceof Dataset ds)) {
            throw new IOException("Cannot read " + stack.file() + ":" + stack.dataset() + ": not a dataset");
        }
        int[] dims = ds.getDimensions();
        if (dims.length != 3 || dims[0] != stack.frames() || dims[1] != stack.height() || dims[2] != stack.width()) {
            throw new IOException("Cannot read " + stack.file() + ":" + stack.dataset() + ": its shape "
                    + java.util.Arrays.toString(dims) + " changed since the job was planned (" + stack.shapeString()
                    + ")");
        }
        return ds;
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, SampleSink sink) throws IOException {
        try {
            if (raw != null) {
                raw.read(channel, decoder, t0, nt, y0, h, x0, w, sink);
            } else {
                readThroughJhdf(t0, nt, y0, h, x0, w, sink);
            }
        } catch (HdfException e) {
            throw new IOException(
                    "Cannot read " + stack.description() + " frames [" + t0 + ", " + (t0 + nt) + ") rows [" + y0 + ", "
                            + (y0 + h) + "): " + e.getMessage(),
                    e);
        }
    }

    private void readThroughJhdf(int t0, int nt, int y0, int h, int x0, int w, SampleSink sink) {
        if ("compact".equals(stack.layout())) {
            if (compact == null) {
                Object data = dataset.getData();
                short[] all = new short[Math.toIntExact(stack.samples())];
                check(data, Hdf5Samples.copy(data, all), 0, 0, 0, stack.height(), stack.width());
                compact = all;
            }
            BlockCopy.rows(compact, 0, 0, 0, stack.height(), stack.width(), t0, nt, y0, h, x0, w, sink);
            return;
        }
        int ct = stack.chunks() == null ? 1 : stack.chunks()[0];
        long perFrame = (long) h * w;
        int pieceFrames = (int) Math.max(1, PIECE_SAMPLES / (perFrame * ct)) * ct;
        int t = t0;
        while (t < t0 + nt) {
            // Pieces end on chunk frame boundaries, so no chunk is inflated twice within a block.
            int end = Math.min(t0 + nt, (t / ct) * ct + pieceFrames);
            int n = end - t;
            Object data = dataset.getData(new long[] {t, y0, x0}, new int[] {n, h, w});
            int count = (int) (n * perFrame);
            if (samples.length < count) {
                samples = new short[count];
            }
            check(data, Hdf5Samples.copy(data, samples), t, y0, x0, h, w);
            BlockCopy.rows(samples, t, y0, x0, h, w, t, n, y0, h, x0, w, sink);
            t = end;
        }
    }

    /** Rejects a slab read at {@code (t0, y0, x0)}, {@code h x w} a frame, whose sample {@code bad} is no uint16. */
    private void check(Object data, long bad, int t0, int y0, int x0, int h, int w) {
        if (bad >= 0) {
            int t = (int) (bad / ((long) h * w));
            int y = (int) (bad / w % h);
            int x = (int) (bad % w);
            throw SampleDecoder.unsupported(stack, Hdf5Samples.valueAt(data, t, y, x), t0 + t, y0 + y, x0 + x);
        }
    }

    @Override
    public void close() throws IOException {
        close(hdf, channel);
    }

    private static void close(HdfFile hdf, HadoopChannel channel) throws IOException {
        try {
            if (hdf != null) {
                hdf.close();
            }
        } finally {
            channel.close();
        }
    }
}
