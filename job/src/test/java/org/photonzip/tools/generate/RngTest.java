package org.photonzip.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void streamsAreReproducibleAndDistinct() {
        assertEquals(Rng.stream(7, 1, 3).nextLong(), Rng.stream(7, 1, 3).nextLong());
        assertNotEquals(Rng.stream(7, 1, 3).nextLong(), Rng.stream(7, 1, 4).nextLong());
        assertNotEquals(Rng.stream(7, 1, 3).nextLong(), Rng.stream(7, 2, 3).nextLong());
        assertNotEquals(Rng.stream(7, 1, 3).nextLong(), Rng.stream(8, 1, 3).nextLong());
    }

    @Test
    void gaussianHasUnitMomentsAndNormalTails() {
        Rng rng = new Rng(123);
        int n = 2_000_000;
        double s = 0, s2 = 0, s4 = 0;
        int beyond2 = 0, beyond3 = 0, beyond4 = 0;
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian();
            s += z;
            s2 += z * z;
            s4 += z * z * z * z;
            double a = Math.abs(z);
            beyond2 += a > 2 ? 1 : 0;
            beyond3 += a > 3 ? 1 : 0;
            beyond4 += a > 4 ? 1 : 0;
        }
        assertEquals(0, s / n, 0.003);
        assertEquals(1, s2 / n, 0.004);
        assertEquals(3, s4 / n, 0.03);
        // P(|Z| > 2) = 0.0455, P(|Z| > 3) = 0.0027, P(|Z| > 4) = 6.3e-5 (the ziggurat's tail path).
        assertEquals(0.0455, (double) beyond2 / n, 0.0006);
        assertEquals(0.0027, (double) beyond3 / n, 0.00012);
        assertEquals(6.3e-5, (double) beyond4 / n, 2.5e-5);
    }

    @Test
    void poissonHasMeanAndVarianceLambda() {
        Rng rng = new Rng(5);
        for (double lambda : new double[] {0.2, 4, 29}) {
            int n = 200_000;
            double s = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                int k = rng.poisson(lambda);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n, var = s2 / n - mean * mean;
            assertEquals(lambda, mean, 4 * Math.sqrt(lambda / n) + 1e-9, "mean at " + lambda);
            assertEquals(lambda, var, 0.02 * lambda + 0.005, "variance at " + lambda);
        }
        assertEquals(0, rng.poisson(0));
    }

    @Test
    void uniformIntegersCoverTheirRange() {
        Rng rng = new Rng(9);
        int[] hist = new int[7];
        for (int i = 0; i < 70_000; i++) {
            hist[rng.nextInt(7)]++;
        }
        for (int h : hist) {
            assertTrue(Math.abs(h - 10_000) < 400, "bucket " + h);
        }
    }

    @Test
    void deterministicExpMatchesTheLibrary() {
        double worst = 0;
        for (double x = -60; x <= 5; x += 0.0137) {
            worst = Math.max(worst, Math.abs(DetMath.exp(x) / Math.exp(x) - 1));
        }
        assertTrue(worst < 1e-12, "relative error " + worst);
        assertEquals(0.0, DetMath.exp(-1000));
    }
}
