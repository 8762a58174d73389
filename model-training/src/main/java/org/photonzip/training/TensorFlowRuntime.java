package org.photonzip.training;

import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/**
 * Whether TensorFlow's native libraries load in this JVM, asked once. The first load extracts about 650 MB of
 * natives to {@code ~/.javacpp/cache} (relocate with {@code -Dorg.bytedeco.javacpp.cachedir=DIR}); a machine
 * without them (old glibc, no cache space, missing jar) must fall back to the Java evaluator, not crash.
 */
public final class TensorFlowRuntime {
    private static volatile Status status;

    private TensorFlowRuntime() {}

    /** The outcome of loading: the TensorFlow version, or why it failed. */
    public record Status(boolean loaded, String detail) {}

    public static Status status() {
        Status s = status;
        if (s == null) {
            synchronized (TensorFlowRuntime.class) {
                s = status;
                if (s == null) {
                    s = load();
                    status = s;
                }
            }
        }
        return s;
    }

    /** Loads the natives or throws, with the reason, when they cannot be loaded. */
    static void require() {
        Status s = status();
        if (!s.loaded()) {
            throw new IllegalStateException("Cannot use TensorFlow: " + s.detail());
        }
    }

    private static Status load() {
        try {
            return new Status(true, "TensorFlow " + TensorFlow.version());
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError: all mean "not here".
            return new Status(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Session options with {@code threads} threads for one op and for running ops side by side (0: TensorFlow's
     * default, one per core). One thread makes training reproducible run to run and keeps the bench's figures
     * per core.
     */
    static ConfigProto sessionConfig(int threads) {
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads)
                .build();
    }
}
