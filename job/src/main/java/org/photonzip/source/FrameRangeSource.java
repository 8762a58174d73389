package org.photonzip.source;

import java.io.IOException;

/** Frames {@code [first, end)} of another stack, seen as a stack of its own; closing it closes the base. */
public final class FrameRangeSource implements StackSource {
    private final StackSource base;
    private final int first;
    private final int frames;

    private FrameRangeSource(StackSource base, int first, int frames) {
        this.base = base;
        this.first = first;
        this.frames = frames;
    }

    /** A view of frames {@code [first, end)}; the range must be non-empty and inside the base. */
    public static FrameRangeSource of(StackSource base, int first, int end) {
        if (first < 0 || end <= first || end > base.frames()) {
            throw new IllegalArgumentException("Invalid frame range @" + first + ":" + end + " of " + base.description()
                    + ", which has " + base.frames() + " frames");
        }
        return new FrameRangeSource(base, first, end - first);
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }

    @Override
    public String description() {
        return base.description() + "@" + first + ":" + (first + frames);
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) throws IOException {
        ReadChecks.checkBlock(this, t0, nt, y0, h, x0, w, dst);
        base.read(first + t0, nt, y0, h, x0, w, dst);
    }

    @Override
    public void close() throws IOException {
        base.close();
    }
}
