package org.photonzip.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseFloorTest {
    private static final double GAIN = 1.5;
    private static final double READ_NOISE = 2.5;
    private static final double BASE = 100;

    private static double gaussianEntropy(double variance) {
        return 0.5 * Math.log(2 * Math.PI * Math.E * variance) / Math.log(2);
    }

    @Test
    void highIntensityFollowsTheGaussianFormula() {
        NoiseFloor floor = new NoiseFloor(GAIN, READ_NOISE);
        for (double expected : new double[] {5_000, 30_000, 50_000}) {
            double variance = GAIN * (expected - BASE) + READ_NOISE * READ_NOISE;
            assertEquals(gaussianEntropy(variance), floor.bits(expected, BASE), 0.01, "at " + expected);
        }
    }

    @Test
    void exactSumAgreesWithTheGaussianLimitForModerateMeans() {
        // The numerical Poisson-Gaussian sum and the closed form are computed independently.
        double lambda = 200;
        double exact = NoiseFloor.exactBits(lambda, BASE, GAIN, READ_NOISE);
        assertEquals(gaussianEntropy(GAIN * GAIN * lambda + READ_NOISE * READ_NOISE), exact, 0.01);
    }

    @Test
    void withoutReadNoiseTheFloorIsThePoissonEntropy() {
        for (double lambda : new double[] {0.5, 3, 17}) {
            double h = 0, p = Math.exp(-lambda);
            for (int n = 0; n < 200; n++) {
                if (p > 0) {
                    h -= p * Math.log(p) / Math.log(2);
                }
                p *= lambda / (n + 1);
            }
            assertEquals(h, NoiseFloor.exactBits(lambda, BASE, 1.0, 0.0), 1e-9, "lambda " + lambda);
        }
        assertEquals(0.0, new NoiseFloor(1.0, 0.0).bits(BASE, BASE), 1e-12, "no noise at all");
    }

    @Test
    void darkPixelsCarryOnlyReadNoise() {
        NoiseFloor floor = new NoiseFloor(GAIN, READ_NOISE);
        // Rounding to integers acts like adding uniform noise of variance 1/12 (0.01 bits at sd 2.5).
        assertEquals(gaussianEntropy(READ_NOISE * READ_NOISE + 1.0 / 12), floor.bits(BASE, BASE), 1e-6);
    }

    @Test
    void monotoneInIntensityUpToSaturation() {
        NoiseFloor floor = new NoiseFloor(GAIN, READ_NOISE);
        double previous = -1;
        // Fine steps through the switch from the exact sum to the Gaussian limit (30 electrons = 45 ADU).
        for (double signal = 0; signal < 60_000; signal += signal < 200 ? 0.37 : 97) {
            double h = floor.bits(BASE + signal, BASE);
            assertTrue(h >= previous - 1e-9, "floor drops at signal " + signal + ": " + previous + " -> " + h);
            previous = h;
        }
    }

    @Test
    void saturatedPixelsCostNothing() {
        NoiseFloor floor = new NoiseFloor(GAIN, READ_NOISE);
        assertTrue(floor.bits(80_000, BASE) < 0.01);
        double atLimit = floor.bits(65_535, BASE);
        // Half the mass clips to one value (−½·log2 ½ = ½ bit), the other half spreads as before.
        double unclipped = gaussianEntropy(GAIN * (65_535 - BASE) + READ_NOISE * READ_NOISE);
        assertEquals(0.5 * unclipped + 0.5, atLimit, 0.02);
        assertTrue(floor.bits(65_000, BASE) > atLimit && atLimit > floor.bits(66_000, BASE));
    }

    @Test
    void generatedNoiseCostsWhatTheFloorPredicts() {
        // Cross-entropy of the generated values under the floor's model equals the floor if the generator draws
        // exactly the noise the floor assumes.
        StackGenerator g = new StackGenerator(GeneratorConfig.builder()
                .frames(6)
                .height(96)
                .width(128)
                .seed(12)
                .build());
        NoiseFloor floor = new NoiseFloor(GAIN, READ_NOISE);
        double[] base = g.columnBase();
        boolean[] hot = new boolean[96 * 128];
        for (int i : g.hotPixels()) {
            hot[i] = true;
        }
        short[] f = new short[96 * 128];
        float[] e = new float[96 * 128];
        double nll = 0, bits = 0;
        long n = 0;
        for (int t = 0; t < 6; t++) {
            g.frame(t, f);
            g.expectedIntensity(t, e);
            for (int i = 0; i < f.length; i++) {
                double mu = e[i];
                double sd = Math.sqrt(GAIN * (mu - base[i % 128]) + READ_NOISE * READ_NOISE);
                int v = f[i] & 0xFFFF;
                if (hot[i] || mu > 60_000 || Math.abs(v - mu) > 8 * sd) {
                    continue;
                }
                nll -= Math.log(Gaussian.mass((v - 0.5 - mu) / sd, (v + 0.5 - mu) / sd)) / Math.log(2);
                bits += floor.bits(mu, base[i % 128]);
                n++;
            }
        }
        assertTrue(n > 60_000);
        assertEquals(bits / n, nll / n, 0.02);
    }

    @Test
    void fileAndInMemoryFloorsAgree(@TempDir Path dir) throws IOException {
        StackGenerator g = new StackGenerator(GeneratorConfig.builder()
                .frames(3)
                .height(32)
                .width(48)
                .seed(2)
                .flats(1)
                .darks(1)
                .build());
        Path file = dir.resolve("s.h5");
        new Hdf5StackWriter(true, false, 1, null).write(g, file);
        double fromFile = NoiseFloor.bitsPerPixel(file);
        double inMemory = NoiseFloor.bitsPerPixel(g);
        assertEquals(inMemory, fromFile, 1e-4);
        // Flats at ~45,000 ADU and gain 1.5 give ~10 bits; the sample and the edges of the beam a little less.
        assertTrue(fromFile > 8.5 && fromFile < 10.5, "floor " + fromFile);
    }

    @Test
    void fileWithoutIntensityIsRejectedClearly(@TempDir Path dir) throws IOException {
        StackGenerator g = new StackGenerator(
                GeneratorConfig.builder().frames(2).height(8).width(8).build());
        Path file = dir.resolve("plain.h5");
        new Hdf5StackWriter(false, false, 1, null).write(g, file);
        IOException e = assertThrows(IOException.class, () -> NoiseFloor.bitsPerPixel(file));
        assertTrue(e.getMessage().contains("/entry/data/intensity"), e.getMessage());
    }
}
