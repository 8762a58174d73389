package org.photonzip.codec.bound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoundTableTest {
    @Test
    void integerSquareRootIsExact() {
        SplittableRandom r = new SplittableRandom(1);
        long[] edge = {0, 1, 2, 3, 4, 15, 16, 17, (1L << 57) - 1, 1L << 57, Long.MAX_VALUE};
        for (long x : edge) {
            check(x);
        }
        for (int i = 0; i < 100_000; i++) {
            check(r.nextLong(0, Long.MAX_VALUE));
            long s = r.nextLong(0, 3_037_000_499L);
            check(s * s);
            check(s * s - 1 < 0 ? 0 : s * s - 1);
        }
    }

    private static void check(long x) {
        assertEquals(BigInteger.valueOf(x).sqrt().longValueExact(), BoundTable.isqrt(x), "isqrt(" + x + ")");
    }

    @Test
    void tableIsFloorOfKSigmaOfTheStoredModel() {
        // The integer formula against exact rational arithmetic on the stored fixed-point parameters.
        for (NoiseModel m : new NoiseModel[] {
            NoiseModel.of(1.55, 99, 3.1),
            NoiseModel.of(0.02, 0, 40),
            NoiseModel.of(255.99, 65535, 4095.99),
            NoiseModel.of(1e-4, 30000, 0)
        }) {
            for (double k : new double[] {1 / 256.0, 0.5, 1, 2, 15.99}) {
                ErrorBound.NoiseScaled b = ErrorBound.noiseScaled(k, m);
                int[] table = BoundTable.compute(b);
                for (int i = 0; i <= 65535; i += 7) {
                    assertEquals(reference(b, i), table[i], m + " K=" + k + " at " + i);
                }
                assertEquals(reference(b, 65535), b.maxBound());
                for (int i = 1; i < table.length; i++) {
                    assertTrue(table[i] >= table[i - 1], "monotone in intensity");
                }
            }
        }
    }

    /** ⌊√(Kq²·V)⌋ >> 12 with V computed exactly as a BigInteger: the normative formula, independently. */
    private static int reference(ErrorBound.NoiseScaled b, int intensity) {
        NoiseModel m = b.model();
        BigInteger above = BigInteger.valueOf(Math.max(16L * intensity - m.darkFixed(), 0));
        BigInteger v = BigInteger.valueOf(m.gainFixed())
                .multiply(above)
                .add(BigInteger.valueOf(m.readFixed()).pow(2).shiftLeft(4))
                .shiftRight(12);
        BigInteger k2 = BigInteger.valueOf(b.kFixed()).pow(2);
        return (int) Math.min(65535, k2.multiply(v).sqrt().shiftRight(12).longValueExact());
    }

    @Test
    void tableAgreesWithFloatingPointKSigmaToWithinOneCount() {
        NoiseModel m = NoiseModel.of(1.55, 99, 3);
        ErrorBound.NoiseScaled b = ErrorBound.noiseScaled(0.5, m);
        for (int i = 0; i <= 65535; i++) {
            double exact = 0.5 * m.sigma(i);
            assertTrue(Math.abs(b.boundAt(i) - Math.floor(exact)) <= 1, i + ": " + b.boundAt(i) + " vs " + exact);
        }
        assertEquals(Math.floor(0.5 * Math.sqrt(1.55 * (38700 - 99) + 9)), b.boundAt(38700), 1);
    }

    @Test
    void invalidParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ErrorBound.absolute(-1));
        assertThrows(IllegalArgumentException.class, () -> ErrorBound.absolute(65536));
        NoiseModel m = NoiseModel.of(1, 0, 1);
        for (double k : new double[] {0, -1, 16, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> ErrorBound.noiseScaled(k, m), "K " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(256, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(-0.1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(1, 70000, 1));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(1, 0, 4096));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> NoiseModel.of(Double.NaN, 0, 1));
    }

    @Test
    void absoluteAndNoneBounds() {
        assertEquals(7, ErrorBound.absolute(7).boundAt(123));
        assertEquals(7, ErrorBound.absolute(7).maxBound());
        assertTrue(ErrorBound.none().isLossless());
        assertEquals(0, ErrorBound.none().maxBound());
        assertTrue(!ErrorBound.absolute(0).isLossless(), "bound 0 is still a flagged bounded stream");
    }
}
