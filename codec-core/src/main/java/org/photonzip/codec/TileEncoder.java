package org.photonzip.codec;

import java.util.zip.CRC32C;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.SampleChecksum;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.map.ValueMap;
import org.photonzip.codec.model.ClassicalModel;
import org.photonzip.codec.model.TileModel;

/** Builds a tile stream (see docs/tile-format.md). */
final class TileEncoder {
    private TileEncoder() {
    }

    static byte[] encode(Tile tile) {
        short[] samples = tile.samples();
        ValueMap map = ValueMap.analyse(samples);
        short[] indices = samples;
        if (!map.isIdentity()) {
            indices = new short[samples.length];
            map.toIndices(samples, indices);
        }
        TileModel model = ClassicalModel.fit(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex());
        ResidualEncoder residuals = new ResidualEncoder(samples.length);
        model.code(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex(), residuals, null);

        BitWriter meta = new BitWriter(4096);
        map.write(meta);
        meta.write(model.id(), 8);
        model.writeParameters(meta);
        ResidualEncoder.Sections sections = residuals.finish(meta);
        byte[] metaBytes = meta.toByteArray();

        long modelled = 8L + metaBytes.length + sections.rans().length
                + sections.raw().length;
        long stored = 2L * samples.length;
        int crcOfSamples = SampleChecksum.of(samples);
        if (modelled >= stored) {
            byte[] out = header(tile, TileFormat.METHOD_STORED, crcOfSamples, (int) stored);
            for (int i = 0; i < samples.length; i++) {
                LittleEndian.putShort(out, TileFormat.HEADER_BYTES + 2 * i, samples[i]);
            }
            return seal(out);
        }
        byte[] out = header(tile, TileFormat.METHOD_MODELLED, crcOfSamples, (int) modelled);
        int pos = TileFormat.HEADER_BYTES;
        LittleEndian.putInt(out, pos, metaBytes.length);
        pos += 4;
        pos = append(out, pos, metaBytes);
        LittleEndian.putInt(out, pos, sections.rans().length);
        pos += 4;
        pos = append(out, pos, sections.rans());
        append(out, pos, sections.raw());
        return seal(out);
    }

    private static byte[] header(Tile tile, int method, int sampleCrc, int bodyLength) {
        byte[] out = new byte[TileFormat.HEADER_BYTES + bodyLength];
        LittleEndian.putInt(out, 0, TileFormat.MAGIC);
        out[4] = (byte) TileFormat.VERSION;
        out[5] = (byte) method;
        LittleEndian.putInt(out, 8, tile.frames());
        LittleEndian.putInt(out, 12, tile.height());
        LittleEndian.putInt(out, 16, tile.width());
        LittleEndian.putInt(out, 20, sampleCrc);
        LittleEndian.putInt(out, 24, bodyLength);
        return out;
    }

    /** Stores the CRC32C of everything but the CRC field itself. */
    private static byte[] seal(byte[] out) {
        LittleEndian.putInt(out, 28, streamCrc(out));
        return out;
    }

    static int streamCrc(byte[] stream) {
        CRC32C crc = new CRC32C();
        crc.update(stream, 0, 28);
        crc.update(stream, TileFormat.HEADER_BYTES, stream.length - TileFormat.HEADER_BYTES);
        return (int) crc.getValue();
    }

    private static int append(byte[] out, int pos, byte[] part) {
        System.arraycopy(part, 0, out, pos, part.length);
        return pos + part.length;
    }
}
