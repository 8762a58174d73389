package org.photonzip.quality;

/** Peak signal-to-noise ratio, 10·log10(peak² / MSE) in dB. */
public final class Psnr {
    private Psnr() {}

    /** From the sum of squared errors over {@code samples}; +∞ when the sum is 0, NaN for no samples. */
    public static double of(double sumSquaredError, long samples, double peak) {
        if (samples == 0) {
            return Double.NaN;
        }
        if (sumSquaredError == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(peak * peak / (sumSquaredError / samples));
    }
}
