package org.photonzip.tools.bench;

/** One tile of the stack under test: where it lies and its samples ({@code t, y, x}, uint16 bit patterns). */
final class BenchTile {
    final int t0;
    final int y0;
    final int x0;
    final int frames;
    final int height;
    final int width;
    final short[] samples;
    private byte[] littleEndian;

    BenchTile(int t0, int y0, int x0, int frames, int height, int width, short[] samples) {
        this.t0 = t0;
        this.y0 = y0;
        this.x0 = x0;
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.samples = samples;
    }

    /** The samples as little-endian bytes, as a uint16 file or HDF5 chunk holds them; built once per tile. */
    byte[] littleEndian() {
        if (littleEndian == null) {
            byte[] out = new byte[samples.length * 2];
            for (int i = 0; i < samples.length; i++) {
                out[2 * i] = (byte) samples[i];
                out[2 * i + 1] = (byte) (samples[i] >>> 8);
            }
            littleEndian = out;
        }
        return littleEndian;
    }

    /** "frame t row y column x" of sample {@code i} in stack coordinates, for mismatch reports. */
    String where(int i) {
        int x = i % width;
        int y = i / width % height;
        int t = i / (width * height);
        return "frame " + (t0 + t) + " row " + (y0 + y) + " column " + (x0 + x);
    }

    @Override
    public String toString() {
        return "tile " + frames + "x" + height + "x" + width + " at frame " + t0 + " row " + y0 + " column " + x0;
    }
}
