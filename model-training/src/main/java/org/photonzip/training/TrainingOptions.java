package org.photonzip.training;

import java.util.Arrays;
import org.photonzip.codec.learned.IntegerMlp;

/**
 * How to train: the hidden layer widths, the time budget of the training loop, the seed (which fixes the
 * initial weights, the validation split and the batch order), an optional epoch limit, and Adam's settings.
 * With the same data, seed and epoch count, training gives the same model file byte for byte (on the same
 * kind of CPU: TensorFlow runs single-threaded here so that sums are always taken in one order).
 *
 * @param maxEpochs stop after this many epochs (0: only the time budget and early stopping end training)
 */
public record TrainingOptions(
        int[] hidden, double seconds, long seed, int maxEpochs, int batchSize, float learningRate) {
    /** Chosen by measurement, see docs/benchmarks.md ("Learned model"). */
    public static final int[] DEFAULT_HIDDEN = {8};

    public static final double DEFAULT_SECONDS = 60;

    public TrainingOptions {
        hidden = hidden.clone();
        if (hidden.length > 2) {
            throw new IllegalArgumentException("Invalid network: at most 2 hidden layers, got " + hidden.length);
        }
        for (int h : hidden) {
            if (h < 1 || h > IntegerMlp.MAX_HIDDEN) {
                throw new IllegalArgumentException(
                        "Invalid hidden width " + h + ": must be 1.." + IntegerMlp.MAX_HIDDEN);
            }
        }
        if (!(seconds > 0) || maxEpochs < 0 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("Invalid training options: seconds " + seconds + ", epochs " + maxEpochs
                    + ", batch " + batchSize + ", learning rate " + learningRate);
        }
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(DEFAULT_HIDDEN, DEFAULT_SECONDS, 1, 0, 4096, 3e-3f);
    }

    public TrainingOptions withHidden(int... widths) {
        return new TrainingOptions(widths, seconds, seed, maxEpochs, batchSize, learningRate);
    }

    public TrainingOptions withSeconds(double s) {
        return new TrainingOptions(hidden, s, seed, maxEpochs, batchSize, learningRate);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(hidden, seconds, s, maxEpochs, batchSize, learningRate);
    }

    public TrainingOptions withMaxEpochs(int epochs) {
        return new TrainingOptions(hidden, seconds, seed, epochs, batchSize, learningRate);
    }

    public TrainingOptions withBatchSize(int size) {
        return new TrainingOptions(hidden, seconds, seed, maxEpochs, size, learningRate);
    }

    public TrainingOptions withLearningRate(float rate) {
        return new TrainingOptions(hidden, seconds, seed, maxEpochs, batchSize, rate);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** "16-16-2"-style layer widths, inputs first. */
    public String architecture() {
        StringBuilder sb = new StringBuilder().append(IntegerMlp.INPUTS);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(IntegerMlp.OUTPUTS).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingOptions t
                && Arrays.equals(hidden, t.hidden)
                && seconds == t.seconds
                && seed == t.seed
                && maxEpochs == t.maxEpochs
                && batchSize == t.batchSize
                && learningRate == t.learningRate;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hidden) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "TrainingOptions[" + architecture() + ", " + seconds + " s, seed " + seed + ", epochs " + maxEpochs
                + ", batch " + batchSize + ", lr " + learningRate + "]";
    }
}
