package org.photonzip.codec.bound;

import java.util.Arrays;
import java.util.Optional;

/**
 * Fits a {@link NoiseModel} to a scan. With flats and darks: each pixel's temporal mean and variance in the
 * flats (above its own dark mean) and in the darks give variance against intensity, whose line has slope
 * {@code g} and intercept {@code r²}; {@code d} is the median dark level. Without them: temporal second
 * differences {@code x(t+1) − 2x(t) + x(t−1)} of the projections (variance {@code 6σ²} where the scene changes
 * slowly), binned by intensity; a scene that moves makes this an over-estimate, so bounds come out wider.
 * Bins are summarised by medians corrected to means, so outliers barely move the fit.
 */
public final class NoiseModelFit {
    /** Median of χ² with one degree of freedom. */
    private static final double CHI2_1_MEDIAN = 0.454936;
    /** Variance of rounding to integers: no integer-valued data is less noisy. */
    static final double QUANTISATION_VARIANCE = 1 / 12.0;

    private NoiseModelFit() {}

    /**
     * From {@code flatFrames ≥ 2} flats and {@code darkFrames ≥ 1} darks, each frame-major ({@code pixels}
     * values per frame). Empty when there are too few frames or the fit is unusable (no positive gain).
     */
    public static Optional<NoiseModel> fromFlatsAndDarks(
            short[] flats, int flatFrames, short[] darks, int darkFrames, int pixels) {
        if (flatFrames < 2
                || darkFrames < 1
                || pixels < 1
                || flats.length < (long) flatFrames * pixels
                || darks.length < (long) darkFrames * pixels) {
            return Optional.empty();
        }
        double[] darkMean = new double[pixels];
        VarianceBins flatBins = new VarianceBins();
        VarianceBins darkBins = new VarianceBins();
        double darkScale = darkFrames > 1 ? medianCorrection(darkFrames - 1) : 0;
        double flatScale = medianCorrection(flatFrames - 1);
        for (int p = 0; p < pixels; p++) {
            double[] dark = moments(darks, darkFrames, pixels, p, null, 0);
            darkMean[p] = dark[0];
            if (darkFrames > 1) {
                darkBins.add(0, dark[1] * darkScale);
            }
        }
        double[] beam = beamLevels(flats, flatFrames, pixels, darkMean);
        for (int p = 0; p < pixels; p++) {
            double[] flat = moments(flats, flatFrames, pixels, p, beam, darkMean[p]);
            flatBins.add(Math.max(0, flat[0] - darkMean[p]), flat[1] * flatScale);
        }
        Arrays.sort(darkMean);
        double dark = darkMean[pixels / 2];
        if (darkFrames > 1) {
            // The darks measure r² directly; the flats then only need to give the slope.
            double r2 = darkBins.median(0);
            if (Double.isNaN(r2)) {
                return Optional.empty();
            }
            return model(flatBins.slopeThrough(r2), r2, dark);
        }
        double[] line = flatBins.fit(2);
        return line == null ? Optional.empty() : model(line[0], line[1], dark);
    }

    /** The same from jhdf-style {@code [frame][row][column]} arrays. */
    public static Optional<NoiseModel> fromFlatsAndDarks(int[][][] flats, int[][][] darks) {
        if (flats.length == 0 || darks.length == 0) {
            return Optional.empty();
        }
        int pixels = flats[0].length * flats[0][0].length;
        return fromFlatsAndDarks(flatten(flats, pixels), flats.length, flatten(darks, pixels), darks.length, pixels);
    }

