package org.photonzip.options;

import java.io.Serializable;
import java.util.Locale;

/**
 * What {@code --model} asked for: {@code auto} and {@code classical} (the classical model), {@code learned}
 * (a model trained on the fly from the scan itself, then stored in its archive), or a model file trained
 * before (train once per beamline, reuse nightly). With a learned model each tile keeps whichever of the two
 * models codes it smaller; {@code inference} names the backend that evaluates the network when encoding.
 */
public record ModelChoice(Kind kind, String file, String inference, int minLearnedSaving) implements Serializable {
    public enum Kind {
        AUTO,
        CLASSICAL,
        LEARNED,
        FILE
    }

    public ModelChoice(Kind kind, String file, String inference) {
        this(kind, file, inference, 0);
    }

    /**
     * The same choice, a tile keeping the learned model only where its stream is at least {@code percent} % smaller
     * than the classical one (0: wherever it is smaller). A learned tile decodes about 4x slower (docs/learned-model.md).
     */
    public ModelChoice withMinLearnedSaving(int percent) {
        if (percent < 0 || percent > 99) {
            throw new IllegalArgumentException(
                    "Invalid --learned-min-saving " + percent + ": expected 0..99 (percent)");
        }
        return new ModelChoice(kind, file, inference, percent);
    }

    public static ModelChoice parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "Invalid --model: empty (expected auto, classical, learned or a model file)");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> new ModelChoice(Kind.AUTO, null, "auto");
            case "classical" -> new ModelChoice(Kind.CLASSICAL, null, "auto");
            case "learned" -> new ModelChoice(Kind.LEARNED, null, "auto");
            default -> new ModelChoice(Kind.FILE, value.trim(), "auto");
        };
    }

    /** The same choice, encoding with the named inference backend ({@code auto}, {@code java}, {@code tf}). */
    public ModelChoice withInference(String backend) {
        return new ModelChoice(kind, file, backend, minLearnedSaving);
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file : kind.name().toLowerCase(Locale.ROOT);
    }
}
