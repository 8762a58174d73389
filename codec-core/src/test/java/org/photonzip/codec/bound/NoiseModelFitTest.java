package org.photonzip.codec.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseModelFitTest {
    private static final double GAIN = 1.5;
    private static final double DARK = 100;
    private static final double READ = 3;

    /** Frames of a static scene: pixel p has mean {@code mean[p]}, Gaussian noise of the model's variance. */
    private static short[] frames(double[] mean, int count, long seed, boolean zingers) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] out = new short[count * mean.length];
        for (int t = 0; t < count; t++) {
            for (int p = 0; p < mean.length; p++) {
                double sd = Math.sqrt(GAIN * Math.max(mean[p] - DARK, 0) + READ * READ);
                double v = mean[p] + sd * r.nextGaussian();
                if (zingers && r.nextInt(500) == 0) {
                    v = 65535;
                }
                out[t * mean.length + p] = (short) Math.max(0, Math.min(65535, Math.round(v)));
            }
        }
        return out;
    }

    private static double[] ramp(int pixels, double lo, double hi) {
        double[] m = new double[pixels];
        for (int p = 0; p < pixels; p++) {
            m[p] = lo + (hi - lo) * p / (pixels - 1);
        }
        return m;
    }

    @Test
    void flatsAndDarksRecoverGainReadNoiseAndDark() {
        int pixels = 64 * 64;
        short[] flats = frames(ramp(pixels, 8000, 50000), 20, 1, true);
        double[] darkLevel = new double[pixels];
        java.util.Arrays.fill(darkLevel, DARK);
        short[] darks = frames(darkLevel, 20, 2, true);
        NoiseModel m =
                NoiseModelFit.fromFlatsAndDarks(flats, 20, darks, 20, pixels).orElseThrow();
        assertEquals(GAIN, m.gain(), 0.05 * GAIN, m.describe());
        assertEquals(READ, m.readNoise(), 0.15 * READ, m.describe());
        assertEquals(DARK, m.dark(), 1, m.describe());
    }

    @Test
    void stackRecoversTheNoiseCurve() {

        int pixels = 96 * 96;
        short[] stack = frames(ramp(pixels, 500, 60000), 12, 3, true);
        NoiseModel m = NoiseModelFit.fromStack(stack, 12, 96, 96).orElseThrow();
        for (double intensity : new double[] {2000, 20000, 50000}) {
            double truth = Math.sqrt(GAIN * (intensity - DARK) + READ * READ);
            assertEquals(truth, m.sigma(intensity), 0.05 * truth, m.describe() + " at " + intensity);
        }
    }

    @Test
    void unusableInputGivesNoModel() {
        int pixels = 32 * 32;
        short[] stack = frames(ramp(pixels, 500, 60000), 3, 4, false);
        assertEquals(Optional.empty(), NoiseModelFit.fromStack(stack, 2, 32, 32), "two frames");
        assertEquals(Optional.empty(), NoiseModelFit.fromStack(new short[3 * pixels], 3, 32, 32), "no noise");
        assertEquals(Optional.empty(), NoiseModelFit.fromFlatsAndDarks(stack, 1, stack, 1, pixels), "one flat");
        short[] flat = new short[2 * pixels];
        java.util.Arrays.fill(flat, (short) 30000);
        assertEquals(Optional.empty(), NoiseModelFit.fromFlatsAndDarks(flat, 2, flat, 2, pixels), "no variance");
    }

    @Test
    void jaggedArraysGiveTheSameFit() {
        int h = 40, w = 40;
        short[] flats = frames(ramp(h * w, 8000, 50000), 6, 5, false);
        double[] darkLevel = new double[h * w];
        java.util.Arrays.fill(darkLevel, DARK);
        short[] darks = frames(darkLevel, 6, 6, false);
        Optional<NoiseModel> flat = NoiseModelFit.fromFlatsAndDarks(flats, 6, darks, 6, h * w);
        assertTrue(flat.isPresent());
        assertEquals(flat, NoiseModelFit.fromFlatsAndDarks(jagged(flats, 6, h, w), jagged(darks, 6, h, w)));
    }

    private static int[][][] jagged(short[] s, int f, int h, int w) {
        int[][][] out = new int[f][h][w];
        for (int i = 0; i < s.length; i++) {
            out[i / (h * w)][i / w % h][i % w] = s[i] & 0xFFFF;
        }
        return out;
    }
}
