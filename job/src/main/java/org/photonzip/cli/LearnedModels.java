package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.model.ModelFiles;
import org.photonzip.model.StackTraining;
import org.photonzip.source.FrameRangeSource;
import org.photonzip.source.StackSource;
import org.photonzip.tools.bench.Codecs;
import org.photonzip.training.TrainingOptions;

/** Where the bench's learned codecs get their model: a file given once, or training on each stack. */
final class LearnedModels {
    private final ModelFile fixed;
    private final double trainSeconds;
    private String lastDescription = "";

    private LearnedModels(ModelFile fixed, double trainSeconds) {
        this.fixed = fixed;
        this.trainSeconds = trainSeconds;
    }

    /**
     * @throws IllegalArgumentException when learned codecs are named without a model source, or both are given
     * @throws org.photonzip.codec.learned.InvalidModelException when the model file is corrupt
     */
    static LearnedModels of(List<String> codecs, Path model, double trainSeconds) throws IOException {
        boolean learned = codecs.stream().anyMatch(Codecs::isLearned);
        if (trainSeconds < 0 || model != null && trainSeconds > 0) {
            throw new IllegalArgumentException(
                    "Invalid learned model options: give --model FILE or --train-seconds S," + " not both");
        }
        if (!learned) {
            return new LearnedModels(null, 0);
        }
        if (model == null && trainSeconds == 0) {
            throw new IllegalArgumentException(
                    "Invalid codecs: the learned codecs need --model FILE or " + "--train-seconds S");
        }
        LearnedModels m = new LearnedModels(model == null ? null : ModelFiles.read(model), trainSeconds);
        if (m.fixed != null) {
            m.lastDescription = m.describe(m.fixed, "from " + model);
        }
        return m;
    }

    boolean trainsPerStack() {
        return trainSeconds > 0;
    }

    ModelFile fixed() {
        return fixed;
    }

    /** Trains on the frames the bench will measure, printing progress; the time is reported by {@link #describe()}. */
    ModelFile trainOn(StackSource source, String stack, int maxFrames, PrintWriter out) throws IOException {
        // Not closed here: the caller owns the source (and a range view would close it).
        StackSource frames =
                maxFrames > 0 && maxFrames < source.frames() ? FrameRangeSource.of(source, 0, maxFrames) : source;
        StackTraining.Result r = StackTraining.train(
                frames,
                stack,
                StackTraining.DEFAULT_SAMPLES,
                StackTraining.DEFAULT_TILES,
                TrainingOptions.defaults().withSeconds(trainSeconds),
                line -> {
                    out.println("train: " + line);
                    out.flush();
                });
        lastDescription = describe(
                r.trained().model(),
                String.format(
                        Locale.ROOT,
                        "trained on this stack in %.1f s (%d epochs)",
                        r.seconds(),
                        r.trained().epochs().size()));
        return r.trained().model();
    }

    /** A line for the report ("learned model: ..."), or nothing when no learned codec runs. */
    String describe() {
        return lastDescription;
    }

    private String describe(ModelFile model, String origin) {
        return String.format(
                Locale.ROOT,
                "learned model: %s, %,d bytes, sha256 %s%n",
                origin,
                model.toBytes().length,
                model.hashHex().substring(0, 16));
    }
}
