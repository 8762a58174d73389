package org.photonzip.specdecoder;

import static org.photonzip.specdecoder.SpecException.require;

/** §3.4: one rANS state of 32 bits, lower bound 2^16, 16-bit words, 12-bit frequencies. */
final class Rans {
    private final byte[] b;
    private final int end;
    private int next;
    private long x;

    Rans(byte[] b, int from, int length) {
        require(length >= 4, "rANS section too short");
        this.b = b;
        this.end = from + length;
        this.x = Bytes.u32(b, from);
        this.next = from + 4;
        require(x >= 1 << 16, "rANS initial state");
    }

    int slot() {
        return (int) (x & 4095);
    }

    void consume(int start, int freq) {
        x = freq * (x >> 12) + slot() - start;
        if (x < 1 << 16) {
            require(next + 2 <= end, "rANS words exhausted");
            x = (x << 16) | Bytes.u16(b, next);
            next += 2;
        }
    }

    void finish() {
        require(x == 1 << 16 && next == end, "rANS did not end in its initial state");
    }
}
