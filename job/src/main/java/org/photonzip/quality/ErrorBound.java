package org.photonzip.quality;

/**
 * The bound an archive promises, as the quality checks need it: each pixel's largest allowed |error| given its
 * source value. For a noise bound the codec scales by σ of its prediction, which the checks do not have; they
 * use σ of the source value instead, which differs from it by about one noise σ (so the expectation drawn
 * from it is close, not exact).
 */
public record ErrorBound(Mode mode, double bound, NoiseModel noise) {
    public enum Mode { ABSOLUTE, NOISE }

    public ErrorBound {
        if (!(bound >= 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("Invalid error bound: " + bound);
        }
        if (mode == Mode.NOISE && noise == null) {
            throw new IllegalArgumentException("Invalid error bound: a noise bound needs a noise model");
        }
    }

    public static ErrorBound absolute(int counts, NoiseModel noise) {
        return new ErrorBound(Mode.ABSOLUTE, counts, noise);
    }

    public static ErrorBound noise(double k, NoiseModel noise) {
        return new ErrorBound(Mode.NOISE, k, noise);
    }

    /** The largest allowed |error| at a pixel whose source value is {@code value}. */
    public int at(int value) {
        return mode == Mode.ABSOLUTE ? (int) bound : (int) Math.floor(bound * noise.sigma(value));
    }
}
