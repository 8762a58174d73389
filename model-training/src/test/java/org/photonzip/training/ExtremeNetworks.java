package org.photonzip.training;

import java.util.SplittableRandom;
import org.photonzip.codec.learned.IntegerMlp;
import org.photonzip.codec.learned.ModelFile;

/**
 * Random integer networks for backend comparisons, including the worst cases the format allows: 64-unit layers,
 * weights at ±127 of one sign, biases at ±2^20, so partial sums reach the format's bound (just under 2^24)
 * and hidden units saturate at 0 and 255.
 */
final class ExtremeNetworks {
    private ExtremeNetworks() {}

    static ModelFile random(long seed, boolean extreme, int... hidden) {
        SplittableRandom r = new SplittableRandom(seed);
        int layers = hidden.length + 1;
        int[][] w = new int[layers][];
        int[][] b = new int[layers][];
        int[] shifts = new int[hidden.length];
        int in = IntegerMlp.INPUTS;
        for (int l = 0; l < layers; l++) {
            int out = l < hidden.length ? hidden[l] : IntegerMlp.OUTPUTS;
            w[l] = new int[in * out];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = extreme ? (r.nextInt(8) == 0 ? -127 : 127) : r.nextInt(-127, 128);
            }
            b[l] = new int[out];
            for (int i = 0; i < out; i++) {
                b[l][i] = extreme
                        ? (r.nextBoolean() ? IntegerMlp.MAX_BIAS : -IntegerMlp.MAX_BIAS)
                        : r.nextInt(-50_000, 50_001);
            }
            if (l < hidden.length) {
                shifts[l] = r.nextInt(0, 14);
            }
            in = out;
        }
        return new ModelFile(new IntegerMlp(w, b, shifts), r.nextInt(0, 16), r.nextInt(0, 16), "{}");
    }

    /** {@code rows} input vectors with every element in ±127 (extremes included). */
    static int[] inputs(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] x = new int[rows * IntegerMlp.INPUTS];
        for (int i = 0; i < x.length; i++) {
            int pick = r.nextInt(10);
            x[i] = pick == 0 ? 127 : pick == 1 ? -127 : r.nextInt(-127, 128);
        }
        return x;
    }
}
