package org.photonzip.job;

import java.io.Serializable;
import java.util.Locale;

/**
 * What {@code --model} asked for: {@code auto} (the best model available: today the classical one),
 * {@code classical}, {@code learned}, or a model file. The learned model is not available yet, so the last two
 * are rejected with a {@link ModelUnavailableException} before any work starts.
 */
public record ModelChoice(Kind kind, String file) implements Serializable {
    public enum Kind { AUTO, CLASSICAL, LEARNED, FILE }

    public static ModelChoice parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Invalid --model: empty (expected auto, classical, learned or a model file)");
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> new ModelChoice(Kind.AUTO, null);
            case "classical" -> new ModelChoice(Kind.CLASSICAL, null);
            case "learned" -> new ModelChoice(Kind.LEARNED, null);
            default -> new ModelChoice(Kind.FILE, value.trim());
        };
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file : kind.name().toLowerCase(Locale.ROOT);
    }
}
