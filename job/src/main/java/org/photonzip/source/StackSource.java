package org.photonzip.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * A read-only uint16 projection stack (frames × height × width) that hands out sub-blocks on demand, so that
 * a stack larger than memory is never materialised.
 */
public interface StackSource extends Closeable {
    int frames();

    int height();

    int width();

    /** Where the stack comes from, e.g. {@code file.h5:/entry/data/data}. */
    String description();

    /**
     * Reads frames {@code [t0, t0+nt)}, rows {@code [y0, y0+h)}, columns {@code [x0, x0+w)} into {@code dst}
     * in {@code t, y, x} order (unsigned 16-bit bit patterns). {@code dst.length} must be at least
     * {@code nt*h*w}.
     */
    void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) throws IOException;

    /** Total number of samples. */
    default long samples() {
        return (long) frames() * height() * width();
    }
}
