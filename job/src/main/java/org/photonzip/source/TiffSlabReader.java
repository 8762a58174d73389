package org.photonzip.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;

/** Reads blocks of a TIFF series (one uncompressed uint16 frame per file) on any Hadoop file system. */
final class TiffSlabReader implements SlabReader {
    private final StackDescriptor stack;
    private final Configuration conf;
    private final LongAdder bytesRead;
    private byte[] bytes = new byte[0];

    TiffSlabReader(StackDescriptor stack, Configuration conf, LongAdder bytesRead) {
        this.stack = stack;
        this.conf = conf;
        this.bytesRead = bytesRead;
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, SampleSink sink) throws IOException {
        short[] row = new short[w];
        for (int t = t0; t < t0 + nt; t++) {
            String file = stack.tiffFiles().get(t);
            try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file), conf, bytesRead)) {
                TiffLayout layout = TiffLayout.parse(file, ch);
                if (layout.width() != stack.width() || layout.height() != stack.height()) {
                    throw new UnsupportedStackException("Invalid TIFF series " + stack.input() + ": " + file + " is "
                            + layout.width() + "x" + layout.height() + " (width x height), the series "
                            + stack.width() + "x" + stack.height());
                }
                readFrame(ch, layout, t, y0, h, x0, w, sink, row);
            }
        }
    }

    /** Reads, strip by strip, the byte span from the block's first pixel to its last in that strip. */
    private void readFrame(
            HadoopChannel ch, TiffLayout frame, int t, int y0, int h, int x0, int w, SampleSink sink, short[] row)
            throws IOException {
        int rps = frame.rowsPerStrip();
        int width = frame.width();
        int y = y0;
        while (y < y0 + h) {
            int strip = y / rps;
            int last = Math.min(y0 + h, (strip + 1) * rps) - 1;
            long first = frame.stripOffset(strip) + ((long) (y - strip * rps) * width + x0) * 2;
            int span = (int) (((long) (last - y) * width + w) * 2);
            if (bytes.length < span) {
                bytes = new byte[span];
            }
            ch.readFully(first, bytes, 0, span);
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, span).order(frame.order());
            for (int r = y; r <= last; r++) {
                buffer.position((r - y) * width * 2);
                buffer.asShortBuffer().get(row, 0, w);
                sink.row(t, r, x0, row, 0, w);
            }
            y = last + 1;
        }
    }

    @Override
    public void close() {}
}
