package org.photonzip.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.NoiseModel;

class DistortionTest {
    @Test
    void uniformErrorWithinOneSigmaHasRmseOverSigmaOfOneOverRootThree() {
        NoiseModel noise = NoiseModel.of(1, 0, 0.5);
        SplittableRandom r = new SplittableRandom(1);
        short[] src = new short[200_000];
        short[] out = new short[src.length];
        double sigma = Math.sqrt(10_000 + 0.25);
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) 10_000;
            out[i] = (short) (10_000 + Math.round((2 * r.nextDouble() - 1) * sigma));
        }
        Distortion d = new Distortion(noise);
        d.add(src, out);
        assertEquals(1 / Math.sqrt(3), d.rmseOverSigma(), 0.01);
        assertEquals(100, d.maxError());
        assertEquals(sigma / Math.sqrt(3), d.rmse(), 0.6);
        assertEquals(20 * Math.log10(65535 / d.rmse()), d.psnr(), 1e-9);
    }

    @Test
    void withoutANoiseModelThereIsNoRmseOverSigma() {
        Distortion d = new Distortion(null);
        d.add(new short[] {1, 2, 3}, new short[] {1, 2, 3});
        assertTrue(Double.isNaN(d.rmseOverSigma()));
        assertEquals(0, d.maxError());
        assertTrue(Double.isInfinite(d.psnr()));
    }
}
