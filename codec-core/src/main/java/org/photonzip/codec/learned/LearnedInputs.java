package org.photonzip.codec.learned;

import org.photonzip.codec.entropy.ResidualAlphabet;

/**
 * The network's input vector for one inter-frame sample, and how its outputs become a prediction and a
 * context. Everything is derived from the classical model's view of the sample (its 13 feature differences,
 * its prediction, its error energy), normalised by the error energy so that one network serves dim and bright
 * regions, quiet and busy ones. Specified in docs/learned-model.md.
 */
public final class LearnedInputs {
    /** 13 classical feature differences, the classical prediction offset, the energy context, the level. */
    public static final int COUNT = 16;

    private static final int LIMIT = 127;

    private LearnedInputs() {}

    /** Right shift that brings differences of the size of the local errors to roughly ±8..32. */
    public static int normalisingShift(int energy) {
        int n = 31 - Integer.numberOfLeadingZeros(energy + 4);
        return Math.max(0, n - 5);
    }

    /**
     * Fills {@code x[off..off+16)}. {@code features} are the classical feature differences to {@code base},
     * {@code classicalPrediction} the classical model's prediction, {@code energy} its error energy.
     */
    public static void fill(int[] features, int base, int classicalPrediction, int energy, int[] x, int off) {
        int sh = normalisingShift(energy);
        for (int k = 0; k < 13; k++) {
            x[off + k] = clamp(features[k] >> sh);
        }
        x[off + 13] = clamp((classicalPrediction - base) >> sh);
        x[off + 14] = ResidualAlphabet.context(energy);
        x[off + 15] = Math.min(base >> 10, 63);
    }

    /** The location correction: output 0 scaled back from normalised units, {@code floor(o·2^sh / 2^s)}. */
    public static int locationOffset(int output0, int energy, int locationShift) {
        return (int) Math.floorDiv((long) output0 << normalisingShift(energy), 1L << locationShift);
    }

    /** The coding context: the energy context moved by {@code floor(o / 2^s)}, kept in range. */
    public static int context(int output1, int energy, int scaleShift) {
        int c = ResidualAlphabet.context(energy) + (output1 >> scaleShift);
        return c < 0 ? 0 : Math.min(c, ResidualAlphabet.CONTEXTS - 1);
    }

    private static int clamp(int v) {
        return v < -LIMIT ? -LIMIT : Math.min(v, LIMIT);
    }
}
