package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.TileFormat;

/** A version-2 stream binds its tile's place: a stream decoded where it does not belong is refused. */
class TileStreamIdentityTest {
    private static final Tile TILE = SyntheticTiles.projections(4, 12, 10, 3);
    private static final TileIdentity ID = new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 10, 40, 48, 50);
    private static final byte[] STREAM = TileCodec.encode(TILE, EncoderOptions.CLASSICAL, ID);

    private static Tile decode(byte[] s, TileIdentity expected) {
        return TileCodec.decode(s, 0, s.length, null, expected);
    }

    @Test
    void theHeaderRecordsTheIdentity() {
        assertEquals(TileFormat.VERSION, STREAM[4]);
        int[] expected = {8, 24, 30, ID.datasetTag(), 40, 48, 50};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], LittleEndian.getInt(STREAM, TileFormat.AT_T0 + 4 * k), "field " + k);
        }
        assertArrayEquals(TILE.samples(), decode(STREAM, ID).samples());
    }

    @Test
    void everyIdentityFieldIsCheckedAndNamed() {
        Object[][] wrong = {
            {new TileIdentity("/entry/data/data", 4, 24, 30, 4, 12, 10, 40, 48, 50), 28, "t0 stored 8, expected 4"},
            {new TileIdentity("/entry/data/data", 8, 12, 30, 4, 12, 10, 40, 48, 50), 32, "y0 stored 24, expected 12"},
            {new TileIdentity("/entry/data/data", 8, 24, 40, 4, 12, 10, 40, 48, 50), 36, "x0 stored 30, expected 40"},
            {new TileIdentity("/entry/data/dark", 8, 24, 30, 4, 12, 10, 40, 48, 50), 40, "/entry/data/dark"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 10, 41, 48, 50), 44, "stack frames stored 40"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 10, 40, 49, 50), 48, "stack height stored 48"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 10, 40, 48, 51), 52, "stack width stored 50"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 3, 12, 10, 40, 48, 50), 8, "frames stored 4, expected 3"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 4, 11, 10, 40, 48, 50), 12, "height stored 12"},
            {new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 9, 40, 48, 50), 16, "width stored 10"},
        };
        for (Object[] w : wrong) {
            MalformedStreamException e =
                    assertThrows(MalformedStreamException.class, () -> decode(STREAM, (TileIdentity) w[0]));
            assertEquals((int) w[1], e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains((String) w[2]), e.getMessage());
        }
    }

    @Test
    void aStoredIdentityOutsideItsStackIsMalformed() {
        byte[] bad = TestStreams.withInt(STREAM, TileFormat.AT_Y0, 40);
        MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> TileCodec.decode(bad));
        assertEquals(TileFormat.AT_Y0, e.offset());
        byte[] noStack = TestStreams.withInt(STREAM, TileFormat.AT_STACK_WIDTH, 0);
        assertEquals(
                TileFormat.AT_STACK_FRAMES,
                assertThrows(MalformedStreamException.class, () -> TileCodec.decode(noStack))
                        .offset());
    }

    @Test
    void aVersion1StreamCanOnlyBeCheckedForItsShape() {
        byte[] v1 = TestStreams.asVersion1(STREAM);
        assertEquals(STREAM.length - 28, v1.length);
        assertArrayEquals(TILE.samples(), decode(v1, ID).samples());
        TileIdentity elsewhere = new TileIdentity("/other", 0, 0, 0, 4, 12, 10, 4, 12, 10);
        assertArrayEquals(TILE.samples(), decode(v1, elsewhere).samples(), "v1 carries no place to check");
        TileIdentity otherShape = new TileIdentity("/entry/data/data", 8, 24, 30, 4, 12, 9, 40, 48, 50);
        assertEquals(
                16,
                assertThrows(MalformedStreamException.class, () -> decode(v1, otherShape))
                        .offset());
        byte[] reserved = v1.clone();
        reserved[6] = 1;
        assertEquals(
                6,
                assertThrows(MalformedStreamException.class, () -> TileCodec.decode(TestStreams.reseal(reserved)))
                        .offset());
    }

    @Test
    void unknownFlagsAreUnsupportedNotCorrupt() {
        for (int flag = 1; flag < 1 << 16; flag <<= 1) {
            if ((flag & TileFormat.KNOWN_FLAGS) != 0) {
                continue;
            }
            byte[] flagged = STREAM.clone();
            LittleEndian.putShort(flagged, TileFormat.AT_FLAGS, flag);
            TestStreams.reseal(flagged);
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> decode(flagged, ID));
            assertTrue(e.getMessage().startsWith("Cannot decode tile stream"), e.getMessage());
        }
    }

    @Test
    void aHugeHeaderIsRefusedBeforeAnythingIsAllocated() {
        // A valid-CRC header claiming 2^30 samples (2 GiB decoded): refused by the expected shape, or by the limit.
        byte[] huge = TileCodec.encode(SyntheticTiles.constant(4, 12, 10, 500), EncoderOptions.CLASSICAL, ID);
        assertEquals(TileFormat.METHOD_MODELLED, huge[TileFormat.AT_METHOD]);
        LittleEndian.putInt(huge, TileFormat.AT_FRAMES, 1024);
        LittleEndian.putInt(huge, TileFormat.AT_HEIGHT, 1024);
        LittleEndian.putInt(huge, TileFormat.AT_WIDTH, 1024);
        LittleEndian.putInt(huge, TileFormat.AT_T0, 0);
        LittleEndian.putInt(huge, TileFormat.AT_STACK_FRAMES, 1024);
        LittleEndian.putInt(huge, TileFormat.AT_STACK_HEIGHT, 1048);
        LittleEndian.putInt(huge, TileFormat.AT_STACK_WIDTH, 1054);
        TestStreams.reseal(huge);
        long bound = 1 << 20;
        assertTrue(AllocationMeter.bytesAllocatedBy(() -> decode(huge, ID)) < bound);
        assertEquals(
                8,
                assertThrows(MalformedStreamException.class, () -> decode(huge, ID))
                        .offset());
        assertTrue(AllocationMeter.bytesAllocatedBy(() -> TileCodec.decode(huge)) < bound);
        MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> TileCodec.decode(huge));
        assertTrue(e.getMessage().contains("exceeds the decoding limit of 134217728 samples"), e.getMessage());
        byte[] s = STREAM;
        assertEquals(
                8,
                assertThrows(
                                MalformedStreamException.class,
                                () -> TileCodec.decode(s, 0, s.length, null, TILE.size() - 1))
                        .offset());
        assertArrayEquals(
                TILE.samples(),
                TileCodec.decode(s, 0, s.length, null, TILE.size()).samples());
    }

    /** Regression: 2^21 · 2^21 · 2^22 wraps to 0 in 64 bits; it passed the shape checks and reached the decoder. */
    @Test
    void aShapeWhoseProductWrapsAroundIsRefused() {
        byte[] wrapped = STREAM.clone();
        LittleEndian.putInt(wrapped, TileFormat.AT_FRAMES, 1 << 21);
        LittleEndian.putInt(wrapped, TileFormat.AT_HEIGHT, 1 << 21);
        LittleEndian.putInt(wrapped, TileFormat.AT_WIDTH, 1 << 22);
        TestStreams.reseal(wrapped);
        assertEquals(
                8,
                assertThrows(MalformedStreamException.class, () -> TileCodec.decode(wrapped))
                        .offset());
        assertThrows(IllegalArgumentException.class, () -> Tile.allocate(1 << 21, 1 << 21, 1 << 22));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TileIdentity("", 0, 0, 0, 1 << 21, 1 << 21, 1 << 22, 1 << 21, 1 << 21, 1 << 22));
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        for (Tile t : new Tile[] {TILE, SyntheticTiles.uniformNoise(2, 5, 6, 1), SyntheticTiles.constant(3, 2, 2, 7)}) {
            TileIdentity id = new TileIdentity("/d", 1, 2, 3, t.frames(), t.height(), t.width(), 20, 20, 20);
            byte[] first = TileCodec.encode(t, EncoderOptions.CLASSICAL, id);
            byte[] again = TileCodec.encode(
                    Tile.wrap(t.frames(), t.height(), t.width(), t.samples().clone()), EncoderOptions.CLASSICAL, id);
            assertArrayEquals(first, again);
        }
    }

    @Test
    void anIdentityOfAnotherShapeCannotEncode() {
        TileIdentity wrong = TileIdentity.standalone(4, 12, 11);
        assertThrows(IllegalArgumentException.class, () -> TileCodec.encode(TILE, EncoderOptions.CLASSICAL, wrong));
    }
}
