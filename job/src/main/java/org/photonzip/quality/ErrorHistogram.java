package org.photonzip.quality;

import org.photonzip.codec.bound.ErrorBound;

/**
 * Histogram of errors relative to each pixel's bound, {@code u = error / (δ + ½)}, beside what uniform
 * quantisation predicts: every error in {@code −δ..δ} equally likely. The expectation is exact for the bounds
 * seen: it is summed over the distinct δ of the pixels, each spread over its {@code 2δ + 1} values. Errors
 * beyond a pixel's bound land outside ±1. δ is the bound each sample was coded with, as the decoder gives it
 * (a noise bound is taken at the codec's prediction); only where that is not known is a noise bound estimated
 * at the source value, which can differ from the coded one by a count or more.
 */
public final class ErrorHistogram {
    /** Bins cover u in [−RANGE, RANGE]. */
    static final double RANGE = 1.5;

    static final int BINS = 30;
    /** Above this δ the discrete uniform is taken as continuous on [−1, 1] (its cells tile it exactly). */
    private static final int CONTINUOUS = 1024;

    private final ErrorBound bound;
    private final long[] observed = new long[BINS];
    private final long[] pixelsWithBound = new long[65536];
    private long total;
    private long outside;
    private long beyond;
    private boolean exact;

    public ErrorHistogram(ErrorBound bound) {
        this.bound = bound;
    }

    public void add(short[] source, int sourceAt, short[] restored, int restoredAt, int n) {
        add(source, sourceAt, restored, restoredAt, null, n);
    }

    /** The same with {@code coded}, each sample's bound as coded (at {@code restoredAt}), or null: estimated. */
    public void add(short[] source, int sourceAt, short[] restored, int restoredAt, int[] coded, int n) {
        if (coded != null) {
            exact = true;
        }
        for (int i = 0; i < n; i++) {
            int s = source[sourceAt + i] & 0xFFFF;
            int e = (restored[restoredAt + i] & 0xFFFF) - s;
            int d = Math.min(65535, Math.max(0, coded != null ? coded[restoredAt + i] : bound.boundAt(s)));
            pixelsWithBound[d]++;
            beyond += Math.abs(e) > d ? 1 : 0;
            int b = bin(e / (d + 0.5));
            if (b < 0) {
                outside++;
            } else {
                observed[b]++;
            }
        }
        total += n;
    }

    static int bin(double u) {
        double f = (u + RANGE) / (2 * RANGE) * BINS;
        return f < 0 || f >= BINS ? -1 : (int) f;
    }

    /** The histogram as fractions of all samples. */
    public Result result() {
        double[] centres = new double[BINS];
        double[] obs = new double[BINS];
        double[] expected = new double[BINS];
        double width = 2 * RANGE / BINS;
        for (int b = 0; b < BINS; b++) {
            centres[b] = -RANGE + (b + 0.5) * width;
            obs[b] = total == 0 ? 0 : (double) observed[b] / total;
        }
        for (int d = 0; d < pixelsWithBound.length; d++) {
            long n = pixelsWithBound[d];
            if (n == 0) {
                continue;
            }
            double weight = total == 0 ? 0 : (double) n / total;
            if (d > CONTINUOUS) {
                for (int b = 0; b < BINS; b++) {
                    double lo = Math.max(-1, -RANGE + b * width);
                    double hi = Math.min(1, -RANGE + (b + 1) * width);
                    expected[b] += weight * Math.max(0, hi - lo) / 2;
                }
            } else {
                for (int k = -d; k <= d; k++) {
                    int b = bin(k / (d + 0.5));
                    if (b >= 0) {
                        expected[b] += weight / (2 * d + 1);
                    }
                }
            }
        }
        double tv = (double) outside / Math.max(1, total);
        for (int b = 0; b < BINS; b++) {
            tv += Math.abs(obs[b] - expected[b]);
        }
        return new Result(
                centres, obs, expected, total, beyond, tv / 2, exact || !(bound instanceof ErrorBound.NoiseScaled));
    }

    /**
     * @param beyondBound    samples whose |error| exceeds their pixel's bound (as {@link ErrorBound#at} gives it)
     * @param totalVariation ½ Σ |observed − expected| over the bins (0: exactly as predicted, 1: disjoint)
     * @param codedBounds    whether each sample was compared with the bound it was coded with (false: a noise
     *                       bound estimated at the source value)
     */
    public record Result(
            double[] centres,
            double[] observed,
            double[] expected,
            long samples,
            long beyondBound,
            double totalVariation,
            boolean codedBounds) {}
}
