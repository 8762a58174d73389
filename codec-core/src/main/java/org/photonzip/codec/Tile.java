package org.photonzip.codec;

/**
 * A block of uint16 samples: {@code frames} consecutive frames of a {@code height} × {@code width} pixel
 * rectangle, stored frame-major then row-major ({@code t, y, x}) in one {@code short[]} holding the unsigned
 * values' bit patterns.
 */
public final class Tile {
    /** Largest number of samples one tile may hold, so that every index fits an {@code int}. */
    public static final long MAX_SAMPLES = Integer.MAX_VALUE - 8;

    private final int frames;
    private final int height;
    private final int width;
    private final short[] samples;

    private Tile(int frames, int height, int width, short[] samples) {
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.samples = samples;
    }

    /** Wraps (does not copy) {@code samples}, which must hold exactly {@code frames*height*width} values. */
    public static Tile wrap(int frames, int height, int width, short[] samples) {
        long n = checkedSize(frames, height, width);
        if (samples.length != n) {
            throw new IllegalArgumentException("Invalid tile: " + frames + "x" + height + "x" + width + " needs " + n
                    + " samples, got " + samples.length);
        }
        return new Tile(frames, height, width, samples);
    }

    /** A zero-filled tile. */
    public static Tile allocate(int frames, int height, int width) {
        return new Tile(frames, height, width, new short[(int) checkedSize(frames, height, width)]);
    }

    /** Number of samples of a {@code frames×height×width} tile; rejects empty and oversized shapes. */
    public static long checkedSize(int frames, int height, int width) {
        if (frames <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid tile shape: " + frames + "x" + height + "x" + width);
        }
        // Staged, so that the product cannot wrap around (2^21 · 2^21 · 2^22 is 0 in 64 bits).
        long plane = (long) height * width;
        long n = plane > MAX_SAMPLES ? Long.MAX_VALUE : plane * frames;
        if (n > MAX_SAMPLES) {
            throw new IllegalArgumentException("Invalid tile shape: " + frames + "x" + height + "x" + width
                    + " holds more than " + MAX_SAMPLES + " samples");
        }
        return n;
    }

    public int frames() {
        return frames;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixelsPerFrame() {
        return height * width;
    }

    public int size() {
        return samples.length;
    }

    /** The unsigned value at frame {@code t}, row {@code y}, column {@code x}. */
    public int get(int t, int y, int x) {
        return samples[(t * height + y) * width + x] & 0xFFFF;
    }

    public void set(int t, int y, int x, int value) {
        samples[(t * height + y) * width + x] = (short) value;
    }

    /** The backing array (not a copy): samples as unsigned 16-bit bit patterns, {@code t, y, x} order. */
    public short[] samples() {
        return samples;
    }

    @Override
    public String toString() {
        return "Tile[" + frames + "x" + height + "x" + width + "]";
    }
}
