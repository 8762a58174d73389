package org.photonzip.codec.bound;

import java.util.Arrays;

/**
 * Variance estimates binned by intensity (256 bins of 256 counts), each bin summarised by its median, then a
 * count-weighted least-squares line {@code variance = slope·intensity + intercept}. Medians make the fit
 * robust to zingers, hot pixels and moving edges, which only inflate a minority of the estimates.
 */
final class VarianceBins {
    private static final int BINS = 256;
    private static final int CAP = 20_000;
    static final int MIN_PER_BIN = 50;

    private final float[][] values = new float[BINS][];
    private final int[] counts = new int[BINS];
    private final double[] intensitySums = new double[BINS];

    /** Adds one estimate; the bin keeps its first {@value #CAP} (enough for a stable median). */
    void add(double intensity, double variance) {
        int b = (int) Math.max(0, Math.min(BINS - 1, intensity / 256));
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

    /** {@code {slope, intercept, bins used}}, or null when fewer than {@code minBins} bins are full enough. */
    double[] fit(int minBins) {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        int used = 0;
        for (int b = 0; b < BINS; b++) {
            int n = counts[b];
            if (n < MIN_PER_BIN) {
                continue;
            }
            float[] v = Arrays.copyOf(values[b], n);
            Arrays.sort(v);
            double y = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
            double x = intensitySums[b] / n;
            sw += n;
            sx += n * x;
            sy += n * y;
            sxx += n * x * x;
            sxy += n * x * y;
            used++;
        }
        if (used < minBins) {
            return null;
        }
        double det = sw * sxx - sx * sx;
        if (!(det > 0)) {
            return null;
        }
        double slope = (sw * sxy - sx * sy) / det;
        double intercept = (sy - slope * sx) / sw;
        return new double[] {slope, intercept, used};
    }
}
