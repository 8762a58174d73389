package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.photonzip.model.ModelFiles;
import org.photonzip.model.StackTraining;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.training.TrainedModel;
import org.photonzip.training.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip train INPUT MODEL}: trains the learned model on a stack and writes the model file. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train the learned model (an integer network refining the classical model's prediction and "
                    + "context) on tiles sampled from a stack, and write the model file (versioned, SHA-256).",
            "INPUT is PATH[:DATASET][@A:B] as for bench. Same input, seed and --epochs: same model file."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:model written",
            "1:the stack could not be read or the model not written",
            "2:invalid options",
            "3:TensorFlow could not be loaded"
        })
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The stack to learn from.")
    String input;

    @Parameters(index = "1", paramLabel = "MODEL", description = "The model file to write (replaced atomically).")
    Path model;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "Time budget for sampling and training (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "" + StackTraining.DEFAULT_SAMPLES,
            description = "Training examples to draw (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
            names = "--tiles",
            paramLabel = "N",
            defaultValue = "" + StackTraining.DEFAULT_TILES,
            description = "Tiles to draw them from, spread over the scan (default: ${DEFAULT-VALUE}).")
    int tiles;

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "W",
            description = "Hidden layer widths, e.g. 16 or 32,16; 0 for none (a linear refiner). Default: 8.")
    List<Integer> hidden;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N epochs (default: time budget and early stopping decide).")
    int epochs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Invalid options are IllegalArgumentExceptions: ExitCodes prints them and exits 2.
        TrainingOptions options =
                TrainingOptions.defaults().withSeed(seed).withMaxEpochs(epochs).withSeconds(seconds);
        if (hidden != null) {
            options = options.withHidden(
                    hidden.equals(List.of(0))
                            ? new int[0]
                            : hidden.stream().mapToInt(Integer::intValue).toArray());
        }
        if (samples < 100 || tiles < 1) {
            throw new IllegalArgumentException(
                    "Invalid sampling: --samples " + samples + " (at least 100), --tiles " + tiles);
        }
        StackTraining.Result result;
        try (StackSource source = StackSources.open(input)) {
            result = StackTraining.train(source, input, samples, tiles, options, line -> {
                out.println(line);
                out.flush();
            });
        } catch (IOException | UncheckedIOException | IndexOutOfBoundsException e) {
            err.println("train: cannot read " + input + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("train: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            err.println("train: cannot train on " + input + ": " + e.getMessage());
            return 1;
        }
        TrainedModel trained = result.trained();
        try {
            ModelFiles.write(trained.model(), model);
        } catch (IOException e) {
            err.println("train: cannot write " + model + ": " + e.getMessage());
            return 1;
        }
        out.printf(
                Locale.ROOT,
                "wrote %s: %,d bytes, sha256 %s, network %s, validation %.4f bits/px "
                        + "(classical %.4f, %+.2f %%), kept epoch %d of %d (reproduce with --seed %d --epochs %d), "
                        + "%.1f s%n",
                model,
                trained.model().toBytes().length,
                trained.model().hashHex(),
                options.architecture(),
                trained.best().validationBits(),
                trained.best().classicalBits(),
                100 * (trained.best().validationBits() / trained.best().classicalBits() - 1),
                trained.best().epoch(),
                trained.epochs().size(),
                seed,
                trained.epochs().size(),
                result.seconds());
        return 0;
    }
}
