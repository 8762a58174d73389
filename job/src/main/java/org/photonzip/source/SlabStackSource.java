package org.photonzip.source;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * A stack described on the driver ({@link StackDescriptor}: any Hadoop path, HDF5 or TIFF) read through the job's
 * own {@link SlabReader}, seen as a {@link StackSource}: what bench, train and the model sampler read is what
 * compress reads. Not thread-safe (the reader reuses its buffers).
 */
public final class SlabStackSource implements StackSource {
    private final StackDescriptor stack;
    private final SlabReader reader;

    public SlabStackSource(StackDescriptor stack, Configuration conf) throws IOException {
        this.stack = stack;
        this.reader = SlabReader.open(stack, conf, null);
    }

    /** What the driver found: file, dataset, element type, byte order, layout. */
    public StackDescriptor descriptor() {
        return stack;
    }

    @Override
    public int frames() {
        return stack.frames();
    }

    @Override
    public int height() {
        return stack.height();
    }

    @Override
    public int width() {
        return stack.width();
    }

    @Override
    public String description() {
        return stack.description();
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) throws IOException {
        if (ReadChecks.checkBlock(this, t0, nt, y0, h, x0, w, dst) > 0) {
            reader.read(t0, nt, y0, h, x0, w, BlockCopy.into(dst, t0, y0, h, x0, w));
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
