package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.format.TileFormat;

class TileCodecCorruptionTest {
    private static final Tile TILE = SyntheticTiles.projections(6, 20, 24, 11);
    private static final byte[] STREAM = TileCodec.encode(TILE);

    @Test
    void everyTruncationIsRejected() {
        for (int n = 0; n < STREAM.length; n++) {
            byte[] cut = Arrays.copyOf(STREAM, n);
            MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> TileCodec.decode(cut));
            assertTrue(e.getMessage().startsWith("Invalid tile stream at byte "), e.getMessage());
        }
    }

    @Test
    void randomByteCorruptionIsCaughtByTheStreamChecksum() {
        SplittableRandom r = new SplittableRandom(1);
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = STREAM.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> TileCodec.decode(bad));
            assertTrue(
                    e.getMessage().contains("CRC32C")
                            || e.getMessage().contains("magic")
                            || e.getMessage().contains("length"),
                    e.getMessage());
        }
    }

    /**
     * Corruption that slips past the stream checksum (simulated by recomputing it) must still end in a clean
     * exception, never a hang, a crash of another kind, or wrong pixels returned as if good.
     */
    @Test
    void corruptionBehindAValidChecksumNeverYieldsWrongPixels() {
        SplittableRandom r = new SplittableRandom(2);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int trial = 0; trial < 2000; trial++) {
                byte[] bad = STREAM.clone();
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = TileFormat.HEADER_BYTES + r.nextInt(bad.length - TileFormat.HEADER_BYTES);
                    bad[at] ^= (byte) (1 << r.nextInt(8));
                }
                TestStreams.reseal(bad);
                try {
                    Tile decoded = TileCodec.decode(bad);
                    assertArrayEquals(TILE.samples(), decoded.samples(), "decoder returned wrong pixels");
                } catch (MalformedStreamException expected) {
                    // the clean outcome
                } catch (RuntimeException other) {
                    fail("corrupt stream raised " + other, other);
                }
            }
        });
    }

    @Test
    void notATileStream() {
        byte[] junk = new byte[64];
        MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> TileCodec.decode(junk));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void newerFormatVersionIsReportedAsUnsupportedNotCorrupt() {
        byte[] future = STREAM.clone();
        future[4] = 3;
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> TileCodec.decode(future));
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }

    @Test
    void decodesFromAnOffsetInALargerBuffer() {
        byte[] buffer = new byte[STREAM.length + 20];
        System.arraycopy(STREAM, 0, buffer, 7, STREAM.length);
        assertArrayEquals(
                TILE.samples(), TileCodec.decode(buffer, 7, STREAM.length).samples());
    }
}
