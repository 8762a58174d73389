package org.photonzip.source;

/** Argument checks shared by every {@link StackSource#read} implementation. */
final class ReadChecks {
    private ReadChecks() {}

    /** Rejects a block outside the stack or a destination too small for it; returns the block's sample count. */
    static int checkBlock(StackSource source, int t0, int nt, int y0, int h, int x0, int w, short[] dst) {
        checkRange("frames", t0, nt, source.frames(), source);
        checkRange("rows", y0, h, source.height(), source);
        checkRange("columns", x0, w, source.width(), source);
        long n = (long) nt * h * w;
        if (n > dst.length) {
            throw new IllegalArgumentException("Invalid destination: block " + nt + "x" + h + "x" + w + " needs " + n
                    + " samples, buffer holds " + dst.length);
        }
        return (int) n;
    }

    private static void checkRange(String axis, int start, int count, int size, StackSource source) {
        if (start < 0 || count < 0 || (long) start + count > size) {
            throw new IndexOutOfBoundsException("Invalid " + axis + " [" + start + ", " + ((long) start + count)
                    + ") of " + source.description() + ", which has " + size);
        }
    }
}
