package org.photonzip.codec.model;

import static org.photonzip.codec.format.Verify.verify;

import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.entropy.ResidualEncoder;

/**
 * The classical context model: a linear predictor over a spatio-temporal causal neighbourhood, with weights
 * fitted per tile by least squares and stored in the stream, and a scale context from the magnitudes of the
 * neighbouring residuals in the current and the previous frame (CALIC's error energy, extended in time).
 *
 * <p>Inter frames predict from the previous frame's pixel plus weighted differences to three older frames (a
 * temporal average against photon noise, or a trend), to the causal neighbours of the current frame (which
 * follow beam-intensity changes) and to the previous frame's neighbours. The first frame of a tile has no
 * temporal context and uses spatial weights of its own. A neighbour outside the tile takes the base value, so
 * its difference contributes nothing.
 */
public final class ClassicalModel implements TileModel {
    public static final int ID = 1;
    static final int INTER_FEATURES = 13;
    static final int INTRA_FEATURES = 5;
    static final int WEIGHT_BITS = 12;
    private static final int MAX_FIT_SAMPLES = 150_000;

    private final int[] inter;
    private final int[] intra;

    ClassicalModel(int[] inter, int[] intra) {
        this.inter = inter;
        this.intra = intra;
    }

    /** Fits the weights to a tile's value indices. */
    public static ClassicalModel fit(short[] data, int frames, int height, int width, int maxIndex) {
        NeighbourhoodReader nb = new NeighbourhoodReader(data, height, width, maxIndex);
        int plane = height * width;
        int[] f = new int[INTER_FEATURES];
        LinearFit interFit = new LinearFit(INTER_FEATURES);
        long interCount = (long) (frames - 1) * plane;
        if (interCount > 0) {
            int step = samplingStep(interCount, width);
            for (long j = plane; j < (long) frames * plane; j += step) {
                int i = (int) j;
                int t = i / plane;
                int r = i - t * plane;
                int base = nb.inter(i, t, r / width, r % width, f);
                interFit.add(f, (data[i] & 0xFFFF) - base);
            }
        }
        LinearFit intraFit = new LinearFit(INTRA_FEATURES);
        int step = samplingStep(plane, width);
        for (int i = 0; i < plane; i += step) {
            int base = nb.intra(i, i / width, i % width, f);
            intraFit.add(f, (data[i] & 0xFFFF) - base);
        }
        return new ClassicalModel(interFit.solveQuantised(WEIGHT_BITS), intraFit.solveQuantised(WEIGHT_BITS));
    }

    /** A sampling stride giving about {@link #MAX_FIT_SAMPLES} samples, coprime with the row length. */
    private static int samplingStep(long count, int width) {
        int step = (int) Math.max(1, count / MAX_FIT_SAMPLES);
        while (step > 1 && gcd(step, width) != 1) {
            step++;
        }
        return step;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public static ClassicalModel read(BitReader in) {
        int[] inter = readWeights(in, INTER_FEATURES);
        int[] intra = readWeights(in, INTRA_FEATURES);
        return new ClassicalModel(inter, intra);
    }

    private static int[] readWeights(BitReader in, int expected) {
        long offset = in.offset();
        int n = in.read(8);
        verify(n == expected, offset, "classical model has " + n + " weights, expected " + expected);
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = (short) in.read(16);
        }
        return w;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public void writeParameters(BitWriter out) {
        for (int[] w : new int[][] {inter, intra}) {
            out.write(w.length, 8);
            for (int v : w) {
                out.write(v & 0xFFFF, 16);
            }
        }
    }

    @Override
    public void code(
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            Quantiser quantiser,
            int[] boundsOut,
            ResidualEncoder encoder,
            ResidualDecoder decoder) {
        new ClassicalCoder(this, data, height, width, maxIndex, quantiser, boundsOut, encoder, decoder).run(frames);
    }

    int[] interWeights() {
        return inter;
    }

    int[] intraWeights() {
        return intra;
    }
}
