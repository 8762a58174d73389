package org.photonzip.codec.entropy;

/**
 * How a prediction residual becomes an entropy-coded token plus raw bits.
 *
 * <p>The residual is zig-zag mapped to {@code m ≥ 0}; the context's shift {@code k} sends the {@code k} low bits
 * of {@code m} raw (they are nearly uniform once the context predicts the scale) and codes {@code q = m >>> k}
 * as a token: {@code q < 16} directly, larger {@code q} as its bit length and two bits below the leading one,
 * with the rest raw. Outliers (zingers, hot pixels) thus cost a rare token plus raw bits instead of widening
 * every context's alphabet.
 */
public final class ResidualAlphabet {
    /** Number of scale contexts, from the quantised logarithm of the local error energy. */
    public static final int CONTEXTS = 72;
    /** Number of tokens: 16 direct values and 4 per bit length from 4 to 16. */
    public static final int TOKENS = 16 + 4 * 13;

    static final int DIRECT = 16;

    private ResidualAlphabet() {}

    /** Context of a local error energy {@code e ≥ 0}: four steps per octave. */
    public static int context(int energy) {
        int v = energy + 4;
        int n = 31 - Integer.numberOfLeadingZeros(v);
        int c = ((n - 2) << 2) | ((v >>> (n - 2)) & 3);
        return Math.min(c, CONTEXTS - 1);
    }

    /** The error energy at the middle of context {@code c}: the inverse of {@link #context}. */
    public static double typicalEnergy(int c) {
        long width = 1L << (c >> 2);
        return (4 + (c & 3)) * width - 4 + (width - 1) / 2.0;
    }

    /** Raw low bits sent for a context: the coded part then stays around 10 in magnitude. */
    public static int shift(int context) {
        return Math.max(0, (context >> 2) - 4);
    }

    public static int zigzag(int residual) {
        return (residual << 1) ^ (residual >> 31);
    }

    public static int unzigzag(int m) {
        return (m >>> 1) ^ -(m & 1);
    }

    public static int token(int q) {
        if (q < DIRECT) {
            return q;
        }
        int n = 31 - Integer.numberOfLeadingZeros(q);
        return DIRECT + ((n - 4) << 2) + ((q >>> (n - 2)) & 3);
    }

    /** Number of raw bits following a token. */
    public static int extraBits(int token) {
        return token < DIRECT ? 0 : ((token - DIRECT) >> 2) + 2;
    }

    /** Smallest {@code q} of a token; the extra bits are added to it. */
    public static int base(int token) {
        if (token < DIRECT) {
            return token;
        }
        int n = ((token - DIRECT) >> 2) + 4;
        return (4 | ((token - DIRECT) & 3)) << (n - 2);
    }
}
