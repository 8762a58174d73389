package org.photonzip.codec;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * Random tiles × random bounds: every restored sample is within its bound of the source. A seeded loop
 * (reproducible: a failure names its seed) rather than a property-testing library.
 */
class BoundedPropertyTest {
    private static final int TRIES = 300;

    @Test
    void everySampleIsWithinItsBound() {
        for (long seed = 1; seed <= TRIES; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            Tile tile = tile(1 + r.nextInt(4), 1 + r.nextInt(12), 1 + r.nextInt(12), r.nextInt(5), r.nextLong());
            ErrorBound bound = bound(r);
            try {
                EncodedTile e = TileCodec.encodeDetailed(tile, EncoderOptions.CLASSICAL.withErrorBound(bound));
                BoundedTileCodecTest.checkWithinBound(tile, e, bound, null);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + tile + " " + bound + ": " + e.getMessage(), e);
            }
        }
    }

    static ErrorBound bound(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> ErrorBound.absolute(r.nextInt(9));
            case 1 -> ErrorBound.absolute(r.nextInt(65536));
            default ->
                ErrorBound.noiseScaled(
                        0.004 + r.nextDouble() * 15.9,
                        NoiseModel.of(
                                0.001 + r.nextDouble() * 255, r.nextDouble() * 65535, 0.01 + r.nextDouble() * 4000));
        };
    }

    /** Small tiles of several kinds: smooth with noise, uniform noise, extremes, narrow ranges, hot pixels. */
    static Tile tile(int f, int h, int w, int kind, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tile t = Tile.allocate(f, h, w);
        short[] s = t.samples();
        int base = r.nextInt(65536);
        int spread = 1 + r.nextInt(kind == 3 ? 4 : 65536);
        for (int i = 0; i < s.length; i++) {
            int v =
                    switch (kind) {
                        case 0 ->
                            (int) (base + 0.3 * spread * Math.sin(i * 0.1) + r.nextGaussian() * Math.sqrt(spread));
                        case 1 -> r.nextInt(65536);
                        case 2 -> r.nextBoolean() ? 0 : 65535;
                        case 3 -> base + r.nextInt(spread);
                        default -> r.nextInt(50) == 0 ? 65535 : base;
                    };
            s[i] = (short) Math.max(0, Math.min(65535, v));
        }
        return t;
    }
}
