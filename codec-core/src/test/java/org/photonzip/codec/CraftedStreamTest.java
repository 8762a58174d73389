package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.TileFormat;

/**
 * Streams built field by field to reach checks that random damage rarely reaches; each was once a foreign
 * exception (regressions).
 */
class CraftedStreamTest {
    /** A 1×2×2 modelled stream whose metadata {@code meta} writes, with a valid header and CRC. */
    private static byte[] modelled(Consumer<BitWriter> meta) {
        BitWriter w = new BitWriter(64);
        meta.accept(w);
        byte[] m = w.toByteArray();
        byte[] s = new byte[TileFormat.HEADER_BYTES + 4 + m.length + 8];
        LittleEndian.putInt(s, 0, TileFormat.MAGIC);
        s[4] = TileFormat.VERSION;
        s[5] = TileFormat.METHOD_MODELLED;
        int[] fields = {1, 2, 2, 0, s.length - TileFormat.HEADER_BYTES, 0, 0, 0, 0, 1, 2, 2};
        for (int k = 0; k < fields.length; k++) {
            LittleEndian.putInt(s, 8 + 4 * k, fields[k]);
        }
        LittleEndian.putInt(s, TileFormat.HEADER_BYTES, m.length);
        System.arraycopy(m, 0, s, TileFormat.HEADER_BYTES + 4, m.length);
        LittleEndian.putInt(s, TileFormat.HEADER_BYTES + 4 + m.length, 4);
        LittleEndian.putInt(s, TileFormat.HEADER_BYTES + 8 + m.length, 1 << 16);
        return TestStreams.reseal(s);
    }

    /** γ with 31 leading zeros: the value {@code 2^31 | low}, negative as an int. */
    private static void hugeGamma(BitWriter w, int low) {
        w.write(0, 31);
        w.write(1, 1);
        w.write(low, 31);
    }

    private static void classicalModel(BitWriter w) {
        w.write(1, 8);
        w.write(13, 8);
        for (int k = 0; k < 13; k++) {
            w.write(0, 16);
        }
        w.write(5, 8);
        for (int k = 0; k < 5; k++) {
            w.write(0, 16);
        }
    }

    private static MalformedStreamException refused(byte[] s) {
        return assertThrows(MalformedStreamException.class, () -> TileCodec.decode(s));
    }

    @Test
    void aValueTableOfMoreThan2To31EntriesIsRefused() {
        // Was NegativeArraySizeException: the count read as a negative int passed "count <= 65536 - min".
        byte[] s = modelled(w -> {
            w.write(1, 2);
            w.write(10, 16);
            hugeGamma(w, 5);
        });
        MalformedStreamException e = refused(s);
        assertTrue(e.getMessage().contains("Elias-gamma"), e.getMessage());
        assertEquals(TileFormat.HEADER_BYTES + 4 + 2, e.offset());
    }

    @Test
    void aNegativeFrequencyCannotBalanceATable() {
        // Was IllegalArgumentException from the slot table: 4096 + 4096 + (2^32 − 4095 − 1) sums to 4096 in ints.
        byte[] s = modelled(w -> {
            w.write(0, 2);
            w.write(0, 16);
            w.write(3, 16);
            classicalModel(w);
            w.write(1, 1);
            w.writeGamma(3);
            w.writeGamma(4097);
            w.writeGamma(4097);
            hugeGamma(w, 0x7FFFF001);
        });
        assertTrue(refused(s).getMessage().contains("Elias-gamma"));
    }

    @Test
    void aValueTableGapCannotWrapAround() {
        // A gap of 2^31 − 1 after 65535 wrapped to a negative value and passed "value <= 65535".
        byte[] gap = modelled(w -> {
            w.write(1, 2);
            w.write(65534, 16);
            w.writeGamma(2);
            w.writeGamma(Integer.MAX_VALUE);
        });
        assertTrue(
                refused(gap).getMessage().contains("value table exceeds 65535"),
                refused(gap).getMessage());
    }
}
