package org.photonzip.codec.golden;

import java.util.SplittableRandom;
import org.photonzip.codec.Tile;

/**
 * The source tiles of the golden streams: small, seeded, and each built to reach one path of the format (value
 * map kind, stored body, one frame, 1×1 frames, escapes). Changing any of them changes the golden hashes.
 */
final class GoldenTiles {
    private GoldenTiles() {}

    /** A drifting smooth object under photon-like noise. */
    static Tile projections(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        for (int k = 0; k < f; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = (x - w / 2.0 - k * 0.3) / (w / 3.0 + 1);
                    double dy = (y - h / 2.0) / (h / 3.0 + 1);
                    double mean = 1200 + 20000 * Math.exp(-1.5 * Math.max(0, 1 - dx * dx - dy * dy));
                    t.set(k, y, x, clamp(mean + r.nextGaussian() * Math.sqrt(mean)));
                }
            }
        }
        return t;
    }

    /** One pixel over many frames: a slow drift with rare photon-noise steps. */
    static Tile series(int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, 1, 1);
        for (int k = 0; k < f; k++) {
            t.set(k, 0, 0, 1000 + k / 8 + (r.nextInt(10) == 0 ? r.nextInt(-3, 4) : 0));
        }
        return t;
    }

    static Tile noise(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        for (int i = 0; i < t.size(); i++) {
            t.samples()[i] = (short) r.nextInt(65536);
        }
        return t;
    }

    /** Values on a lattice of step 7 (a rescaled detector): the value table kind. */
    static Tile lattice(int f, int h, int w, long seed) {
        Tile t = projections(f, h, w, seed);
        for (int i = 0; i < t.size(); i++) {
            t.samples()[i] = (short) (300 + 7 * ((t.samples()[i] & 0xFFFF) / 200));
        }
        return t;
    }

    /** A few levels (a mask or a phantom): also the table kind, with large gaps. */
    static Tile levels(int f, int h, int w) {
        Tile t = Tile.allocate(f, h, w);
        int[] level = {40, 9000, 41000};
        for (int k = 0; k < f; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    t.set(k, y, x, level[((x + k) / 4 + y / 5) % 3]);
                }
            }
        }
        return t;
    }

    /** A smooth background with hot pixels, dead pixels and zingers: large tokens and raw extra bits. */
    static Tile outliers(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = projections(f, h, w, seed);
        for (int i = 0; i < t.size(); i++) {
            int roll = r.nextInt(100);
            if (roll < 2) {
                t.samples()[i] = (short) (60000 + r.nextInt(5536));
            } else if (roll < 3) {
                t.samples()[i] = 0;
            }
        }
        return t;
    }

    /** A ramp over the whole uint16 range with noise: maxIndex 65535, the highest contexts. */
    static Tile fullRange(int f, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        for (int k = 0; k < f; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 65535.0 * (x + y * w) / (h * w - 1) + r.nextGaussian() * 300;
                    t.set(k, y, x, clamp(x + y == 0 ? 0 : x + y == h + w - 2 ? 65535 : v));
                }
            }
        }
        return t;
    }

    static Tile constant(int f, int h, int w, int value) {
        Tile t = Tile.allocate(f, h, w);
        java.util.Arrays.fill(t.samples(), (short) value);
        return t;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(65535, Math.round(v)));
    }
}
