package org.photonzip.tools.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Baseline codecs round-trip every kind of input and reject a wrong expected length. */
class BlockCodecTest {
    private static final List<String> NAMES = List.of("zstd-3", "zstd-19", "xz", "deflate", "zstd-1", "deflate-1");

    private static byte[][] inputs() {
        Random random = new Random(42);
        byte[] noise = new byte[70_001];
        random.nextBytes(noise);
        byte[] smooth = new byte[2 * 40_000];
        for (int i = 0; i < smooth.length / 2; i++) {
            int v = 20_000 + (int) (3000 * Math.sin(i / 300.0)) + random.nextInt(4);
            smooth[2 * i] = (byte) v;
            smooth[2 * i + 1] = (byte) (v >>> 8);
        }
        return new byte[][] {new byte[0], {7}, noise, smooth, new byte[100_000]};
    }

    @Test
    void roundTripsAllInputs() {
        for (String name : NAMES) {
            BlockCodec codec = Codecs.block(name);
            for (byte[] raw : inputs()) {
                byte[] compressed = codec.compress(raw);
                assertArrayEquals(raw, codec.decompress(compressed, raw.length), codec.name() + " " + raw.length);
            }
        }
    }

    @Test
    void compressesSmoothDataAndNamesLevels() {
        byte[] smooth = inputs()[3];
        for (String name : NAMES) {
            BlockCodec codec = Codecs.block(name);
            assertTrue(codec.compress(smooth).length < smooth.length * 0.8, codec.name());
        }
        assertEquals("xz-6", Codecs.block("xz").name());
        assertEquals("deflate-6", Codecs.block("deflate").name());
        assertEquals("zstd-3", Codecs.block("zstd").name());
        assertEquals("zstd-19", Codecs.block("ZSTD-19").name());
    }

    @Test
    void wrongLengthIsAnError() {
        byte[] raw = inputs()[3];
        for (String name : NAMES) {
            BlockCodec codec = Codecs.block(name);
            byte[] compressed = codec.compress(raw);
            assertThrows(RuntimeException.class, () -> codec.decompress(compressed, raw.length + 2), name);
            assertThrows(RuntimeException.class, () -> codec.decompress(compressed, raw.length - 2), name);
        }
    }

    @Test
    void unknownNamesAndLevelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Codecs.block("lz4"));
        assertThrows(IllegalArgumentException.class, () -> Codecs.block("zstd-99"));
        assertThrows(IllegalArgumentException.class, () -> Codecs.block("xz-10"));
        assertThrows(IllegalArgumentException.class, () -> Codecs.block("deflate-10"));
    }
}
