package org.photonzip.codec.entropy;

/**
 * Range asymmetric numeral system encoder: 32-bit state, 16-bit renormalisation, {@value #PROB_BITS}-bit
 * frequencies. rANS is last-in first-out, so symbols are fed in reverse coding order; the output is written
 * back to front and {@link #finish()} returns it in decoding order.
 */
final class RansEncoder {
    public static final int PROB_BITS = 12;
    public static final int PROB_SCALE = 1 << PROB_BITS;
    static final long LOWER_BOUND = 1L << 16;

    private byte[] out;
    private int pos;
    private long state = LOWER_BOUND;

    public RansEncoder(int capacityHint) {
        out = new byte[Math.max(64, capacityHint)];
        pos = out.length;
    }

    /** Encodes a symbol occupying {@code [start, start+freq)} of the {@code 2^PROB_BITS} range. */
    public void put(int start, int freq) {
        long x = state;
        // Keep the state below 2^32 after the step: spill 16 bits when it would overflow.
        if (x >= ((long) freq << (32 - PROB_BITS))) {
            if (pos < 2) {
                grow();
            }
            out[--pos] = (byte) (x >>> 8);
            out[--pos] = (byte) x;
            x >>>= 16;
        }
        state = ((x / freq) << PROB_BITS) + (x % freq) + start;
    }

    /** The encoded bytes: the final 32-bit state (little-endian) followed by the spilled words. */
    public byte[] finish() {
        int n = out.length - pos;
        byte[] result = new byte[4 + n];
        long x = state;
        result[0] = (byte) x;
        result[1] = (byte) (x >>> 8);
        result[2] = (byte) (x >>> 16);
        result[3] = (byte) (x >>> 24);
        System.arraycopy(out, pos, result, 4, n);
        return result;
    }

    private void grow() {
        int used = out.length - pos;
        byte[] bigger = new byte[out.length * 2];
        System.arraycopy(out, pos, bigger, bigger.length - used, used);
        pos = bigger.length - used;
        out = bigger;
    }

    @Override
    public String toString() {
        return "RansEncoder[" + (out.length - pos) + " bytes, state=" + state + "]";
    }
}
