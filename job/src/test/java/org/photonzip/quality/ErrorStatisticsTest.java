package org.photonzip.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/** Per-frame and overall error figures against values worked out by hand. */
class ErrorStatisticsTest {
    private static short[] u16(int... v) {
        short[] s = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = (short) v[i];
        }
        return s;
    }

    @Test
    void knownErrorsGiveKnownFigures() {
        NoiseModel flat = NoiseModel.of(0, 0, 2); // σ = 2 everywhere
        FrameErrors errors = new FrameErrors(2, flat);
        errors.add(0, u16(100, 200, 300, 65535), 0, u16(100, 203, 296, 65535), 0, 4);
        errors.add(1, u16(7, 7), 0, u16(7, 7), 0, 2);
        FrameErrors.Stats f0 = errors.frame(0);
        assertEquals(4, f0.maxAbsError());
        assertEquals(2.5, f0.rmse(), 1e-12, "sqrt((9 + 16) / 4)");
        assertEquals(1.25, f0.rmseOverSigma(), 1e-12);
        assertEquals(10 * Math.log10(65535.0 * 65535 / 6.25), f0.psnr(), 1e-9);
        assertEquals(10 * Math.log10(65435.0 * 65435 / 6.25), f0.psnrRange(), 1e-9, "range 100..65535");
        FrameErrors.Stats f1 = errors.frame(1);
        assertEquals(0, f1.maxAbsError());
        assertEquals(Double.POSITIVE_INFINITY, f1.psnr());
        FrameErrors.Stats all = errors.overall(null);
        assertEquals(6, all.samples());
        assertEquals(Math.sqrt(25 / 6.0), all.rmse(), 1e-12);
        assertEquals(2.5, errors.overall(new boolean[] {true, false}).rmse(), 1e-12);
    }

    @Test
    void psnrOfAUnitErrorIsTwentyLogPeak() {
        assertEquals(20 * Math.log10(65535), Psnr.of(1000, 1000, 65535), 1e-12);
        assertEquals(96.3294, Psnr.of(1000, 1000, 65535), 1e-4);
        assertTrue(Double.isNaN(Psnr.of(0, 0, 65535)));
    }

    @Test
    void noiseBoundsAreTheCodecsOwn() {
        NoiseModel m = NoiseModel.of(1.5, 100, 3);
        assertEquals(
                Math.floor(0.5 * m.sigma(1000)), ErrorBound.noiseScaled(0.5, m).boundAt(1000), 1);
        assertEquals(7, ErrorBound.absolute(7).boundAt(1000));
    }

    @Test
    void ssimOfIdenticalImagesIsOneAndOfConstantsIsTheLuminanceTerm() {
        java.util.Random r = new java.util.Random(1);
        int h = 32;
        int w = 40;
        double[] a = new double[h * w];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1000 + 100 * r.nextGaussian();
        }
        assertEquals(1.0, Ssim.of(a, a.clone(), h, w, 65535), 1e-12);
        double[] c100 = new double[h * w];
        double[] c110 = new double[h * w];
        java.util.Arrays.fill(c100, 100);
        java.util.Arrays.fill(c110, 110);
        double c1 = Math.pow(0.01 * 255, 2);
        assertEquals((2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1), Ssim.of(c100, c110, h, w, 255), 1e-9);
        double[] noisy = a.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 100 * r.nextGaussian();
        }
        double s = Ssim.of(a, noisy, h, w, 1000);
        assertTrue(s < 0.9 && s > 0, "noise as large as the signal's variation lowers SSIM: " + s);
        assertEquals(s, Ssim.of(noisy, a, h, w, 1000), 1e-12, "symmetric");
        assertEquals(
                (long) (h - 10) * (w - 10),
                Ssim.sum(a, a, h, w, 1, true, true, true, true).windows());
        assertEquals(
                (long) h * (w - 5),
                Ssim.sum(a, a, h, w, 1, false, false, true, false).windows());
    }

    @Test
    void reflectMirrorsIncludingTheEdgeSample() {
        assertEquals(0, Ssim.reflect(-1, 5));
        assertEquals(1, Ssim.reflect(-2, 5));
        assertEquals(4, Ssim.reflect(5, 5));
        assertEquals(3, Ssim.reflect(6, 5));
        assertEquals(0, Ssim.reflect(3, 1));
    }
}
