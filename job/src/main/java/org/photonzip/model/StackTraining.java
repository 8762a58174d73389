package org.photonzip.model;

import java.io.IOException;
import java.util.function.Consumer;
import org.photonzip.source.StackSource;
import org.photonzip.training.TrainedModel;
import org.photonzip.training.Trainer;
import org.photonzip.training.TrainingOptions;

/**
 * Trains a model on one stack within one time budget: sampling comes first, training gets what is left (at
 * least one epoch runs). Shared by {@code photonzip train} and the bench's training on the fly.
 */
public final class StackTraining {
    public static final int DEFAULT_SAMPLES = 400_000;
    public static final int DEFAULT_TILES = 8;

    private StackTraining() {}

    /** What came out, and how long it took in all (sampling included). */
    public record Result(TrainedModel trained, StackSampler.Sample sample, double samplingSeconds, double seconds) {}

    /**
     * @param options   the budget in {@link TrainingOptions#seconds()} covers sampling and training
     * @param progress  receives a line after sampling and after every epoch
     * @throws IllegalStateException if TensorFlow cannot be loaded
     */
    public static Result train(
            StackSource source,
            String description,
            int samples,
            int tiles,
            TrainingOptions options,
            Consumer<String> progress)
            throws IOException {
        long start = System.nanoTime();
        StackSampler.Sample sample = StackSampler.sample(source, samples, tiles, options.seed());
        return trainOn(sample, seconds(start), description, options, progress);
    }

    /** Trains on examples drawn already ({@link DistributedSampler}) in {@code sampled} seconds of the budget. */
    public static Result trainOn(
            StackSampler.Sample sample,
            double sampled,
            String description,
            TrainingOptions options,
            Consumer<String> progress) {
        long start = System.nanoTime() - (long) (sampled * 1e9);
        progress.accept(String.format(
                java.util.Locale.ROOT,
                "sampled %,d examples from %d of %d tiles in %.1f s",
                sample.set().size(),
                sample.tilesRead(),
                sample.tilesInStack(),
                sampled));
        TrainedModel trained = Trainer.train(
                sample.set(),
                options.withSeconds(Math.max(1, options.seconds() - sampled)),
                description,
                r -> progress.accept(r.toString()));
        return new Result(trained, sample, sampled, seconds(start));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
