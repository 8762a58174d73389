package org.photonzip.source;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/** A job input (any Hadoop path, HDF5 or TIFF) seen as a {@link StackSource}, e.g. to train a model on it. */
public final class SlabStackSource implements StackSource {
    private final StackDescriptor stack;
    private final SlabReader reader;

    public SlabStackSource(StackDescriptor stack, Configuration conf) throws IOException {
        this.stack = stack;
        this.reader = SlabReader.open(stack, conf, null);
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
        reader.read(t0, nt, y0, h, x0, w,
                (t, y, x, src, off, n) -> System.arraycopy(src, off, dst, ((t - t0) * h + (y - y0)) * w + (x - x0), n));
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
