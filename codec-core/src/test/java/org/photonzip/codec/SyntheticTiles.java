package org.photonzip.codec;

import java.util.SplittableRandom;

/** Small synthetic tiles with the traits of projection stacks and of the awkward cases. */
final class SyntheticTiles {
    private SyntheticTiles() {}

    static Tile constant(int f, int h, int w, int value) {
        Tile t = Tile.allocate(f, h, w);
        java.util.Arrays.fill(t.samples(), (short) value);
        return t;
    }

    static Tile uniformNoise(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        short[] s = t.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(65536);
        }
        return t;
    }

    /** A drifting smooth object under Poisson-like noise, with zingers and a saturated patch. */
    static Tile projections(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        for (int k = 0; k < f; k++) {
            double beam = 30000 * (1 + 0.01 * Math.sin(k * 0.3));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = (x - w / 2.0 - 3 * Math.sin(k * 0.05)) / (w / 3.0 + 1);
                    double dy = (y - h / 2.0) / (h / 3.0 + 1);
                    double mu = Math.max(0, 1 - dx * dx - dy * dy);
                    double mean = 100 + beam * Math.exp(-1.5 * mu);
                    double v = mean + r.nextGaussian() * Math.sqrt(1.5 * mean);
                    if (r.nextInt(5000) == 0) {
                        v = 60000 + r.nextInt(5536);
                    }
                    if (x < 2 && y < 2) {
                        v = 65535;
                    }
                    t.set(k, y, x, (int) Math.max(0, Math.min(65535, Math.round(v))));
                }
            }
        }
        return t;
    }

    /** Every sample an extreme: 0 or 65535 at random. */
    static Tile allOutliers(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        short[] s = t.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (r.nextBoolean() ? 65535 : 0);
        }
        return t;
    }

    /** Values of {@code projections} rescaled by {@code factor} and rounded: a sparse lattice. */
    static Tile rescaled(Tile source, double factor) {
        Tile t = Tile.allocate(source.frames(), source.height(), source.width());
        short[] in = source.samples();
        short[] out = t.samples();
        for (int i = 0; i < in.length; i++) {
            out[i] = (short) Math.min(65535, Math.round((in[i] & 0xFFFF) / 4.0 * factor));
        }
        return t;
    }

    /** Every value multiplied by {@code k}: a lattice with step {@code k} (a binned or rescaled detector). */
    static Tile multiplied(Tile source, int k) {
        Tile t = Tile.allocate(source.frames(), source.height(), source.width());
        short[] in = source.samples();
        short[] out = t.samples();
        for (int i = 0; i < in.length; i++) {
            out[i] = (short) Math.min(65535, (in[i] & 0xFFFF) * k);
        }
        return t;
    }

    /** A two-level image (mask-like), with a few intermediate values. */
    static Tile fewLevels(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        for (int k = 0; k < f; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = (x + k) % 16 < 8 ? 1000 : 50000;
                    if (r.nextInt(100) == 0) {
                        v = 20000;
                    }
                    t.set(k, y, x, v);
                }
            }
        }
        return t;
    }
}
