package org.photonzip.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.photonzip.codec.learned.InvalidModelException;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.model.DistributedSampler;
import org.photonzip.model.ModelFiles;
import org.photonzip.model.StackSampler;
import org.photonzip.model.StackTraining;
import org.photonzip.options.ModelChoice;
import org.photonzip.options.ModelUnavailableException;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;
import org.photonzip.training.TrainingOptions;

/**
 * Turns {@code --model} into the job's {@link TileCompressor}, on the driver before any task starts: a model
 * file is read and checked, {@code learned} trains a model on the scan itself: the executors sample a few tiles
 * ({@link DistributedSampler}), the driver trains on the examples.
 */
final class ModelSetup {
    private ModelSetup() {}

    static TileCompressor compressor(
            ModelChoice choice, StackDescriptor stack, JavaSparkContext jsc, PrintStream console) throws IOException {
        return switch (choice.kind()) {
            case AUTO, CLASSICAL -> TileCompressor.classical();
            case FILE ->
                TileCompressor.learned(read(choice.file()), choice.inference())
                        .withMinLearnedSaving(choice.minLearnedSaving());
            case LEARNED ->
                TileCompressor.learned(train(stack, jsc, console), choice.inference())
                        .withMinLearnedSaving(choice.minLearnedSaving());
        };
    }

    private static ModelFile read(String file) throws IOException {
        try {
            return ModelFiles.read(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new ModelUnavailableException("Cannot use --model " + file + ": no such model file");
        } catch (InvalidModelException e) {
            throw new ModelUnavailableException("Cannot use --model " + file + ": " + e.getMessage());
        }
    }

    private static ModelFile train(StackDescriptor stack, JavaSparkContext jsc, PrintStream console) {
        if (stack.frames() < 2) {
            throw new ModelUnavailableException("Cannot train a model on " + stack.description()
                    + ": it has a single frame, and the learned model refines inter-frame prediction");
        }
        StackTraining.Result r;
        try {
            // The executors read and sample the tiles (where the data is); the driver trains on what comes back.
            long start = System.nanoTime();
            TrainingOptions options = TrainingOptions.defaults();
            StackSampler.Sample sample = DistributedSampler.sample(
                    jsc,
                    stack,
                    jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration())),
                    StackTraining.DEFAULT_SAMPLES,
                    StackTraining.DEFAULT_TILES,
                    options.seed());
            r = StackTraining.trainOn(
                    sample,
                    (System.nanoTime() - start) / 1e9,
                    stack.description(),
                    options,
                    line -> console.println("train: " + line));
        } catch (IllegalStateException e) {
            throw new ModelUnavailableException("Cannot train a model: " + e.getMessage());
        }
        console.println(String.format(
                Locale.ROOT,
                "train: model %s (%d bytes) in %.1f s",
                r.trained().model().hashHex(),
                r.trained().model().toBytes().length,
                r.seconds()));
        return r.trained().model();
    }
}
