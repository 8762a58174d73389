package org.photonzip.codec.bound;

import java.util.Arrays;

/**
 * Variance estimates binned by intensity (64 bins of 1024 counts), each bin summarised by its median, then a
 * count-weighted least-squares line {@code variance = slope·intensity + intercept}. Medians make the fit
 * robust to zingers, hot pixels and moving edges, which only inflate a minority of the estimates.
 */
final class VarianceBins {
    private static final int BINS = 64;
    private static final int CAP = 20_000;
    static final int MIN_PER_BIN = 30;

    private final float[][] values = new float[BINS][];
    private final int[] counts = new int[BINS];
    private final double[] intensitySums = new double[BINS];

    /** Adds one estimate; the bin keeps its first {@value #CAP} (enough for a stable median). */
    void add(double intensity, double variance) {
        int b = (int) Math.max(0, Math.min(BINS - 1, intensity / 1024));
        if (counts[b] >= CAP) {
            return;
        }
        if (values[b] == null) {
            values[b] = new float[64];
        } else if (counts[b] == values[b].length) {
            values[b] = Arrays.copyOf(values[b], Math.min(CAP, 2 * counts[b]));
        }
        values[b][counts[b]++] = (float) variance;
        intensitySums[b] += intensity;
    }

    /**
     * The slope of the count-weighted least-squares line through {@code (0, intercept)}, or NaN when no bin
     * away from zero intensity is full enough.
     */
    double slopeThrough(double intercept) {
        double sxx = 0, sxy = 0;
        for (int b = 1; b < BINS; b++) {
            int n = counts[b];
            if (n >= MIN_PER_BIN) {
                double x = intensitySums[b] / n;
                sxx += n * x * x;
                sxy += n * x * (median(b) - intercept);
            }
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** The median of bin {@code b}'s estimates, or NaN when it holds fewer than {@value #MIN_PER_BIN}. */
    double median(int b) {
        int n = counts[b];
        if (n < MIN_PER_BIN) {
            return Double.NaN;
        }
        float[] v = Arrays.copyOf(values[b], n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /**
     * {@code {slope, intercept, bins used}}, or null when fewer than {@code minBins} bins are full enough. Bins
     * far off a first fit (more than three times the median distance: saturated pixels, zingers' own level)
     * are dropped and the line fitted again.
     */
    double[] fit(int minBins) {
        double[] y = new double[BINS];
        double[] x = new double[BINS];
        boolean[] use = new boolean[BINS];
        for (int b = 0; b < BINS; b++) {
            use[b] = counts[b] >= MIN_PER_BIN;
            if (use[b]) {
                y[b] = median(b);
                x[b] = intensitySums[b] / counts[b];
            }
        }
        double[] line = leastSquares(x, y, use, minBins);
        if (line == null) {
            return null;
        }
        double[] dist = new double[BINS];
        int n = 0;
        for (int b = 0; b < BINS; b++) {
            if (use[b]) {
                dist[n++] = Math.abs(y[b] - line[0] * x[b] - line[1]);
            }
        }
        double[] sorted = Arrays.copyOf(dist, n);
        Arrays.sort(sorted);
        double limit = 3 * sorted[n / 2];
        for (int b = 0; b < BINS; b++) {
            use[b] = use[b] && Math.abs(y[b] - line[0] * x[b] - line[1]) <= limit;
        }
        double[] refit = leastSquares(x, y, use, minBins);
        return refit != null ? refit : line;
    }

    private double[] leastSquares(double[] x, double[] y, boolean[] use, int minBins) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        int used = 0;
        for (int b = 0; b < BINS; b++) {
            if (!use[b]) {
                continue;
            }
            int n = counts[b];
            sw += n;
            sx += n * x[b];
            sy += n * y[b];
            sxx += n * x[b] * x[b];
            sxy += n * x[b] * y[b];
            used++;
        }
        double det = sw * sxx - sx * sx;
        if (used < minBins || !(det > 0)) {
            return null;
        }
        double slope = (sw * sxy - sx * sy) / det;
        return new double[] {slope, (sy - slope * sx) / sw, used};
    }
}
