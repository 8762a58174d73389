package org.photonzip.tools.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StackGeneratorTest {
    private static final int H = 96;
    private static final int W = 128;

    private static StackGenerator generator(long seed, int frames) {
        return new StackGenerator(GeneratorConfig.builder()
                .frames(frames)
                .height(H)
                .width(W)
                .seed(seed)
                .build());
    }

    private static short[] frame(StackGenerator g, int t) {
        short[] f = new short[H * W];
        g.frame(t, f);
        return f;
    }

    private static float[] expected(StackGenerator g, int t) {
        float[] f = new float[H * W];
        g.expectedIntensity(t, f);
        return f;
    }

    @Test
    void sameSeedGivesSameBytesInAnyOrderAndThread() throws Exception {
        StackGenerator a = generator(42, 20);
        StackGenerator b = generator(42, 20);
        short[] a7 = frame(a, 7);
        // b renders other frames first, and frame 7 on another thread: streams are keyed by frame, not by history.
        frame(b, 19);
        frame(b, 3);
        short[] b7 = CompletableFuture.supplyAsync(() -> frame(b, 7)).get();
        assertArrayEquals(a7, b7);
        short[] fa = new short[H * W], fb = new short[H * W];
        a.flat(2, fa);
        b.flat(2, fb);
        assertArrayEquals(fa, fb);
        a.dark(1, fa);
        b.dark(1, fb);
        assertArrayEquals(fa, fb);
        assertArrayEquals(expected(a, 11), expected(b, 11));
    }

    @Test
    void differentSeedsAndFramesDiffer() {
        StackGenerator a = generator(1, 8);
        StackGenerator b = generator(2, 8);
        assertFalse(Arrays.equals(frame(a, 0), frame(b, 0)));
        assertFalse(Arrays.equals(frame(a, 0), frame(a, 1)));
        // Even with the same noise-free signal, two flats differ by their noise.
        short[] f0 = new short[H * W], f1 = new short[H * W];
        a.flat(0, f0);
        a.flat(1, f1);
        assertFalse(Arrays.equals(f0, f1));
    }

    @Test
    void flatFieldsAverageToTheirExpectationAndTheOpenBeamLevel() {
        StackGenerator g = generator(5, 4);
        GeneratorConfig cfg = g.config();
        float[] e = new float[H * W];
        short[] f = new short[H * W];
        double sumObserved = 0, sumExpected = 0;
        int n = 0;
        for (int i = 0; i < cfg.flats(); i++) {
            g.flat(i, f);
            g.expectedFlat(i, e);
            // Central block: away from the bright spots that saturate.
            for (int y = H / 3; y < 2 * H / 3; y++) {
                for (int x = W / 3; x < 2 * W / 3; x++) {
                    sumObserved += f[y * W + x] & 0xFFFF;
                    sumExpected += e[y * W + x];
                    n++;
                }
            }
        }
        double meanObserved = sumObserved / n, meanExpected = sumExpected / n;
        // Photon noise ~ 260 ADU per pixel, averaged over ~14,000 pixels: a few ADU, plus zingers.
        assertEquals(meanExpected, meanObserved, 15, "mean of flats vs expected");
        // The centre of the beam profile is near the configured open-beam level (ripples and drift: a few %).
        assertEquals(cfg.openBeamAdu(), meanExpected, 0.1 * cfg.openBeamAdu());
    }

    @Test
    void noiseVarianceGrowsWithIntensityWithSlopeGain() {
        StackGenerator g = generator(9, 16);
        GeneratorConfig cfg = g.config();
        double[] base = g.columnBase();
        boolean[] hot = hotMask(g);
        int bins = 8;
        double lo = 8_000, hi = 62_000;
        double[] sum = new double[bins], sum2 = new double[bins], sumSignal = new double[bins];
        long[] count = new long[bins];
        for (int t = 0; t < cfg.frames(); t++) {
            short[] f = frame(g, t);
            float[] e = expected(g, t);
            for (int i = 0; i < f.length; i++) {
                double signal = e[i] - base[i % W];
                int bin = (int) ((signal - lo) / (hi - lo) * bins);
                if (hot[i] || bin < 0 || bin >= bins || e[i] > 63_000) {
                    continue;
                }
                double r = (f[i] & 0xFFFF) - e[i];
                if (Math.abs(r) > 8 * Math.sqrt(cfg.gain() * signal)) {
                    continue; // zinger
                }
                sum[bin] += r;
                sum2[bin] += r * r;
                sumSignal[bin] += signal;
                count[bin]++;
            }
        }
        // Least-squares line through (mean signal, variance) of the populated bins.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] < 2000) {
                continue;
            }
            double x = sumSignal[b] / count[b];
            double mean = sum[b] / count[b];
            double var = sum2[b] / count[b] - mean * mean;
            double model = cfg.gain() * x + cfg.readNoiseAdu() * cfg.readNoiseAdu();
            assertEquals(model, var, 0.06 * model, "variance at signal " + x);
            sx += x;
            sy += var;
            sxx += x * x;
            sxy += x * var;
            m++;
        }
        assertTrue(m >= 4, "populated intensity bins: " + m);
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        assertEquals(cfg.gain(), slope, 0.05 * cfg.gain(), "slope of variance vs intensity");
    }

    @Test
    void darkFramesShowReadNoiseAndColumnOffsets() {
        StackGenerator g = generator(3, 2);
        GeneratorConfig cfg = g.config();
        double[] base = g.columnBase();
        boolean[] hot = hotMask(g);
        double[] colSum = new double[W];
        int[] colCount = new int[W];
        double s2 = 0;
        long n = 0;
        short[] f = new short[H * W];
        for (int i = 0; i < cfg.darks(); i++) {
            g.dark(i, f);
            for (int p = 0; p < f.length; p++) {
                double r = (f[p] & 0xFFFF) - base[p % W];
                if (hot[p] || Math.abs(r) > 30) {
                    continue;
                }
                colSum[p % W] += f[p] & 0xFFFF;
                colCount[p % W]++;
                s2 += r * r;
                n++;
            }
        }
        // Rounding adds 1/12 ADU² to the read-noise variance.
        double rn2 = cfg.readNoiseAdu() * cfg.readNoiseAdu() + 1.0 / 12;
        assertEquals(rn2, s2 / n, 0.05 * rn2);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int x = 0; x < W; x++) {
            assertEquals(base[x], colSum[x] / colCount[x], 0.5, "dark level of column " + x);
            min = Math.min(min, base[x]);
            max = Math.max(max, base[x]);
        }
        assertTrue(max - min > 10, "column offsets span " + (max - min) + " ADU");
    }

    @Test
    void hotPixelsAreStuckInEveryFrameIncludingDarks() {
        StackGenerator g = generator(4, 3);
        int[] hot = g.hotPixels();
        assertTrue(hot.length >= 1);
        short[] p = frame(g, 0), q = frame(g, 2), d = new short[H * W];
        g.dark(0, d);
        boolean someVeryHigh = false;
        for (int i : hot) {
            assertEquals(p[i], q[i]);
            assertEquals(p[i], d[i]);
            someVeryHigh |= (d[i] & 0xFFFF) > 5000;
        }
        assertTrue(someVeryHigh);
    }

    @Test
    void brightSpotsSaturateAndZingersAppearAtTheConfiguredRate() {
        StackGenerator g = generator(6, 40);
        GeneratorConfig cfg = g.config();
        boolean[] hot = hotMask(g);
        short[] f = new short[H * W];
        float[] e = new float[H * W];
        g.flat(0, f);
        g.expectedFlat(0, e);
        int saturated = 0;
        for (int i = 0; i < f.length; i++) {
            if (!hot[i] && e[i] > 65_535 + 2000) {
                assertEquals(65535, f[i] & 0xFFFF, "pixel expected far above full scale");
            }
            if (!hot[i] && (f[i] & 0xFFFF) == 65535) {
                saturated++;
            }
        }
        assertTrue(saturated > 0, "saturated pixels in a flat");

        long outliers = 0;
        for (int t = 0; t < cfg.frames(); t++) {
            g.frame(t, f);
            g.expectedIntensity(t, e);
            for (int i = 0; i < f.length; i++) {
                double sd = Math.sqrt(cfg.gain() * e[i]);
                if (!hot[i] && e[i] < 60_000 && (f[i] & 0xFFFF) - e[i] > 10 * sd) {
                    outliers++;
                }
            }
        }
        double rate = (double) outliers / ((long) cfg.frames() * H * W);
        // Dim cluster members and zingers on bright or saturating pixels escape the count.
        assertTrue(rate > 0.4 * cfg.zingerFraction() && rate < 1.5 * cfg.zingerFraction(), "zinger rate " + rate);
    }

    @Test
    void beamDriftsAndJumpsAtTopUps() {
        StackGenerator g = generator(8, 200);
        int[] topUps = g.topUpFrames();
        assertEquals(2, topUps.length); // automatic: one per 100 frames
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int t = 0; t < 200; t++) {
            min = Math.min(min, g.beamIntensity(t));
            max = Math.max(max, g.beamIntensity(t));
        }
        assertTrue(max - min > 0.01 && max - min < 0.15, "beam range " + min + ".." + max);
        int t = topUps[0];
        double jump = g.beamIntensity(t) / g.beamIntensity(t - 1) - 1;
        assertTrue(jump > 0.004, "top-up step " + jump);
        // The data follow the beam: an open-beam pixel scales with it exactly.
        double base = g.columnBase()[0];
        double ratio = (expected(g, t)[0] - base) / (expected(g, t - 1)[0] - base);
        assertEquals(g.beamIntensity(t) / g.beamIntensity(t - 1), ratio, 1e-5);
    }

    @Test
    void rotatingSampleAbsorbsAndShowsEdgeFringes() {
        StackGenerator g = generator(10, 8);
        double[] base = g.columnBase();
        float[] flat = new float[H * W];
        g.expectedFlat(0, flat);
        float[] e0 = expected(g, 0);
        float[] e4 = expected(g, 4);
        // Transmission relative to the flat, normalised by the corner pixel (outside the sample) for the drift.
        double norm = (e0[0] - base[0]) / (flat[0] - base[0]);
        double min = Double.MAX_VALUE, max = 0;
        int changed = 0;
        for (int i = 0; i < e0.length; i++) {
            double tr = (e0[i] - base[i % W]) / (flat[i] - base[i % W]) / norm;
            min = Math.min(min, tr);
            max = Math.max(max, tr);
            if (Math.abs(e0[i] - e4[i]) > 0.05 * e0[i]) {
                changed++;
            }
        }
        assertTrue(min > 0.1 && min < 0.4, "lowest transmission " + min);
        assertTrue(max > 1.03, "bright phase-contrast fringe " + max);
        // 90° later the sample looks different over a good part of the frame.
        assertTrue(changed > e0.length / 50, "pixels changed by rotation: " + changed);
        assertEquals(90.0, g.rotationAngles()[4], 1e-12);
    }

    @Test
    void readCropsWholeFrames() {
        StackGenerator g = generator(11, 6);
        short[] block = new short[3 * 7 * 11];
        g.read(2, 3, 5, 7, 9, 11, block);
        for (int k = 0; k < 3; k++) {
            short[] f = frame(g, 2 + k);
            for (int y = 0; y < 7; y++) {
                for (int x = 0; x < 11; x++) {
                    assertEquals(f[(5 + y) * W + 9 + x], block[(k * 7 + y) * 11 + x]);
                }
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> g.read(5, 2, 0, 1, 0, 1, new short[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> g.read(0, 1, 0, 1, W - 1, 2, new short[2]));
        assertThrows(IllegalArgumentException.class, () -> g.read(0, 2, 0, 2, 0, 2, new short[7]));
        assertThrows(IndexOutOfBoundsException.class, () -> g.frame(6, new short[H * W]));
        assertThrows(IllegalArgumentException.class, () -> g.frame(0, new short[H * W - 1]));
    }

    @Test
    void invalidConfigsAreRejectedWithTheirReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(0, 8, 8, 1));
        assertTrue(e.getMessage().contains("Invalid frames: 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(1, 100_000, 100_000, 1));
        assertTrue(e.getMessage().contains("frame size"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> GeneratorConfig.builder().gain(0).build());
        assertTrue(e.getMessage().contains("Invalid gain"), e.getMessage());
    }

    @Test
    void tinyAndOddShapesWork() {
        for (int[] shape : new int[][] {{1, 1, 1}, {2, 1, 7}, {3, 5, 1}, {2, 3, 300}}) {
            StackGenerator g = new StackGenerator(GeneratorConfig.of(shape[0], shape[1], shape[2], 1));
            short[] f = new short[shape[1] * shape[2]];
            short[] d = new short[f.length];
            for (int t = 0; t < shape[0]; t++) {
                g.frame(t, f);
            }
            g.flat(0, f);
            g.dark(0, d);
            long flatSum = 0, darkSum = 0;
            for (int i = 0; i < f.length; i++) {
                flatSum += f[i] & 0xFFFF;
                darkSum += d[i] & 0xFFFF;
            }
            assertTrue(flatSum > darkSum, "flat brighter than dark for shape " + Arrays.toString(shape));
        }
    }

    private static boolean[] hotMask(StackGenerator g) {
        boolean[] m = new boolean[g.height() * g.width()];
        for (int i : g.hotPixels()) {
            m[i] = true;
        }
        return m;
    }
}
