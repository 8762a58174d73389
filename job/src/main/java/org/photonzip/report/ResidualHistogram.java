package org.photonzip.report;

/**
 * Residuals divided by their predicted scale, binned, beside what the model predicts for them: with the scale
 * taken as the mean absolute residual, a Laplace law of scale 1.
 */
public record ResidualHistogram(double[] centres, double[] observed, double[] predicted)
        implements java.io.Serializable {
    static final double RANGE = 8;
    static final double BIN = 0.25;

    public static ResidualHistogram of(int[] residual, float[] scale, int from, int to) {
        int bins = (int) (2 * RANGE / BIN);
        double[] centres = new double[bins];
        double[] observed = new double[bins];
        double[] predicted = new double[bins];
        for (int b = 0; b < bins; b++) {
            double lo = -RANGE + b * BIN;
            centres[b] = lo + BIN / 2;
            predicted[b] = laplaceCdf(lo + BIN) - laplaceCdf(lo);
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            double z = residual[i] / Math.max(0.5, scale[i]);
            int b = (int) Math.floor((z + RANGE) / BIN);
            if (b >= 0 && b < bins) {
                observed[b]++;
            }
            n++;
        }
        for (int b = 0; b < bins; b++) {
            observed[b] /= Math.max(1, n);
        }
        return new ResidualHistogram(centres, observed, predicted);
    }

    private static double laplaceCdf(double z) {
        return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z);
    }
}
