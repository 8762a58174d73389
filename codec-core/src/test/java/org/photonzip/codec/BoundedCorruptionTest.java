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
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.TileFormat;

/** Damaged error-bounded streams end in a clean exception, never in pixels other than the encoder's. */
class BoundedCorruptionTest {
    private static final Tile TILE = SyntheticTiles.projections(6, 20, 24, 11);
    private static final EncodedTile ENCODED = TileCodec.encodeDetailed(
            TILE, EncoderOptions.CLASSICAL.withErrorBound(ErrorBound.noiseScaled(1, BoundedTileCodecTest.NOISE)));
    private static final byte[] STREAM = ENCODED.stream();

    @Test
    void theStreamIsFlaggedAndModelled() {
        assertTrue(STREAM[5] == TileFormat.METHOD_MODELLED && (STREAM[6] & TileFormat.FLAG_BOUNDED) != 0);
    }

    @Test
    void corruptionBehindAValidChecksumNeverYieldsWrongPixels() {
        SplittableRandom r = new SplittableRandom(3);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int trial = 0; trial < 2000; trial++) {
                byte[] bad = STREAM.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int at = TileFormat.HEADER_BYTES + r.nextInt(bad.length - TileFormat.HEADER_BYTES);
                    bad[at] ^= (byte) (1 << r.nextInt(8));
                }
                reseal(bad);
                try {
                    assertArrayEquals(
                            ENCODED.reconstruction(), TileCodec.decode(bad).samples(), "wrong pixels");
                } catch (MalformedStreamException expected) {
                    // the clean outcome
                } catch (RuntimeException other) {
                    fail("corrupt stream raised " + other, other);
                }
            }
        });
    }

    @Test
    void everyTruncationIsRejected() {
        for (int n = 0; n < STREAM.length; n++) {
            byte[] cut = Arrays.copyOf(STREAM, n);
            assertThrows(MalformedStreamException.class, () -> TileCodec.decode(cut));
        }
    }

    @Test
    void clearingTheFlagDoesNotPassForLossless() {
        byte[] bad = STREAM.clone();
        bad[6] = 0;
        reseal(bad);
        assertThrows(MalformedStreamException.class, () -> TileCodec.decode(bad));
    }

    @Test
    void unknownFlagsAreUnsupportedAndAFlaggedStoredTileIsMalformed() {
        byte[] future = STREAM.clone();
        future[6] |= 2;
        reseal(future);
        assertThrows(UnsupportedFormatException.class, () -> TileCodec.decode(future));
        byte[] stored = TileCodec.encode(SyntheticTiles.uniformNoise(2, 8, 8, 1));
        assertTrue(stored[5] == TileFormat.METHOD_STORED);
        stored[6] = (byte) TileFormat.FLAG_BOUNDED;
        reseal(stored);
        assertThrows(MalformedStreamException.class, () -> TileCodec.decode(stored));
    }

    @Test
    void incompressibleBoundedTilesAreStoredLosslessAndUnflagged() {
        Tile noise = SyntheticTiles.uniformNoise(2, 16, 16, 5);
        EncodedTile e =
                TileCodec.encodeDetailed(noise, EncoderOptions.CLASSICAL.withErrorBound(ErrorBound.absolute(1)));
        assertTrue(e.stream()[5] == TileFormat.METHOD_STORED && e.stream()[6] == 0);
        DecodedTile d = TileCodec.decodeWithBounds(e.stream(), 0, e.stream().length, null);
        assertArrayEquals(noise.samples(), d.tile().samples());
        assertTrue(d.lossless() && d.pixelBounds() == null);
    }

    private static void reseal(byte[] stream) {
        LittleEndian.putInt(stream, TileFormat.AT_STREAM_CRC, TileHeader.streamCrc(stream, TileFormat.HEADER_BYTES));
    }
}
