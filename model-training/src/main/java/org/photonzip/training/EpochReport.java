package org.photonzip.training;

import java.util.Locale;

/**
 * Progress after one epoch: mean code length (bits per sample under the training loss) on the training
 * batches, on the held-out samples, and of the classical model on the same held-out samples.
 */
public record EpochReport(int epoch, double trainBits, double validationBits, double classicalBits, double seconds) {
    /** One progress line, e.g. {@code epoch   3  train 10.412  validation 10.398 bits/px  (classical 10.455)  2.1 s}. */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "epoch %3d  train %.4f  validation %.4f bits/px  (classical %.4f, %+.2f %%)" + "  %.1f s",
                epoch,
                trainBits,
                validationBits,
                classicalBits,
                100 * (validationBits / classicalBits - 1),
                seconds);
    }
}
