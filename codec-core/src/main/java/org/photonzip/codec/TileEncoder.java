package org.photonzip.codec;

import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualEncoder;
import org.photonzip.codec.format.LittleEndian;
import org.photonzip.codec.format.SampleChecksum;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.map.ValueMap;
import org.photonzip.codec.model.ClassicalModel;
import org.photonzip.codec.model.LearnedModel;
import org.photonzip.codec.model.TileModel;

/** Builds a tile stream (see docs/tile-format.md). */
final class TileEncoder {
    private TileEncoder() {}

    static EncodedTile encode(Tile tile, EncoderOptions options, TileIdentity identity) {
        if (!identity.hasShapeOf(tile)) {
            throw new IllegalArgumentException(
                    "Invalid tile identity: " + identity + " does not have the shape of " + tile);
        }
        if (!options.errorBound().isLossless()) {
            return BoundedEncoding.encode(tile, options, identity);
        }
        short[] samples = tile.samples();
        ValueMap map = ValueMap.analyse(samples);
        short[] indices = samples;
        if (!map.isIdentity()) {
            indices = new short[samples.length];
            map.toIndices(samples, indices);
        }
        ClassicalModel classical =
                ClassicalModel.fit(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex());
        Body body;
        if (options.choice() == EncoderOptions.Choice.CLASSICAL || tile.frames() == 1) {
            body = modelledBody(tile, map, indices, classical);
        } else {
            LearnedModel learned = new LearnedModel(classical, options.model(), options.backend());
            if (options.choice() == EncoderOptions.Choice.LEARNED) {
                body = modelledBody(tile, map, indices, learned);
            } else {
                ResidualEncoder learnedResiduals = new ResidualEncoder(indices.length);
                ResidualEncoder classicalResiduals = new ResidualEncoder(indices.length);
                learned.encodeWithClassical(
                        indices,
                        tile.frames(),
                        tile.height(),
                        tile.width(),
                        map.maxIndex(),
                        learnedResiduals,
                        classicalResiduals);
                Body viaLearned = assemble(tile, map, learned, null, learnedResiduals);
                Body viaClassical = assemble(tile, map, classical, null, classicalResiduals);
                body = viaLearned.bytes.length < viaClassical.bytes.length ? viaLearned : viaClassical;
            }
        }
        return finish(tile, identity, body, samples, 0);
    }

    /**
     * The stream of {@code body}, whose samples decode to {@code decoded}, with header {@code flags}; or a stored
     * (lossless, unflagged) stream when the body would not be smaller than the raw samples.
     */
    static EncodedTile finish(Tile tile, TileIdentity identity, Body body, short[] decoded, int flags) {
        short[] samples = tile.samples();
        long stored = 2L * samples.length;
        if (body.bytes.length >= stored) {
            byte[] out = header(identity, TileFormat.METHOD_STORED, 0, SampleChecksum.of(samples), (int) stored);
            for (int i = 0; i < samples.length; i++) {
                LittleEndian.putShort(out, TileFormat.HEADER_BYTES + 2 * i, samples[i]);
            }
            double[] frameBits = new double[tile.frames()];
            java.util.Arrays.fill(frameBits, 16.0 * tile.pixelsPerFrame());
            return new EncodedTile(seal(out), 0, frameBits, samples);
        }
        byte[] out = header(identity, TileFormat.METHOD_MODELLED, flags, SampleChecksum.of(decoded), body.bytes.length);
        System.arraycopy(body.bytes, 0, out, TileFormat.HEADER_BYTES, body.bytes.length);
        return new EncodedTile(seal(out), body.modelId, body.frameBits, decoded);
    }

    record Body(byte[] bytes, int modelId, double[] frameBits) {}

    /** The body of a modelled stream: metadata (value map, model, tables), rANS section, raw bits. */
    private static Body modelledBody(Tile tile, ValueMap map, short[] indices, TileModel model) {
        ResidualEncoder residuals = new ResidualEncoder(indices.length);
        model.code(indices, tile.frames(), tile.height(), tile.width(), map.maxIndex(), residuals, null);
        return assemble(tile, map, model, null, residuals);
    }

