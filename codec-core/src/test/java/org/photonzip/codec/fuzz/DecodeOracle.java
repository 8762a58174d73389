package org.photonzip.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.photonzip.codec.MalformedStreamException;
import org.photonzip.codec.PhotonzipException;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.InvalidModelException;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.specdecoder.SpecDecoder;
import org.photonzip.specdecoder.SpecException;

/**
 * What damaged input may do, checked for one input: return exactly the original samples or raise a
 * {@link PhotonzipException}; never another exception, never allocate beyond the bound the caller validated.
 * Anything else propagates as a test failure (a finding).
 */
final class DecodeOracle {
    /** Besides the samples (2 bytes each, and coder planes), decoding may use fixed tables and a stream copy. */
    static final long FIXED_BYTES = 4L << 20;

    static final long ANY_STREAM_LIMIT = 1 << 16;

    private DecodeOracle() {}

    static long bound(long samples, int streamBytes) {
        return 24 * samples + 4L * streamBytes + FIXED_BYTES;
    }

    /** A damaged copy of golden stream {@code g}, decoded as the archive does: against its expected identity. */
    static void damagedGolden(int g, byte[] damaged, boolean sampleCrcIntact) {
        TileIdentity expected = Goldens.ENTRIES.get(g).identity();
        Allocation.within(bound(expected.samples(), damaged.length), () -> decodeAgainst(damaged, expected));
        Tile t = decodeAgainst(damaged, expected);
        if (t != null && sampleCrcIntact) {
            assertArrayEquals(Goldens.ORIGINALS[g].samples(), t.samples(), "decoder returned wrong pixels");
        }
    }

    private static Tile decodeAgainst(byte[] s, TileIdentity expected) {
        try {
            return TileCodec.decode(s, 0, s.length, Goldens.MODELS, expected);
        } catch (PhotonzipException refused) {
            return null;
        }
    }

    private static Tile decodeAny(byte[] s) {
        try {
            return TileCodec.decode(s, 0, s.length, Goldens.MODELS, ANY_STREAM_LIMIT);
        } catch (PhotonzipException refused) {
            return null;
        }
    }

    /**
     * Any bytes as a stream, decoded without an expectation under a sample limit; where both decoders can judge
     * it (small enough, its model known), codec-core and the spec decoder must agree.
     */
    static void anyStream(byte[] s) {
        Allocation.within(bound(ANY_STREAM_LIMIT, s.length), () -> decodeAny(s));
        Tile core = null;
        PhotonzipException refused = null;
        try {
            core = TileCodec.decode(s, 0, s.length, Goldens.MODELS, ANY_STREAM_LIMIT);
        } catch (PhotonzipException e) {
            refused = e;
        }
        // The spec decoder implements lossless streams only (error-bounded bodies: tile-format.md, bounded section).
        boolean bounded = s.length > 6 && (s[6] & TileFormat.FLAG_BOUNDED) != 0;
        if (bounded
                || headerSamples(s) > ANY_STREAM_LIMIT
                || (refused != null && !(refused instanceof MalformedStreamException))) {
            return;
        }
        SpecDecoder.Decoded spec;
        try {
            spec = SpecDecoder.decode(s, h -> h.equals(Goldens.MODEL.hashHex()) ? Goldens.MODEL.toBytes() : null);
        } catch (SpecException e) {
            assertTrue(core == null, "codec-core decoded what the spec decoder refuses: " + e.getMessage());
            return;
        }
        assertTrue(core != null, "the spec decoder decoded what codec-core refuses: " + refused);
        assertEquals(spec.samples().length, core.size());
        for (int i = 0; i < core.size(); i++) {
            assertEquals(spec.samples()[i], core.samples()[i] & 0xFFFF, "sample " + i);
        }
    }

    private static ModelFile parseModel(byte[] b) {
        try {
            return ModelFile.parse(b);
        } catch (InvalidModelException refused) {
            return null;
        }
    }

    /** F·H·W as the header states it (unsigned), or 0 when there is no header. */
    static long headerSamples(byte[] s) {
        if (s.length < 20) {
            return 0;
        }
        long f = u32(s, 8);
        long h = u32(s, 12);
        long w = u32(s, 16);
        return f > 1L << 31 || h > 1L << 31 || w > 1L << 31 || h * w > 1L << 31 ? Long.MAX_VALUE : h * w * f;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    /** Any bytes as a model file: a model, whose serialisation parses back to the same hash, or InvalidModelException. */
    static void modelFile(byte[] b) {
        Allocation.within(64L * b.length + 16 * FIXED_BYTES, () -> parseModel(b));
        ModelFile m = parseModel(b);
        if (m != null) {
            assertArrayEquals(m.hash(), ModelFile.parse(m.toBytes()).hash());
        }
    }
}
