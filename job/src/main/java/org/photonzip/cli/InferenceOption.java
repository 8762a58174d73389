package org.photonzip.cli;

import org.photonzip.training.Backends;
import picocli.CommandLine.Option;

/**
 * {@code --inference auto|java|tf}: which backend evaluates the learned model's network when encoding, for the
 * commands that encode ({@code @Mixin InferenceOption}). Streams are identical whatever the choice; {@code auto}
 * takes TensorFlow when its natives load. The default comes from {@code -Dphotonzip.inference} or
 * {@code $PHOTONZIP_INFERENCE}, else {@code auto}; decoding always uses the Java evaluator.
 */
public final class InferenceOption {
    static final String PROPERTY = "photonzip.inference";
    static final String ENVIRONMENT = "PHOTONZIP_INFERENCE";

    @Option(
            names = "--inference",
            paramLabel = "auto|java|tf",
            defaultValue = "${sys:" + PROPERTY + ":-${env:" + ENVIRONMENT + ":-auto}}",
            description = "Backend for the learned model's network when encoding "
                    + "(default: ${DEFAULT-VALUE}); TensorFlow runs on the GPU when built with -Pgpu.")
    String inference;

    /**
     * The selected backend (one TensorFlow thread per encoding thread) and a line saying which and why.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    when {@code tf} is asked for and TensorFlow cannot be loaded
     */
    /** The backend's name as given: {@code auto}, {@code java} or {@code tf}. */
    public String name() {
        return inference;
    }

    public Backends.Selection select() {
        return Backends.select(inference, 1);
    }
}
