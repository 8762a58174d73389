package org.photonzip.tools.bench;

import org.photonzip.codec.bound.NoiseModel;

/**
 * What a lossy round trip changed, summed over tiles: largest |error|, squared error and squared error in
 * units of the noise variance at the source value (when a noise model is known). PSNR takes the uint16 peak,
 * 65535, so figures compare across stacks and with the anchors' script.
 */
public final class Distortion {
    static final double PEAK = 65535;

    private final double[] inverseVariance;
    private long samples;
    private int maxError;
    private double squared;
    private double squaredOverVariance;

    /** {@code noise} may be null: then {@link #rmseOverSigma()} is NaN. */
    Distortion(NoiseModel noise) {
        if (noise == null) {
            inverseVariance = null;
            return;
        }
        inverseVariance = new double[65536];
        for (int v = 0; v < inverseVariance.length; v++) {
            // no integer-valued data varies less than its rounding (1/12)
            inverseVariance[v] = 1 / Math.max(noise.variance(v), 1 / 12.0);
        }
    }

    void add(short[] source, short[] restored) {
        long sq = 0;
        double norm = 0;
        int max = maxError;
        for (int i = 0; i < source.length; i++) {
            int s = source[i] & 0xFFFF;
            int e = (restored[i] & 0xFFFF) - s;
            max = Math.max(max, Math.abs(e));
            sq += (long) e * e;
            if (inverseVariance != null) {
                norm += (double) e * e * inverseVariance[s];
            }
        }
        maxError = max;
        squared += sq;
        squaredOverVariance += norm;
        samples += source.length;
    }

    public int maxError() {
        return maxError;
    }

    public double rmse() {
        return Math.sqrt(squared / samples);
    }

    /** RMSE relative to the noise σ at each pixel's value: sqrt(mean(e² / σ²)); NaN without a noise model. */
    public double rmseOverSigma() {
        return inverseVariance == null ? Double.NaN : Math.sqrt(squaredOverVariance / samples);
    }

    /** 20·log10(65535 / RMSE); infinite when nothing changed. */
    public double psnr() {
        return 20 * Math.log10(PEAK / rmse());
    }
}
