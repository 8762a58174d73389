package org.photonzip.codec.entropy;

import java.util.Arrays;

/** Appends bit fields LSB-first into a growable little-endian byte buffer. */
public final class BitWriter {
    private byte[] buf;
    private int pos;
    private long acc;
    private int accBits;

    public BitWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Writes the low {@code n} bits of {@code value}, 0 ≤ n ≤ 32. */
    public void write(int value, int n) {
        if (n == 0) {
            return;
        }
        acc |= (value & 0xFFFF_FFFFL & ((1L << n) - 1)) << accBits;
        accBits += n;
        if (accBits >= 32) {
            ensure(4);
            buf[pos] = (byte) acc;
            buf[pos + 1] = (byte) (acc >>> 8);
            buf[pos + 2] = (byte) (acc >>> 16);
            buf[pos + 3] = (byte) (acc >>> 24);
            pos += 4;
            acc >>>= 32;
            accBits -= 32;
        }
    }

    /** Elias-gamma code of {@code value ≥ 1}: small numbers in few bits, any int representable. */
    public void writeGamma(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("gamma code needs value >= 1, got " + value);
        }
        int n = 31 - Integer.numberOfLeadingZeros(value);
        write(0, n);
        write(1, 1);
        write(value, n);
    }

    /** Flushes the pending bits (zero padded to a byte) and returns the written bytes. */
    public byte[] toByteArray() {
        int tailBytes = (accBits + 7) >>> 3;
        ensure(tailBytes);
        byte[] out = Arrays.copyOf(buf, pos + tailBytes);
        long a = acc;
        for (int i = 0; i < tailBytes; i++, a >>>= 8) {
            out[pos + i] = (byte) a;
        }
        return out;
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }
}
