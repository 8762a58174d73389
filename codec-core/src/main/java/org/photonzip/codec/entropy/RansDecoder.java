package org.photonzip.codec.entropy;

import static org.photonzip.codec.format.Verify.verify;

/** Decoder for {@link RansEncoder} streams. Callers look up the symbol of {@link #slot()} themselves. */
public final class RansDecoder {
    private final byte[] in;
    private final int end;
    private int pos;
    private long state;

    public RansDecoder(byte[] in, int offset, int length) {
        verify(length >= 4, offset, "rANS section shorter than its 4-byte state");
        this.in = in;
        this.end = offset + length;
        this.state = (in[offset] & 0xFFL)
                | (in[offset + 1] & 0xFFL) << 8
                | (in[offset + 2] & 0xFFL) << 16
                | (in[offset + 3] & 0xFFL) << 24;
        this.pos = offset + 4;
        verify(state >= RansEncoder.LOWER_BOUND, offset, "rANS initial state out of range: " + state);
    }

    /** The current position in the probability range; identifies the next symbol. */
    public int slot() {
        return (int) state & (RansEncoder.PROB_SCALE - 1);
    }

    /** Consumes the symbol {@code [start, start+freq)} that contains {@link #slot()}. */
    public void advance(int start, int freq) {
        long x = freq * (state >>> RansEncoder.PROB_BITS) + ((int) state & (RansEncoder.PROB_SCALE - 1)) - start;
        if (x < RansEncoder.LOWER_BOUND) {
            verify(pos + 2 <= end, pos, "rANS section truncated");
            x = (x << 16) | (in[pos] & 0xFF) | (in[pos + 1] & 0xFF) << 8;
            pos += 2;
        }
        state = x;
    }

    /** Offset in the stream of the next unread renormalisation word. */
    public int offset() {
        return pos;
    }

    /** Checks that the whole section was consumed and the state returned to its initial value. */
    public void verifyEnd() {
        verify(
                pos == end && state == RansEncoder.LOWER_BOUND,
                pos,
                "rANS section did not end cleanly (state " + state + ", " + (end - pos) + " bytes left)");
    }
}
