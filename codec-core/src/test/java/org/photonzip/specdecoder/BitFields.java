package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

/** A bit-packed section: fields LSB-first, zero padding to a byte, Elias-gamma codes. */
final class BitFields {
    private final byte[] b;
    private final long end;
    private long bit;

    BitFields(byte[] b, int from, int length) {
        this.b = b;
        this.bit = 8L * from;
        this.end = 8L * (from + length);
    }

    long take(int n) {
        require(bit + n <= end, "bit-packed section truncated");
        long v = 0;
        for (int i = 0; i < n; i++, bit++) {
            v |= (long) ((b[(int) (bit >> 3)] >> (bit & 7)) & 1) << i;
        }
        return v;
    }

    long gamma() {
        int zeros = 0;
        while (take(1) == 0) {
            require(++zeros <= 30, "gamma code of more than 30 leading zeros");
        }
        return (1L << zeros) | take(zeros);
    }

    /** The section must be read to its last byte and its padding bits must be zero. */
    void finish() {
        long rest = end - bit;
        require(rest < 8, "bytes left in a bit-packed section");
        require(take((int) rest) == 0, "non-zero padding");
    }
}
