package org.photonzip.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** White noise has a flat spectrum at its variance; smoothed noise and row stripes do not. */
class ErrorSpectrumTest {
    static final int H = 64;
    static final int W = 96;

    @Test
    void whiteNoiseIsFlatAtItsVariance() {
        Random r = new Random(11);
        ErrorSpectrum s = new ErrorSpectrum(H, W);
        for (int f = 0; f < 8; f++) {
            double[] e = new double[H * W];
            for (int i = 0; i < e.length; i++) {
                e[i] = 3 * r.nextGaussian();
            }
            s.add(e);
        }
        ErrorSpectrum.Result res = s.result();
        assertTrue(res.flatness() > 0.97, "flatness " + res.flatness());
        assertEquals("white", res.verdict());
        double mean = 0;
        for (double p : res.power()) {
            mean += p / res.power().length;
        }
        assertEquals(9, mean, 0.5, "power per frequency = variance");
    }

    @Test
    void smoothedNoiseAndStripesAreStructured() {
        Random r = new Random(12);
        ErrorSpectrum smooth = new ErrorSpectrum(H, W);
        ErrorSpectrum stripes = new ErrorSpectrum(H, W);
        for (int f = 0; f < 4; f++) {
            double[] e = new double[H * W];
            for (int i = 0; i < e.length; i++) {
                e[i] = r.nextGaussian();
            }
            smooth.add(Ssim.blur(e, H, W));
            double[] rows = new double[H * W];
            for (int y = 0; y < H; y++) {
                double v = r.nextGaussian();
                for (int x = 0; x < W; x++) {
                    rows[y * W + x] = v + 0.05 * r.nextGaussian();
                }
            }
            stripes.add(rows);
        }
        assertTrue(
                smooth.result().flatness() < 0.5, "low-pass: " + smooth.result().flatness());
        assertEquals(
                "structured",
                stripes.result().verdict(),
                "flatness " + stripes.result().flatness());
        assertEquals("no error", new ErrorSpectrum(H, W).result().verdict());
    }
}