    /**
     * The body for residuals already coded with {@code model}, within {@code bound} when not null (its
     * parameters follow the model's: docs/tile-format.md, error-bounded bodies).
     */
    static Body assemble(Tile tile, ValueMap map, TileModel model, ErrorBound bound, ResidualEncoder residuals) {
        BitWriter meta = new BitWriter(4096);
        map.write(meta);
        meta.write(model.id(), 8);
        model.writeParameters(meta);
        if (bound != null) {
            Quantiser.write(bound, meta);
        }
        ResidualEncoder.Sections sections = residuals.finish(meta);
        byte[] metaBytes = meta.toByteArray();
        long length = 8L + metaBytes.length + sections.rans().length + sections.raw().length;
        if (length > Integer.MAX_VALUE - TileFormat.HEADER_BYTES) {
            throw new IllegalStateException("Cannot encode " + tile + ": stream would exceed 2 GB");
        }
        byte[] body = new byte[(int) length];
        LittleEndian.putInt(body, 0, metaBytes.length);
        int pos = append(body, 4, metaBytes);
        LittleEndian.putInt(body, pos, sections.rans().length);
        pos = append(body, pos + 4, sections.rans());
        append(body, pos, sections.raw());
        double[] frameBits = new double[tile.frames()];
        int plane = tile.pixelsPerFrame();
        for (int t = 0; t < frameBits.length; t++) {
            frameBits[t] = residuals.bits(t * plane, (t + 1) * plane);
        }
        return new Body(body, model.id(), frameBits);
    }

    /** A version-2 header with {@code flags}; its stream CRC is set by {@link #seal}. */
    private static byte[] header(TileIdentity id, int method, int flags, int sampleCrc, int bodyLength) {
        byte[] out = new byte[TileFormat.HEADER_BYTES + bodyLength];
        LittleEndian.putInt(out, 0, TileFormat.MAGIC);
        out[TileFormat.AT_VERSION] = (byte) TileFormat.VERSION;
        out[TileFormat.AT_METHOD] = (byte) method;
        LittleEndian.putShort(out, TileFormat.AT_FLAGS, flags);
        LittleEndian.putInt(out, TileFormat.AT_FRAMES, id.frames());
        LittleEndian.putInt(out, TileFormat.AT_HEIGHT, id.height());
        LittleEndian.putInt(out, TileFormat.AT_WIDTH, id.width());
        LittleEndian.putInt(out, TileFormat.AT_SAMPLE_CRC, sampleCrc);
        LittleEndian.putInt(out, TileFormat.AT_BODY_LENGTH, bodyLength);
        LittleEndian.putInt(out, TileFormat.AT_T0, id.t0());
        LittleEndian.putInt(out, TileFormat.AT_Y0, id.y0());
        LittleEndian.putInt(out, TileFormat.AT_X0, id.x0());
        LittleEndian.putInt(out, TileFormat.AT_DATASET_TAG, id.datasetTag());
        LittleEndian.putInt(out, TileFormat.AT_STACK_FRAMES, id.stackFrames());
        LittleEndian.putInt(out, TileFormat.AT_STACK_HEIGHT, id.stackHeight());
        LittleEndian.putInt(out, TileFormat.AT_STACK_WIDTH, id.stackWidth());
        return out;
    }

    /** Stores the CRC32C of everything but the CRC field itself. */
    private static byte[] seal(byte[] out) {
        LittleEndian.putInt(out, TileFormat.AT_STREAM_CRC, TileHeader.streamCrc(out, TileFormat.HEADER_BYTES));
        return out;
    }

    private static int append(byte[] out, int pos, byte[] part) {
        System.arraycopy(part, 0, out, pos, part.length);
        return pos + part.length;
    }
}
