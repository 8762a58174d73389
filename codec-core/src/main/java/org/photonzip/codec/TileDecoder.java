package org.photonzip.codec;

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

/** Parses and decodes a tile stream; every inconsistency is a {@link MalformedStreamException}. */
final class TileDecoder {
    private TileDecoder() {
    }

    static Tile decode(byte[] s, int offset, int length, ModelResolver resolver) {
        return decode(s, offset, length, resolver, false).tile();
    }

    /** Decodes; {@code withBounds} also returns every sample's bound when the stream is error-bounded. */
    static DecodedTile decode(byte[] s, int offset, int length, ModelResolver resolver, boolean withBounds) {
        byte[] stream = s;
        if (offset != 0 || length != s.length) {
            stream = java.util.Arrays.copyOfRange(s, offset, offset + length);
        }
        TileHeader header = TileHeader.parse(stream);
        Tile tile = Tile.allocate(header.frames(), header.height(), header.width());
        short[] out = tile.samples();
        int body = TileFormat.HEADER_BYTES;
        boolean bounded = (header.flags() & TileFormat.FLAG_BOUNDED) != 0;
        int[] bounds = bounded && withBounds ? new int[out.length] : null;
        ErrorBound bound = ErrorBound.none();
        if (header.method() == TileFormat.METHOD_STORED) {
            verify(header.bodyLength() == 2L * out.length, body, "stored body of " + header.bodyLength()
                    + " bytes for " + out.length + " samples");
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) LittleEndian.getUnsignedShort(stream, body + 2 * i);
            }
        } else {
            bound = decodeModelled(stream, body, tile, resolver, bounded, bounds);
        }
        int crc = SampleChecksum.of(out);
        verify(crc == header.sampleCrc(), body, String.format(
                "decoded samples have CRC32C %08x, the stream recorded %08x", crc, header.sampleCrc()));
        return new DecodedTile(tile, bound, bounds);
    }

    /** Decodes a modelled body into {@code tile}; returns its error bound. */
    private static ErrorBound decodeModelled(byte[] stream, int pos, Tile tile, ModelResolver resolver,
                                             boolean bounded, int[] bounds) {
        int end = stream.length;
        verify(pos + 4 <= end, pos, "missing metadata length");
        int metaLength = LittleEndian.getInt(stream, pos);
        pos += 4;
        verify(metaLength >= 0 && metaLength <= end - pos - 4, pos, "metadata length " + metaLength + " out of range");
        BitReader meta = new BitReader(stream, pos, metaLength);
        ValueMap map = ValueMap.read(meta, pos);
        int modelId = meta.read(8);
        TileModel model;
        if (modelId == ClassicalModel.ID) {
            model = ClassicalModel.read(meta, pos);
        } else if (modelId == LearnedModel.ID) {
            model = LearnedModel.read(meta, pos, resolver);
        } else {
            throw new MalformedStreamException(pos, "unknown model id " + modelId);
        }
        ErrorBound bound = bounded ? Quantiser.read(meta, pos) : ErrorBound.none();
        verify(!bounded || map.isOffset(), pos, "an error-bounded tile must use the offset value map");
        Quantiser quantiser = bounded ? Quantiser.forTile(bound, map.offset(), map.maxIndex()) : null;
        FrequencyTables tables = FrequencyTables.read(meta, pos);
        pos += metaLength;
        int ransLength = LittleEndian.getInt(stream, pos);
        pos += 4;
        verify(ransLength >= 4 && ransLength <= end - pos, pos, "rANS length " + ransLength + " out of range");
        RansDecoder rans = new RansDecoder(stream, pos, ransLength);
        pos += ransLength;
        BitReader raw = new BitReader(stream, pos, end - pos);
        ResidualDecoder residuals = new ResidualDecoder(tables, rans, raw);
        short[] data = tile.samples();
        model.code(data, tile.frames(), tile.height(), tile.width(), map.maxIndex(), quantiser, bounds, null,
                residuals);
        residuals.verifyEnd();
        map.toValues(data);
        return bound;
    }

    static void verify(boolean condition, long offset, String reason) {
        if (!condition) {
            throw new MalformedStreamException(offset, reason);
        }
    }
}
