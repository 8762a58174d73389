package org.photonzip.source;

import org.photonzip.codec.Tile;

/** A stack held in one {@code short[]} ({@code t, y, x} order): for tests and small synthetic data. */
public final class InMemoryStack implements StackSource {
    private final String description;
    private final int frames;
    private final int height;
    private final int width;
    private final short[] samples;

    private InMemoryStack(String description, int frames, int height, int width, short[] samples) {
        this.description = description;
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.samples = samples;
    }

    /** Wraps (does not copy) {@code samples}, which must hold exactly {@code frames*height*width} values. */
    public static InMemoryStack wrap(String description, int frames, int height, int width, short[] samples) {
        long n = Tile.checkedSize(frames, height, width);
        if (samples.length != n) {
            throw new IllegalArgumentException("Invalid stack: " + frames + "x" + height + "x" + width + " needs " + n
                    + " samples, got " + samples.length);
        }
        return new InMemoryStack(description, frames, height, width, samples);
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) {
        ReadChecks.checkBlock(this, t0, nt, y0, h, x0, w, dst);
        BlockCopy.rows(samples, 0, 0, 0, height, width, t0, nt, y0, h, x0, w, BlockCopy.into(dst, t0, y0, h, x0, w));
    }

    @Override
    public void close() {}
}
