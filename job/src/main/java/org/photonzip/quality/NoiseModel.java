package org.photonzip.quality;

/**
 * Photon-noise model of a detector: a sample of intensity {@code I} has variance
 * {@code σ² = gain·max(I − dark, 0) + read²} (shot noise above the dark level plus read noise).
 */
public record NoiseModel(double gain, double dark, double read) {
    public NoiseModel {
        if (!(gain >= 0) || !Double.isFinite(gain) || !Double.isFinite(dark) || !(read >= 0)
                || !Double.isFinite(read) || gain == 0 && read == 0) {
            throw new IllegalArgumentException("Invalid noise model: gain " + gain + ", dark " + dark + ", read "
                    + read + " (need gain ≥ 0, read ≥ 0, not both 0, all finite)");
        }
    }

    public double variance(double intensity) {
        return gain * Math.max(intensity - dark, 0) + read * read;
    }

    public double sigma(double intensity) {
        return Math.sqrt(variance(intensity));
    }
}
