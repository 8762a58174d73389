package org.photonzip.codec.bound;

import org.photonzip.codec.MalformedStreamException;
import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualAlphabet;

/**
 * An error bound resolved for one tile's value indices (JPEG-LS NEAR-style quantisation inside the prediction
 * loop). For a prediction {@code p} with bound {@code δ = delta(p)} and step {@code s = 2δ + 1}, a residual
 * {@code e = x − p} is sent as {@code q = sign(e)·⌊(|e| + δ)/s⌋} and restored as {@code x' = clamp(p + q·s)}.
 * Then {@code e − δ ≤ q·s ≤ e + δ}, so {@code |x' − x| ≤ δ} before the clamp, and clamping to the index
 * range (which contains {@code x}) only moves {@code x'} closer to {@code x}.
 *
 * <p>The index space is the value space shifted by the offset value map's minimum, so bounds in counts apply
 * unchanged and the noise bound is looked up at the prediction's value {@code p + offset}.
 */
public final class Quantiser {
    private static final int MODE_ABSOLUTE = 1;
    private static final int MODE_NOISE = 2;

    /** Bits of a {@link #packed()} entry that hold the context shift (at most 71). */
    public static final int SHIFT_BITS = 7;

    private final int[] packed;
    private final boolean uniform;

    private Quantiser(int[] packed, boolean uniform) {
        this.packed = packed;
        this.uniform = uniform;
    }

    /** The quantiser of a bounded {@code bound} for indices {@code 0..maxIndex} = values {@code offset..}. */
    public static Quantiser forTile(ErrorBound bound, int valueOffset, int maxIndex) {
        if (bound.isLossless()) {
            throw new IllegalArgumentException("Invalid quantiser: lossless coding does not quantise");
        }
        int[] packed = new int[maxIndex + 1];
        for (int i = 0; i <= maxIndex; i++) {
            int delta = bound.boundAt(i + valueOffset);
            packed[i] = delta << SHIFT_BITS | stepContexts(2 * delta + 1);
        }
        return new Quantiser(packed, bound instanceof ErrorBound.Absolute);
    }

    /** The symbol of residual {@code e} under bound {@code delta}: {@code sign(e)·⌊(|e| + δ)/(2δ + 1)⌋}. */
    public static int quantise(int e, int delta) {
        int step = 2 * delta + 1;
        return e >= 0 ? (e + delta) / step : -((delta - e) / step);
    }

    /** The reconstruction of symbol {@code q} at prediction {@code pred}: {@code clamp(pred + q·(2δ + 1))}. */
    public static int reconstruct(int pred, long q, int delta, int maxIndex) {
        long v = pred + q * (2 * delta + 1);
        return v < 0 ? 0 : (int) Math.min(v, maxIndex);
    }

    /**
     * How many scale contexts (a quarter octave each) a step of {@code s} spans: the coded symbols are about
     * {@code s} times smaller than the residuals whose magnitudes make the error energy.
     */
    static int stepContexts(int s) {
        return ResidualAlphabet.context(4 * s - 4);
    }

    /**
     * By prediction index: the bound {@code << SHIFT_BITS} | the context shift, one lookup for the coders' hot
     * loops (do not modify).
     */
    public int[] packed() {
        return packed;
    }

    /** True when every index has the same bound (an absolute bound): then {@code packed()[0]} serves all. */
    public boolean uniform() {
        return uniform;
    }

    /** The bound of prediction index {@code index}. */
    public int delta(int index) {
        return packed[index] >>> SHIFT_BITS;
    }

    /** Writes a bounded {@code bound}'s parameters (docs/tile-format.md §6). */
    public static void write(ErrorBound bound, BitWriter out) {
        if (bound instanceof ErrorBound.Absolute a) {
            out.write(MODE_ABSOLUTE, 8);
            out.write(a.n(), 16);
        } else if (bound instanceof ErrorBound.NoiseScaled n) {
            out.write(MODE_NOISE, 8);
            out.write(n.kFixed(), 16);
            out.write(n.model().gainFixed(), 24);
            out.write(n.model().darkFixed(), 24);
            out.write(n.model().readFixed(), 24);
        } else {
            throw new IllegalArgumentException("Invalid quantiser: lossless coding has no parameters");
        }
    }

    /** Reads what {@link #write} wrote; anything out of range is a malformed stream. */
    public static ErrorBound read(BitReader in, long offset) {
        int mode = in.read(8);
        try {
            if (mode == MODE_ABSOLUTE) {
                return ErrorBound.absolute(in.read(16));
            }
            if (mode == MODE_NOISE) {
                int k = in.read(16);
                int g = in.read(24);
                int d = in.read(24);
                int r = in.read(24);
                return new ErrorBound.NoiseScaled(k, new NoiseModel(g, d, r));
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedStreamException(offset, "error bound parameters: " + e.getMessage());
        }
        throw new MalformedStreamException(offset, "unknown error bound mode " + mode);
    }
}
