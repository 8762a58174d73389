package org.photonzip.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** FBP recovers a disc phantom; the half-scan noise estimate agrees with independent noise realisations. */
class ReconstructionTest {
    static final int WIDTH = 64;
    static final int ANGLES = 180;
    static final double R = 18;
    static final double CX = 5;
    static final double CY = -4;

    /** Line integrals of a disc of attenuation {@code mu} per pixel, centre (CX, CY), radius R. */
    static double[] discSinogram(double[] radians, double mu) {
        double c = (WIDTH - 1) / 2.0;
        double[] s = new double[radians.length * WIDTH];
        for (int a = 0; a < radians.length; a++) {
            double s0 = CX * Math.cos(radians[a]) + CY * Math.sin(radians[a]);
            for (int x = 0; x < WIDTH; x++) {
                double d = x - c - s0;
                s[a * WIDTH + x] = d * d < R * R ? 2 * mu * Math.sqrt(R * R - d * d) : 0;
            }
        }
        return s;
    }

    static double[] angles(int n, double degrees) {
        double[] r = new double[n];
        for (int a = 0; a < n; a++) {
            r[a] = Math.toRadians(degrees * a / n);
        }
        return r;
    }

    @Test
    void discPhantomIsRecoveredOver180And360Degrees() {
        for (double span : new double[] {180, 360}) {
            double[] rad = angles(ANGLES, span);
            double[] rec = FilteredBackProjection.reconstruct(discSinogram(rad, 0.02), WIDTH, rad);
            double c = (WIDTH - 1) / 2.0;
            double in = 0;
            double out = 0;
            int nIn = 0;
            int nOut = 0;
            for (int i = 0; i < WIDTH; i++) {
                for (int j = 0; j < WIDTH; j++) {
                    double x = j - c - CX;
                    double y = c - i - CY;
                    double r = Math.sqrt(x * x + y * y);
                    double rc = Math.hypot(j - c, i - c);
                    if (r < 0.8 * R) {
                        in += rec[i * WIDTH + j];
                        nIn++;
                        assertEquals(0.02, rec[i * WIDTH + j], 0.002, "inside at " + i + "," + j);
                    } else if (r > 1.25 * R && rc < c - 2) {
                        out += Math.abs(rec[i * WIDTH + j]);
                        nOut++;
                    }
                }
            }
            assertEquals(0.02, in / nIn, 0.0005, span + "°: mean inside");
            assertTrue(out / nOut < 0.001, span + "°: mean |value| outside " + out / nOut);
        }
    }

    /** Counts I0·exp(−p) with Gaussian photon noise of variance I. */
    static double[] counts(double[] p, double i0, Random r) {
        double[] c = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double mean = i0 * Math.exp(-p[i]);
            c[i] = Math.max(1, mean + Math.sqrt(mean) * r.nextGaussian());
        }
        return c;
    }

    @Test
    void halfScanNoiseEstimateMatchesIndependentRealisations() {
        double[] rad = angles(720, 180);
        double[] p = discSinogram(rad, 0.03);
        double[] flat = new double[WIDTH];
        java.util.Arrays.fill(flat, 5000);
        Random r = new Random(21);
        double[] a = counts(p, 5000, r);
        double[] b = counts(p, 5000, r);
        ReconstructionCheck.Result same = ReconstructionCheck.of(10, a, a.clone(), WIDTH, rad, flat, null);
        assertEquals(0, same.rmsDifference(), 1e-12 * same.sigmaRec(), "only rounding");
        // Two independent noisy scans differ by √2 × the noise of one: the estimate from one scan's halves must agree.
        ReconstructionCheck.Result two = ReconstructionCheck.of(10, a, b, WIDTH, rad, flat, null);
        double sigmaTrue = two.rmsDifference() / Math.sqrt(2);
        assertEquals(sigmaTrue, two.sigmaRec(), 0.1 * sigmaTrue, "half-scan estimate vs truth");
        assertEquals(Math.sqrt(2), two.relative(), 0.15);
        // A restored copy off by at most ±1 count is far inside the reconstruction noise.
        double[] q = a.clone();
        for (int i = 0; i < q.length; i++) {
            q[i] += r.nextInt(3) - 1;
        }
        ReconstructionCheck.Result small = ReconstructionCheck.of(10, a, q, WIDTH, rad, flat, null);
        assertTrue(small.relative() < 0.05, "±1 count of error: " + small.relative());
    }
}
