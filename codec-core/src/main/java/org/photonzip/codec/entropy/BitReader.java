package org.photonzip.codec.entropy;

import static org.photonzip.codec.format.Verify.verify;

/** Reads bit fields LSB-first, the mirror of {@link BitWriter}; reading past the end is an error. */
public final class BitReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;
    private long acc;
    private int accBits;

    public BitReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Reads {@code n} bits, 0 ≤ n ≤ 32, as a non-negative value (n = 32 returns the bit pattern). */
    public int read(int n) {
        if (accBits < n) {
            refill(n);
        }
        int v = (int) (acc & ((1L << n) - 1));
        acc >>>= n;
        accBits -= n;
        return v;
    }

    /** An Elias-gamma code; values of 2^31 or more (no field of the format comes near) are corrupt. */
    public int readGamma() {
        int n = 0;
        long at = offset();
        while (read(1) == 0) {
            verify(++n <= 30, at, "Elias-gamma code of more than 30 leading zeros");
        }
        return (1 << n) | read(n);
    }

    private void refill(int n) {
        while (accBits <= 56 && pos < end) {
            acc |= (buf[pos++] & 0xFFL) << accBits;
            accBits += 8;
        }
        verify(accBits >= n, end, "bit-packed section truncated");
    }

    /** Bytes consumed so far, counting partially read bytes. */
    public int consumed() {
        return pos - start - accBits / 8;
    }

    /** Offset in the stream of the byte holding the next unread bit. */
    public long offset() {
        return pos - (accBits + 7) / 8;
    }

    /** Checks that the section was read to its last byte and that its padding bits are zero. */
    public void verifyEnd(String section) {
        verify(
                consumed() == end - start,
                offset(),
                section + " has " + (end - start - consumed()) + " bytes left after its last field");
        verify((acc & ((1L << accBits) - 1)) == 0, end - 1, section + " has non-zero padding bits");
    }
}
