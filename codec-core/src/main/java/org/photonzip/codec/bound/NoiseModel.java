package org.photonzip.codec.bound;

import java.util.Locale;

/**
 * A detector's noise: variance {@code σ²(I) = g·max(I − d, 0) + r²} counts² at intensity {@code I} counts, with
 * gain {@code g} (counts per photo-electron), dark level {@code d} and read noise {@code r}. Held in the fixed
 * point the stream stores: {@code g} in units of 2^−16 ({@code 0 ≤ g < 256}), {@code d} in units of 2^−4
 * ({@code 0 ≤ d ≤ 65535}), {@code r} in units of 2^−8 ({@code 0 ≤ r < 4096}).
 */
public record NoiseModel(int gainFixed, int darkFixed, int readFixed) {
    public static final int GAIN_BITS = 16;
    public static final int DARK_BITS = 4;
    public static final int READ_BITS = 8;
    static final int GAIN_LIMIT = 1 << 24;
    static final int DARK_LIMIT = 65535 << DARK_BITS;
    static final int READ_LIMIT = 1 << 20;

    public NoiseModel {
        if (gainFixed < 0
                || gainFixed >= GAIN_LIMIT
                || darkFixed < 0
                || darkFixed > DARK_LIMIT
                || readFixed < 0
                || readFixed >= READ_LIMIT) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "Invalid noise model: gain %.6f, dark "
                            + "%.4f, read noise %.4f outside gain [0, 256), dark [0, 65535], read noise [0, 4096)",
                    gainFixed / 65536.0,
                    darkFixed / 16.0,
                    readFixed / 256.0));
        }
        if (gainFixed == 0 && readFixed == 0) {
            throw new IllegalArgumentException("Invalid noise model: zero gain and zero read noise give no noise");
        }
    }

    /** The model nearest to {@code gain}, {@code dark}, {@code readNoise} that the fixed point can hold. */
    public static NoiseModel of(double gain, double dark, double readNoise) {
        if (!Double.isFinite(gain) || !Double.isFinite(dark) || !Double.isFinite(readNoise)) {
            throw new IllegalArgumentException("Invalid noise model: gain " + gain + ", dark " + dark + ", read noise "
                    + readNoise + " must be finite");
        }
        return new NoiseModel(fixed(gain, GAIN_BITS), fixed(dark, DARK_BITS), fixed(readNoise, READ_BITS));
    }

    private static int fixed(double v, int bits) {
        double scaled = Math.rint(v * (1 << bits));
        return scaled < 0 || scaled > Integer.MAX_VALUE ? -1 : (int) scaled;
    }

    public double gain() {
        return gainFixed / (double) (1 << GAIN_BITS);
    }

    public double dark() {
        return darkFixed / (double) (1 << DARK_BITS);
    }

    public double readNoise() {
        return readFixed / (double) (1 << READ_BITS);
    }

    /** Noise variance in counts² at {@code intensity} (floating point: for reports, not for coding). */
    public double variance(double intensity) {
        double r = readNoise();
        return gain() * Math.max(intensity - dark(), 0) + r * r;
    }

    /** Noise standard deviation in counts at {@code intensity} (floating point: for reports, not for coding). */
    public double sigma(double intensity) {
        return Math.sqrt(variance(intensity));
    }

    public String describe() {
        return String.format(Locale.ROOT, "gain %.4f, dark %.2f, read noise %.2f", gain(), dark(), readNoise());
    }
}
