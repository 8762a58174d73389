package org.photonzip.codec;

import static org.photonzip.codec.format.Verify.verify;

import java.util.Arrays;
import java.util.Objects;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.BitReader;
import org.photonzip.codec.entropy.FrequencyTables;
import org.photonzip.codec.entropy.RansDecoder;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.SampleChecksum;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.map.ValueMap;
import org.photonzip.codec.model.ClassicalModel;
import org.photonzip.codec.model.LearnedModel;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.codec.model.TileModel;

/**
 * Parses and decodes a tile stream; every inconsistency is a {@link MalformedStreamException} at the byte
 * offset (from the stream's start) where it was noticed. The header is checked against the caller's
 * expectation, or against a sample limit, before the tile is allocated.
 */
final class TileDecoder {
    private TileDecoder() {}

    /** Decodes a stream that must carry {@code expected}'s identity (only its shape, for a version-1 stream). */
    static Tile decode(byte[] s, int offset, int length, ModelResolver resolver, TileIdentity expected) {
        Objects.requireNonNull(expected, "expected");
        byte[] stream = slice(s, offset, length);
        TileHeader header = TileHeader.parse(stream);
        header.verifyMatches(expected);
        return decodeBody(stream, header, resolver, false).tile();
    }

    /**
     * The same, also returning the stream's error bound and (when {@code withBounds} and the stream is bounded)
     * every sample's bound.
     */
    static DecodedTile decodeWithBounds(
            byte[] s, int offset, int length, ModelResolver resolver, TileIdentity expected, boolean withBounds) {
        Objects.requireNonNull(expected, "expected");
        byte[] stream = slice(s, offset, length);
        TileHeader header = TileHeader.parse(stream);
        header.verifyMatches(expected);
        return decodeBody(stream, header, resolver, withBounds);
    }

    /** Decodes a stream of any identity, refusing one of more than {@code maxSamples} samples. */
    static Tile decode(byte[] s, int offset, int length, ModelResolver resolver, long maxSamples) {
        return decodeWithBounds(s, offset, length, resolver, maxSamples, false).tile();
    }

    /** The same, also returning the error bound and (when {@code withBounds}) every sample's bound. */
    static DecodedTile decodeWithBounds(
            byte[] s, int offset, int length, ModelResolver resolver, long maxSamples, boolean withBounds) {
        byte[] stream = slice(s, offset, length);
        TileHeader header = TileHeader.parse(stream);
        verify(
                header.samples() <= maxSamples,
                TileFormat.AT_FRAMES,
                "tile of " + header.frames() + "x"
                        + header.height() + "x" + header.width() + " samples exceeds the decoding limit of "
                        + maxSamples
                        + " samples (decode it with its expected identity or a larger limit)");
        return decodeBody(stream, header, resolver, withBounds);
    }

    private static byte[] slice(byte[] s, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, s.length);
        return offset == 0 && length == s.length ? s : Arrays.copyOfRange(s, offset, offset + length);
    }

    private static DecodedTile decodeBody(
            byte[] stream, TileHeader header, ModelResolver resolver, boolean withBounds) {
        Tile tile = Tile.allocate(header.frames(), header.height(), header.width());
        short[] out = tile.samples();
        int body = header.headerBytes();
        boolean bounded = (header.flags() & TileFormat.FLAG_BOUNDED) != 0;
        int[] bounds = bounded && withBounds ? new int[out.length] : null;
        ErrorBound bound = ErrorBound.none();
        if (header.method() == TileFormat.METHOD_STORED) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) LittleEndian.getUnsignedShort(stream, body + 2 * i);
            }
        } else {
            bound = decodeModelled(stream, body, tile, resolver, bounded, bounds);
        }
        int crc = SampleChecksum.of(out);
        verify(
                crc == header.sampleCrc(),
                TileFormat.AT_SAMPLE_CRC,
                String.format("decoded samples have CRC32C %08x, the stream recorded %08x", crc, header.sampleCrc()));
        return new DecodedTile(tile, bound, bounds);
    }

    /** Decodes a modelled body into {@code tile}; returns its error bound. */
    private static ErrorBound decodeModelled(
            byte[] stream, int pos, Tile tile, ModelResolver resolver, boolean bounded, int[] bounds) {
        int end = stream.length;
        verify(pos + 4 <= end, pos, "missing metadata length");
        int metaLength = LittleEndian.getInt(stream, pos);
        verify(
                metaLength >= 0 && metaLength <= end - pos - 8,
                pos,
                "metadata length " + Integer.toUnsignedString(metaLength) + " out of range");
        pos += 4;
        BitReader meta = new BitReader(stream, pos, metaLength);
        ValueMap map = ValueMap.read(meta);
        long modelAt = meta.offset();
        int modelId = meta.read(8);
        verify(modelId == ClassicalModel.ID || modelId == LearnedModel.ID, modelAt, "unknown model id " + modelId);
        TileModel model = modelId == ClassicalModel.ID ? ClassicalModel.read(meta) : LearnedModel.read(meta, resolver);
        long boundAt = meta.offset();
        ErrorBound bound = bounded ? Quantiser.read(meta, boundAt) : ErrorBound.none();
        verify(!bounded || map.isOffset(), boundAt, "an error-bounded tile must use the offset value map");
        Quantiser quantiser = bounded ? Quantiser.forTile(bound, map.offset(), map.maxIndex()) : null;
        FrequencyTables tables = FrequencyTables.read(meta);
        meta.verifyEnd("metadata section");
        pos += metaLength;
        int ransLength = LittleEndian.getInt(stream, pos);
        verify(
                ransLength >= 4 && ransLength <= end - pos - 4,
                pos,
                "rANS length " + Integer.toUnsignedString(ransLength) + " out of range");
        pos += 4;
        RansDecoder rans = new RansDecoder(stream, pos, ransLength);
        pos += ransLength;
        BitReader raw = new BitReader(stream, pos, end - pos);
        ResidualDecoder residuals = new ResidualDecoder(tables, rans, raw);
        short[] data = tile.samples();
        model.code(
                data, tile.frames(), tile.height(), tile.width(), map.maxIndex(), quantiser, bounds, null, residuals);
        residuals.verifyEnd();
        map.toValues(data);
        return bound;
    }
}
