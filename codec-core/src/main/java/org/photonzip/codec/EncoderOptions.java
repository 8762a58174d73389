package org.photonzip.codec;

import java.util.Objects;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;

/**
 * How to encode tiles: which model family to use and, for the learned model, the model file and the backend
 * that evaluates its network. {@code AUTO} codes each tile both ways and keeps the smaller, so a learned model
 * can never make an archive larger. The error bound is {@link ErrorBound#none()} (lossless) unless set.
 */
public record EncoderOptions(Choice choice, ModelFile model, InferenceBackend backend, ErrorBound errorBound) {
    public enum Choice {
        CLASSICAL,
        LEARNED,
        AUTO
    }

    public static final EncoderOptions CLASSICAL = new EncoderOptions(Choice.CLASSICAL, null, JavaInference.INSTANCE);

    public EncoderOptions {
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(errorBound, "errorBound");
        if (choice != Choice.CLASSICAL && model == null) {
            throw new IllegalArgumentException("Invalid encoder options: " + choice + " needs a model file");
        }
    }

    /** Lossless options. */
    public EncoderOptions(Choice choice, ModelFile model, InferenceBackend backend) {
        this(choice, model, backend, ErrorBound.none());
    }

    public static EncoderOptions learned(ModelFile model, InferenceBackend backend, boolean keepSmaller) {
        return new EncoderOptions(keepSmaller ? Choice.AUTO : Choice.LEARNED, model, backend);
    }

    /** The same options with every tile coded within {@code bound}. */
    public EncoderOptions withErrorBound(ErrorBound bound) {
        return new EncoderOptions(choice, model, backend, bound);
    }
}
