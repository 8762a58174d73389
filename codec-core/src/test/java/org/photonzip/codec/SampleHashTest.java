package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.golden.GoldenGenerator;

/** The samples' SHA-256 that archives store: uint16 little-endian bytes, whatever pieces it is fed in. */
class SampleHashTest {
    @Test
    void hashesUint16LittleEndianBytes() {
        // sha256(b"\x01\x00\x00\x01\xff\xff"), as hashlib gives it
        assertEquals(
                "0824342f8155317e03eeb663feaa843da53b0f58582e92c2a4b878def41f17b4",
                SampleHash.of(new short[] {1, 256, (short) 65535}));
    }

    @Test
    void piecesHashAsTheWholeAndAsTheGoldenIndexDoes() {
        short[] s = new short[100_003]; // more than one internal buffer
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) r.nextInt(65536);
        }
        String whole = SampleHash.of(s);
        assertEquals(GoldenGenerator.sha256(Tile.wrap(1, 1, s.length, s)), whole);
        SampleHash pieces = new SampleHash();
        for (int at = 0; at < s.length; ) {
            int n = Math.min(s.length - at, 1 + r.nextInt(40_000));
            short[] part = java.util.Arrays.copyOfRange(s, at, at + n + 5); // n of them count
            pieces.add(part, n);
            at += n;
        }
        assertEquals(whole, pieces.hex());
    }
}
