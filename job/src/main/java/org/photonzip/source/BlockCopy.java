package org.photonzip.source;

/**
 * The one place where rows of samples move between a {@code t, y, x}-ordered array and a {@link SampleSink}:
 * every reader hands rows to a sink, and every {@link StackSource#read} fills its destination through
 * {@link #into}.
 */
final class BlockCopy {
    private BlockCopy() {}

    /**
     * A sink that stores the rows of the block at frame {@code t0}, row {@code y0}, column {@code x0} ({@code h}
     * rows of {@code w} samples a frame) into {@code dst} in {@code t, y, x} order.
     */
    static SampleSink into(short[] dst, int t0, int y0, int h, int x0, int w) {
        return (t, y, x, src, off, n) -> System.arraycopy(src, off, dst, ((t - t0) * h + (y - y0)) * w + (x - x0), n);
    }

    /**
     * Hands {@code sink} frames {@code [t0, t0+nt)}, rows {@code [y0, y0+h)}, columns {@code [x0, x0+w)} of
     * {@code src}, which holds a block of {@code rows} rows of {@code columns} samples a frame whose first sample
     * is frame {@code ot}, row {@code oy}, column {@code ox} of the stack.
     */
    static void rows(
            short[] src,
            int ot,
            int oy,
            int ox,
            int rows,
            int columns,
            int t0,
            int nt,
            int y0,
            int h,
            int x0,
            int w,
            SampleSink sink) {
        for (int t = t0; t < t0 + nt; t++) {
            for (int y = y0; y < y0 + h; y++) {
                sink.row(t, y, x0, src, ((t - ot) * rows + (y - oy)) * columns + (x0 - ox), w);
            }
        }
    }
}
