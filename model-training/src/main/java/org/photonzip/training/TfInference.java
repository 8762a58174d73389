package org.photonzip.training;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.photonzip.codec.learned.InferenceBackend;
import org.photonzip.codec.learned.IntegerMlp;

/**
 * The TensorFlow backend: evaluates a whole batch (a tile-frame) per call, on the GPU when the GPU natives
 * (Maven profile {@code gpu}) find one, else on the CPU. Each distinct network is compiled once and kept until
 * {@link #close()}. Results are identical to {@link org.photonzip.codec.learned.JavaInference}, element for
 * element; on GPUs that requires TF32 off ({@code NVIDIA_TF32_OVERRIDE=0}, set by {@code bin/photonzip}) —
 * TF32 would in fact still be exact here, since inputs ≤ 255 and weights ≤ 127 fit its 10-bit mantissa, but
 * the design does not lean on that.
 */
public final class TfInference implements InferenceBackend, AutoCloseable {
    public static final String NAME = "tf";

    private final int threads;
    private final Map<IntegerMlp, TfNetwork> networks = new ConcurrentHashMap<>();

    private TfInference(int threads) {
        this.threads = threads;
    }

    /**
     * A backend whose sessions use {@code threads} CPU threads (0: one per core).
     *
     * @throws IllegalStateException if TensorFlow's natives cannot be loaded
     */
    public static TfInference create(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("Invalid thread count " + threads);
        }
        TensorFlowRuntime.require();
        return new TfInference(threads);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void evaluate(IntegerMlp network, int[] inputs, int rows, int[] outputs) {
        networks.computeIfAbsent(network, n -> new TfNetwork(n, TensorFlowRuntime.sessionConfig(threads)))
                .evaluate(inputs, rows, outputs);
    }

    @Override
    public void close() {
        networks.values().forEach(TfNetwork::close);
        networks.clear();
    }
}
