package org.photonzip.codec.learned;

import java.util.SplittableRandom;

/** Integer networks with random weights within the format's bounds, for tests. */
public final class RandomModels {
    private RandomModels() {}

    public static ModelFile random(long seed, int... hidden) {
        return withShifts(seed, 10, 12, hidden);
    }

    /** Large output shifts make a network whose corrections stay small: its tiles code close to classical. */
    public static ModelFile withShifts(long seed, int locationShift, int scaleShift, int... hidden) {
        SplittableRandom r = new SplittableRandom(seed);
        int layers = hidden.length + 1;
        int[][] w = new int[layers][];
        int[][] b = new int[layers][];
        int[] shifts = new int[layers - 1];
        int in = IntegerMlp.INPUTS;
        for (int l = 0; l < layers; l++) {
            int out = l < hidden.length ? hidden[l] : IntegerMlp.OUTPUTS;
            w[l] = new int[in * out];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = r.nextInt(-IntegerMlp.MAX_WEIGHT, IntegerMlp.MAX_WEIGHT + 1);
            }
            b[l] = new int[out];
            for (int i = 0; i < out; i++) {
                b[l][i] = r.nextInt(-4096, 4097);
            }
            if (l < hidden.length) {
                shifts[l] = 6 + r.nextInt(4);
            }
            in = out;
        }
        return new ModelFile(new IntegerMlp(w, b, shifts), locationShift, scaleShift, "{\"test\":true}");
    }
}
