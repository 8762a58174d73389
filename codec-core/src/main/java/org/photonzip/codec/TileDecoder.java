package org.photonzip.codec;

import static org.photonzip.codec.format.Verify.verify;

import java.util.Arrays;
import java.util.Objects;
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
    private TileDecoder() {
    }

    /** Decodes a stream that must carry {@code expected}'s identity (only its shape, for a version-1 stream). */
    static Tile decode(byte[] s, int offset, int length, ModelResolver resolver, TileIdentity expected) {
        Objects.requireNonNull(expected, "expected");
        byte[] stream = slice(s, offset, length);
        TileHeader header = TileHeader.parse(stream);
        header.verifyMatches(expected);
        return decodeBody(stream, header, resolver);
    }

    /** Decodes a stream of any identity, refusing one of more than {@code maxSamples} samples. */
    static Tile decode(byte[] s, int offset, int length, ModelResolver resolver, long maxSamples) {
        byte[] stream = slice(s, offset, length);
        TileHeader header = TileHeader.parse(stream);
        verify(header.samples() <= maxSamples, TileFormat.AT_FRAMES, "tile of " + header.frames() + "x"
                + header.height() + "x" + header.width() + " samples exceeds the decoding limit of " + maxSamples
                + " samples (decode it with its expected identity or a larger limit)");
        return decodeBody(stream, header, resolver);
    }

    private static byte[] slice(byte[] s, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, s.length);
        return offset == 0 && length == s.length ? s : Arrays.copyOfRange(s, offset, offset + length);
    }

    private static Tile decodeBody(byte[] stream, TileHeader header, ModelResolver resolver) {
        Tile tile = Tile.allocate(header.frames(), header.height(), header.width());
        short[] out = tile.samples();
        int body = header.headerBytes();
        if (header.method() == TileFormat.METHOD_STORED) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) LittleEndian.getUnsignedShort(stream, body + 2 * i);
            }
        } else {
            decodeModelled(stream, body, tile, resolver);
        }
        int crc = SampleChecksum.of(out);
        verify(crc == header.sampleCrc(), TileFormat.AT_SAMPLE_CRC, String.format(
                "decoded samples have CRC32C %08x, the stream recorded %08x", crc, header.sampleCrc()));
        return tile;
    }

    private static void decodeModelled(byte[] stream, int pos, Tile tile, ModelResolver resolver) {
        int end = stream.length;
        verify(pos + 4 <= end, pos, "missing metadata length");
        int metaLength = LittleEndian.getInt(stream, pos);
        verify(metaLength >= 0 && metaLength <= end - pos - 8, pos, "metadata length "
                + Integer.toUnsignedString(metaLength) + " out of range");
        pos += 4;
        BitReader meta = new BitReader(stream, pos, metaLength);
        ValueMap map = ValueMap.read(meta);
        long modelAt = meta.offset();
        int modelId = meta.read(8);
        verify(modelId == ClassicalModel.ID || modelId == LearnedModel.ID, modelAt, "unknown model id " + modelId);
        TileModel model = modelId == ClassicalModel.ID ? ClassicalModel.read(meta) : LearnedModel.read(meta, resolver);
        FrequencyTables tables = FrequencyTables.read(meta);
        meta.verifyEnd("metadata section");
        pos += metaLength;
        int ransLength = LittleEndian.getInt(stream, pos);
        verify(ransLength >= 4 && ransLength <= end - pos - 4, pos, "rANS length "
                + Integer.toUnsignedString(ransLength) + " out of range");
        pos += 4;
        RansDecoder rans = new RansDecoder(stream, pos, ransLength);
        pos += ransLength;
        BitReader raw = new BitReader(stream, pos, end - pos);
        ResidualDecoder residuals = new ResidualDecoder(tables, rans, raw);
        short[] data = tile.samples();
        model.code(data, tile.frames(), tile.height(), tile.width(), map.maxIndex(), null, residuals);
        residuals.verifyEnd();
        map.toValues(data);
    }
}
