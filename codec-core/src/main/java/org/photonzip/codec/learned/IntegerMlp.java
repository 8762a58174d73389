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
     * Each layer's weights transposed to [in][out]: the evaluator then adds one input times a column to all of
     * a layer's sums at once, a loop over contiguous outputs that the JIT compiles without reductions.
     */
    private final int[][] columns;

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
        this.columns = new int[layers][];
        for (int l = 0; l < layers; l++) {
            int n = widths[l];
            int m = widths[l + 1];
            columns[l] = new int[n * m];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    columns[l][i * m + j] = weights[l][j * n + i];
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
            int[] col = columns[l];
            System.arraycopy(biases[l], 0, scratch, dst, m);
            for (int i = 0; i < n; i++) {
                int v = in[inOff + i];
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    scratch[dst + j] += col[row + j] * v;
                }
            }
            int s = shifts[l];
            for (int j = dst; j < dst + m; j++) {
                int a = scratch[j] >> s;
                scratch[j] = a < 0 ? 0 : Math.min(a, MAX_ACTIVATION);
            }
            in = scratch;
            inOff = dst;
            dst = MAX_HIDDEN - dst;
        }
        int n = widths[last];
        int[] col = columns[last];
        int o0 = biases[last][0];
        int o1 = biases[last][1];
        for (int i = 0; i < n; i++) {
            int v = in[inOff + i];
            o0 += col[2 * i] * v;
            o1 += col[2 * i + 1] * v;
        }
        out[outOffset] = o0;
        out[outOffset + 1] = o1;
    }

    public static int scratchSize() {
        return 2 * MAX_HIDDEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntegerMlp other && Arrays.deepEquals(weights, other.weights)
                && Arrays.deepEquals(biases, other.biases) && Arrays.equals(shifts, other.shifts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights) * 31 + Arrays.hashCode(shifts);
    }
}
