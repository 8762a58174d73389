package org.photonzip.training;

import java.util.Arrays;
import org.photonzip.codec.entropy.ResidualAlphabet;
import org.photonzip.codec.model.TrainingSet;

/**
 * The Laplace scale per context that fits the classical residuals: {@code b = κ·2^(c/4)}. The median is used
 * rather than the mean so that zingers and hot pixels do not inflate it (for a Laplace, median |z| = b·ln 2).
 */
final class Calibration {
    private Calibration() {}

    static float kappa(TrainingSet data) {
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("Cannot calibrate on an empty training set");
        }
        double[] normalised = new double[n];
        for (int i = 0; i < n; i++) {
            int context = ResidualAlphabet.context(data.energies()[i]);
            normalised[i] = Math.abs(data.residuals()[i]) * Math.pow(2, -context / 4.0);
        }
        Arrays.sort(normalised);
        double median = normalised[n / 2];
        // An all-exact stack (median 0) still needs a positive scale.
        return (float) Math.max(median / Math.log(2), 1e-3);
    }
}