    /**
     * From {@code count ≥ 3} consecutive projections, frame-major. Empty when there are too few frames or too
     * few intensity levels with enough pixels to fit a line, or the slope is not positive.
     */
    public static Optional<NoiseModel> fromStack(short[] frames, int count, int height, int width) {
        int plane = height * width;
        if (count < 3 || plane < 1 || frames.length < (long) count * plane) {
            return Optional.empty();
        }
        VarianceBins bins = new VarianceBins();
        double scale = 1.0 / (6 * CHI2_1_MEDIAN);
        for (int t = 1; t + 1 < count; t++) {
            for (int p = t * plane, end = p + plane; p < end; p++) {
                int before = frames[p - plane] & 0xFFFF;
                int mid = frames[p] & 0xFFFF;
                int after = frames[p + plane] & 0xFFFF;
                if (clipped(before) || clipped(mid) || clipped(after)) {
                    continue; // saturated or empty: its noise is not the model's
                }
                int s2 = after - 2 * mid + before;
                bins.add(mid, (double) s2 * s2 * scale);
            }
        }
        double[] line = bins.fit(3);
        if (line == null) {
            return Optional.empty();
        }
        // Without darks only g and r² − g·d are identified: the intercept goes to r², what it lacks of the
        // integer rounding's own variance to d (so σ never drops below that floor).
        double g = line[0];
        double c = line[1];
        return c >= QUANTISATION_VARIANCE
                ? model(g, c, 0)
                : model(g, QUANTISATION_VARIANCE, (QUANTISATION_VARIANCE - c) / g);
    }

    private static Optional<NoiseModel> model(double g, double r2, double dark) {
        if (!(g > 0) || !Double.isFinite(r2) || !Double.isFinite(dark)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NoiseModel.of(g, Math.max(0, Math.min(dark, 65535)), Math.sqrt(Math.max(0, r2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean clipped(int v) {
        return v == 0 || v == 65535;
    }

    /**
     * Per-flat factors that bring every flat to the average beam level: the beam's intensity varies from flat
     * to flat, and that variance (∝ I²) is not the detector's noise. A flat's level is the median over pixels
     * of its value above the dark relative to the pixel's mean flat (robust to zingers and hot pixels, and
     * precise, since every pixel votes). Null when no pixel is above its dark.
     */
    private static double[] beamLevels(short[] flats, int n, int pixels, double[] darkMean) {
        double[] mean = new double[pixels];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < pixels; p++) {
                mean[p] += ((flats[t * pixels + p] & 0xFFFF) - darkMean[p]) / n;
            }
        }
        double[] ratio = new double[pixels];
        double[] scale = new double[n];
        double average = 0;
        for (int t = 0; t < n; t++) {
            int k = 0;
            for (int p = 0; p < pixels; p++) {
                if (mean[p] > 0) {
                    ratio[k++] = ((flats[t * pixels + p] & 0xFFFF) - darkMean[p]) / mean[p];
                }
            }
            if (k == 0) {
                return null;
            }
            Arrays.sort(ratio, 0, k);
            scale[t] = ratio[k / 2];
            average += scale[t] / n;
        }
        for (int t = 0; t < n; t++) {
            if (!(scale[t] > 0)) {
                return null;
            }
            scale[t] = average / scale[t];
        }
        return scale;
    }

    /**
     * Mean and unbiased variance of pixel {@code p} over {@code n} frames; with {@code scale}, frame {@code t}'s
     * value above {@code offset} is first multiplied by {@code scale[t]}.
     */
    private static double[] moments(short[] frames, int n, int pixels, int p, double[] scale, double offset) {
        double[] v = new double[n];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            double x = frames[t * pixels + p] & 0xFFFF;
            v[t] = scale == null ? x : offset + (x - offset) * scale[t];
            sum += v[t];
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, n > 1 ? ss / (n - 1) : 0};
    }

    /**
     * Factor turning the median of sample variances with {@code k} degrees of freedom into their mean:
     * {@code k / median(χ²_k)}, with the Wilson–Hilferty median.
     */
    static double medianCorrection(int k) {
        double a = 1 - 2.0 / (9 * k);
        return 1 / (a * a * a);
    }

    private static short[] flatten(int[][][] frames, int pixels) {
        short[] out = new short[frames.length * pixels];
        int i = 0;
        for (int[][] frame : frames) {
            for (int[] row : frame) {
                for (int v : row) {
                    out[i++] = (short) v;
                }
            }
        }
        return out;
    }
}
