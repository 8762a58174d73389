package org.photonzip.plan;

import java.util.Locale;

/**
 * The largest tile a stack is cut into, {@code FRAMESxHEIGHTxWIDTH}; {@link TilePlanner} balances the actual
 * tiles so that none is much smaller than the others.
 */
public record TileShape(int frames, int height, int width) {
    public TileShape {
        if (frames <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid tile shape " + frames + "x" + height + "x" + width);
        }
    }

    /** Parses {@code FRAMESxHEIGHTxWIDTH}, e.g. {@code 64x256x256}. */
    public static TileShape parse(String spec) {
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Invalid tile shape " + spec + ": expected FRAMESxHEIGHTxWIDTH");
        }
        try {
            return new TileShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid tile shape " + spec + ": expected FRAMESxHEIGHTxWIDTH", e);
        }
    }

    @Override
    public String toString() {
        return frames + "x" + height + "x" + width;
    }
}
