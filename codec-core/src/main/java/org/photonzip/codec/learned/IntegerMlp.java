package org.photonzip.codec.learned;

import java.util.Arrays;

/**
 * The learned model's network: a multilayer perceptron whose weights, biases and activations are integers, so
 * that every platform computes identical outputs (Ballé et al., "Integer networks for data compression with
 * latent-variable models", ICLR 2019). Hidden units are {@code clamp((Σ w·x + b) >> shift, 0, 255)}; the two
 * outputs are plain sums. Bounds on sizes and values (checked here) keep every partial sum below 2^24, so a
 * float32 backend (TensorFlow, GPU) is exact in any summation order. Specified in docs/learned-model.md.
 */
public final class IntegerMlp {
    public static final int INPUTS = LearnedInputs.COUNT;
    public static final int OUTPUTS = 2;
    public static final int MAX_HIDDEN = 64;
    public static final int MAX_WEIGHT = 127;
    public static final int MAX_BIAS = 1 << 20;
    public static final int MAX_ACTIVATION = 255;

    /** {@code layers[l]} holds weights row-major [out][in]; the last layer has {@link #OUTPUTS} rows. */
    private final int[][] weights;

    private final int[][] biases;
    /** Right shift after each hidden layer. */
    private final int[] shifts;

    private final int[] widths;
    /**
     * Hidden layers' weights regrouped for the evaluator: units in blocks of {@link #BLOCK}, each block's weights
     * input by input ({@code [block][in][BLOCK]}, zero-padded), with the biases padded alike. A block's sums then
     * live in registers while the inputs stream past, which makes the per-sample decoder several times faster
     * than one dot product per unit. The output layer is stored [in][2].
     */
    private final int[][] blocked;

    private final int[][] blockedBiases;
    private static final int BLOCK = 4;

    public IntegerMlp(int[][] weights, int[][] biases, int[] shifts) {
        int layers = weights.length;
        if (layers < 1 || layers > 3 || biases.length != layers || shifts.length != layers - 1) {
            throw new IllegalArgumentException("Invalid network: " + layers + " layers, " + biases.length
                    + " bias vectors, " + shifts.length + " shifts");
        }
        widths = new int[layers + 1];
        widths[0] = INPUTS;
        for (int l = 0; l < layers; l++) {
            int out = biases[l].length;
            if (out < 1 || (l < layers - 1 && out > MAX_HIDDEN) || (l == layers - 1 && out != OUTPUTS)) {
                throw new IllegalArgumentException("Invalid network: layer " + l + " has " + out + " units");
            }
            if (weights[l].length != out * widths[l]) {
                throw new IllegalArgumentException("Invalid network: layer " + l + " needs " + out * widths[l]
                        + " weights, has " + weights[l].length);
            }
            for (int w : weights[l]) {
                if (Math.abs(w) > MAX_WEIGHT) {
                    throw new IllegalArgumentException("Invalid network: weight " + w + " outside ±" + MAX_WEIGHT);
                }
            }
            for (int b : biases[l]) {
                if (Math.abs(b) > MAX_BIAS) {
                    throw new IllegalArgumentException("Invalid network: bias " + b + " outside ±" + MAX_BIAS);
                }
            }
            if (l < layers - 1 && (shifts[l] < 0 || shifts[l] > 24)) {
                throw new IllegalArgumentException("Invalid network: shift " + shifts[l]);
            }
            widths[l + 1] = out;
        }
        this.weights = weights;
        this.biases = biases;
        this.shifts = shifts;
        this.blocked = new int[layers][];
        this.blockedBiases = new int[layers][];
        for (int l = 0; l < layers; l++) {
            int n = widths[l];
            int m = widths[l + 1];
            int padded = (m + BLOCK - 1) / BLOCK * BLOCK;
            blocked[l] = new int[padded * n];
            blockedBiases[l] = Arrays.copyOf(biases[l], padded);
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    blocked[l][(j / BLOCK * n + i) * BLOCK + j % BLOCK] = weights[l][j * n + i];
                }
            }
        }
    }

    public int layers() {
        return weights.length;
    }

    /** Units of layer {@code l} (0 = inputs). */
    public int width(int l) {
        return widths[l];
    }

    public int[] weights(int layer) {
        return weights[layer].clone();
    }

    public int[] biases(int layer) {
        return biases[layer].clone();
    }

    public int shift(int hiddenLayer) {
        return shifts[hiddenLayer];
    }

    /** Multiply-accumulates per evaluation. */
    public int macs() {
        int n = 0;
        for (int l = 0; l < weights.length; l++) {
            n += weights[l].length;
        }
        return n;
    }

    /** Evaluates one input vector; {@code scratch} needs {@link #scratchSize()} ints. */
    public void evaluate(int[] x, int xOffset, int[] out, int outOffset, int[] scratch) {
        int[] in = x;
        int inOff = xOffset;
        int last = weights.length - 1;
        int dst = 0;
        for (int l = 0; l < last; l++) {
            int n = widths[l];
            int m = widths[l + 1];
            int[] w = blocked[l];
            int[] b = blockedBiases[l];
            int s = shifts[l];
            for (int u = 0; u < m; u += BLOCK) {
                int a0 = b[u];
                int a1 = b[u + 1];
                int a2 = b[u + 2];
                int a3 = b[u + 3];
                for (int i = 0, k = u * n; i < n; i++, k += BLOCK) {
                    int v = in[inOff + i];
                    a0 += w[k] * v;
                    a1 += w[k + 1] * v;
                    a2 += w[k + 2] * v;
                    a3 += w[k + 3] * v;
                }
                // Padding units (beyond m) are computed but land in the unused tail of this half of scratch.
                scratch[dst + u] = activation(a0, s);
                scratch[dst + u + 1] = activation(a1, s);
                scratch[dst + u + 2] = activation(a2, s);
                scratch[dst + u + 3] = activation(a3, s);
            }
            in = scratch;
            inOff = dst;
            dst = MAX_HIDDEN - dst;
        }
        int n = widths[last];
        int[] w = blocked[last];
        int o0 = biases[last][0];
        int o1 = biases[last][1];
        for (int i = 0, k = 0; i < n; i++, k += BLOCK) {
            int v = in[inOff + i];
            o0 += w[k] * v;
            o1 += w[k + 1] * v;
        }
        out[outOffset] = o0;
        out[outOffset + 1] = o1;
    }

    private static int activation(int sum, int shift) {
        int a = sum >> shift;
        return a < 0 ? 0 : Math.min(a, MAX_ACTIVATION);
    }

    public static int scratchSize() {
        return 2 * MAX_HIDDEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerMlp other
                && Arrays.deepEquals(weights, other.weights)
                && Arrays.deepEquals(biases, other.biases)
                && Arrays.equals(shifts, other.shifts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights) * 31 + Arrays.hashCode(shifts);
    }
}
