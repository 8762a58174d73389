package org.photonzip.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/** Uniform errors match the expectation; biased or out-of-bound errors do not. */
class ErrorHistogramTest {
    private static ErrorHistogram.Result histogram(ErrorBound bound, int n, java.util.function.IntUnaryOperator err) {
        ErrorHistogram h = new ErrorHistogram(bound);
        Random r = new Random(3);
        short[] src = new short[n];
        short[] rst = new short[n];
        for (int i = 0; i < n; i++) {
            int s = 1000 + r.nextInt(30000);
            src[i] = (short) s;
            rst[i] = (short) (s + err.applyAsInt(bound.boundAt(s)));
        }
        h.add(src, 0, rst, 0, n);
        return h.result();
    }

    @Test
    void uniformErrorsMatchTheExpectationForAbsoluteAndNoiseBounds() {
        Random r = new Random(5);
        for (ErrorBound b : new ErrorBound[] {
            ErrorBound.absolute(1), ErrorBound.absolute(6), ErrorBound.noiseScaled(0.5, NoiseModel.of(1.5, 100, 3))
        }) {
            ErrorHistogram.Result h = histogram(b, 200_000, d -> r.nextInt(2 * d + 1) - d);
            double expected = 0;
            for (double e : h.expected()) {
                expected += e;
            }
            assertEquals(1, expected, 1e-9, "the expectation sums to one: " + b);
            assertTrue(h.totalVariation() < 0.01, b + ": " + h.totalVariation());
        }
    }

    @Test
    void biasedAndExceedingErrorsStandOut() {
        ErrorBound b = ErrorBound.absolute(4);
        assertTrue(histogram(b, 50_000, d -> d).totalVariation() > 0.7, "every error at +δ");
        ErrorHistogram.Result over = histogram(b, 50_000, d -> 2 * d);
        assertTrue(over.totalVariation() > 0.99, "errors beyond the bound fall outside ±1");
        double inside = 0;
        for (int i = 0; i < over.centres().length; i++) {
            inside += Math.abs(over.centres()[i]) < 1 ? over.observed()[i] : 0;
        }
        assertEquals(0, inside, 1e-12);
    }
}
