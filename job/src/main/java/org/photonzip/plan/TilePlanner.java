package org.photonzip.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@code frames × height × width} stack into tiles.
 *
 * <p>The default shape comes from measurements on the shared datasets (docs/benchmarks.md): spatial tiles up to
 * 512 × 512 (larger tiles lose little random access and have fewer borders, where the model knows less), and
 * enough frames that a tile holds about 4 M samples but at least 64 frames (each tile's first frame is coded
 * without temporal context and the model's weights and tables are paid once per tile). Small frames thus get
 * long frame runs: a 22 × 26 detector gets up to 4096 frames per tile.
 */
public final class TilePlanner {
    static final int MAX_SIDE = 512;
    static final int MIN_FRAMES = 64;
    static final int MAX_FRAMES = 4096;
    static final long TARGET_SAMPLES = 4L << 20;

    private TilePlanner() {}

    /** The default largest tile for a stack of this shape. */
    public static TileShape defaultShape(int frames, int height, int width) {
        checkStack(frames, height, width);
        int h = balanced(height, MAX_SIDE);
        int w = balanced(width, MAX_SIDE);
        long wanted = (TARGET_SAMPLES + (long) h * w - 1) / ((long) h * w);
        int f = (int) Math.max(MIN_FRAMES, Math.min(MAX_FRAMES, wanted));
        return new TileShape(Math.min(f, frames), h, w);
    }

    /** Tiles of at most {@code shape}, balanced along each axis, in frame-major, row, column order. */
    public static List<TileRegion> plan(int frames, int height, int width, TileShape shape) {
        checkStack(frames, height, width);
        int f = balanced(frames, shape.frames());
        int h = balanced(height, shape.height());
        int w = balanced(width, shape.width());
        List<TileRegion> tiles = new ArrayList<>();
        for (int t0 = 0; t0 < frames; t0 += f) {
            for (int y0 = 0; y0 < height; y0 += h) {
                for (int x0 = 0; x0 < width; x0 += w) {
                    tiles.add(new TileRegion(
                            t0, Math.min(f, frames - t0), y0, Math.min(h, height - y0), x0, Math.min(w, width - x0)));
                }
            }
        }
        return tiles;
    }

    /** The tile length that splits {@code length} into the fewest pieces of at most {@code max}, evenly. */
    static int balanced(int length, int max) {
        int pieces = (length + max - 1) / max;
        return (length + pieces - 1) / pieces;
    }

    private static void checkStack(int frames, int height, int width) {
        if (frames <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Invalid stack shape " + frames + "x" + height + "x" + width);
        }
    }
}
