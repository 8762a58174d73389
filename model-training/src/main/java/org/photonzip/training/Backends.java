package org.photonzip.training;

import java.util.Locale;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.JavaInference;

/**
 * Chooses the inference backend: {@code java} (the reference evaluator), {@code tf} (TensorFlow, fails when its
 * natives do not load) or {@code auto} (TensorFlow when it loads, else Java, saying why). Both give identical
 * streams, so the choice only affects speed.
 */
public final class Backends {
    public static final String AUTO = "auto";

    private Backends() {}

    /** The chosen backend and a line for people saying what was chosen and why. */
    public record Selection(InferenceBackend backend, String message) {}

    /**
     * @param threads TensorFlow's CPU threads (0: one per core); ignored by the Java evaluator
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    when {@code tf} is asked for and TensorFlow cannot be loaded
     */
    public static Selection select(String name, int threads) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "java":
                return new Selection(JavaInference.INSTANCE, "inference: java (reference evaluator)");
            case TfInference.NAME:
                return new Selection(TfInference.create(threads), "inference: tf (" + detail() + ")");
            case AUTO:
                TensorFlowRuntime.Status s = TensorFlowRuntime.status();
                return s.loaded()
                        ? new Selection(TfInference.create(threads), "inference: tf (auto; " + s.detail() + ")")
                        : new Selection(
                                JavaInference.INSTANCE,
                                "inference: java (auto; TensorFlow unavailable: " + s.detail() + ")");
            default:
                throw new IllegalArgumentException("Unknown inference backend " + name + ": expected auto, java or tf");
        }
    }

    private static String detail() {
        return TensorFlowRuntime.status().detail();
    }
}
