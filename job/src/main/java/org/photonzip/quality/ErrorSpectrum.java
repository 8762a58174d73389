package org.photonzip.quality;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The error's spatial power spectrum, averaged over the frames added and radially over frequency: quantisation
 * that behaves like added white noise gives a flat curve; errors that follow edges, rows or tiles give peaks
 * or slopes. Power is normalised so that white noise of variance v has power v at every frequency.
 */
public final class ErrorSpectrum {
    /** A spectrum is {@code white} when its flatness reaches this (white noise over a few frames: ≥ 0.97). */
    public static final double WHITE = 0.9;

    private final int h;
    private final int w;
    private final DoubleFFT_2D fft;
    private final double[] power;
    private int frames;

    public ErrorSpectrum(int height, int width) {
        if (height < 2 || width < 2) {
            throw new IllegalArgumentException("Invalid spectrum size: " + height + "x" + width);
        }
        h = height;
        w = width;
        fft = new DoubleFFT_2D(h, w);
        power = new double[h * w];
    }

    /** Adds one {@code h × w} error image (row-major). */
    public void add(double[] error) {
        double mean = 0;
        for (double e : error) {
            mean += e;
        }
        mean /= error.length;
        double[] c = new double[2 * h * w];
        for (int i = 0; i < h * w; i++) {
            c[2 * i] = error[i] - mean;
        }
        fft.complexForward(c);
        for (int i = 0; i < h * w; i++) {
            power[i] += (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]) / (h * w);
        }
        frames++;
    }

    public int frames() {
        return frames;
    }

    /** Mean power in rings of radial frequency up to Nyquist (0.5 cycles/pixel), DC left out. */
    public Result result() {
        int bins = Math.max(2, Math.min(h, w) / 2);
        double[] sum = new double[bins];
        long[] n = new long[bins];
        for (int ky = 0; ky < h; ky++) {
            double fy = (ky <= h / 2 ? ky : ky - h) / (double) h;
            for (int kx = 0; kx < w; kx++) {
                double fx = (kx <= w / 2 ? kx : kx - w) / (double) w;
                double r = Math.sqrt(fx * fx + fy * fy);
                if ((kx == 0 && ky == 0) || r > 0.5) {
                    continue;
                }
                int b = Math.min(bins - 1, (int) (r / 0.5 * bins));
                sum[b] += power[ky * w + kx] / Math.max(1, frames);
                n[b]++;
            }
        }
        int used = 0;
        for (long v : n) {
            used += v > 0 ? 1 : 0;
        }
        double[] freq = new double[used];
        double[] ring = new double[used];
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                freq[j] = (b + 0.5) * 0.5 / bins;
                ring[j++] = sum[b] / n[b];
            }
        }
        return new Result(freq, ring, flatness(ring));
    }

    /** Geometric over arithmetic mean (Wiener entropy): 1 for a flat curve, towards 0 for a peaked one. */
    static double flatness(double[] values) {
        double logSum = 0;
        double sum = 0;
        for (double v : values) {
            if (!(v > 0)) {
                return Double.NaN; // no error at some frequency: nothing to call white or structured
            }
            logSum += Math.log(v);
            sum += v;
        }
        return values.length == 0 ? Double.NaN : Math.exp(logSum / values.length) / (sum / values.length);
    }

    /**
     * @param frequency ring centres in cycles/pixel
     * @param power     mean power per ring (counts² per frequency sample)
     * @param flatness  geometric/arithmetic mean of {@code power}; NaN when the error is zero somewhere
     */
    public record Result(double[] frequency, double[] power, double flatness) {
        public String verdict() {
            return Double.isNaN(flatness) ? "no error" : flatness >= WHITE ? "white" : "structured";
        }
    }
}
