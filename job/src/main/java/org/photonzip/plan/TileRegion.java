package org.photonzip.plan;

/** Where a tile lies in its stack: frames {@code [t0, t0+frames)}, rows {@code [y0, y0+height)}, columns {@code [x0, x0+width)}. */
public record TileRegion(int t0, int frames, int y0, int height, int x0, int width) implements java.io.Serializable {
    public long samples() {
        return (long) frames * height * width;
    }

    @Override
    public String toString() {
        return "tile " + frames + "x" + height + "x" + width + " at frame " + t0 + " row " + y0 + " column " + x0;
    }
}
