package org.photonzip.job;

import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;

import java.io.Serializable;

/**
 * The one place where the job encodes and decodes tiles, so that a learned model plugs in here alone: executors
 * receive a {@code TileCompressor} (broadcast once per job) and every compress, verify and decompress path calls
 * {@link #encode} / {@link #decode}. Today it wraps the classical codec of codec-core; the learned model, its file
 * stored once per archive and referenced by hash, will be selected per tile here.
 */
public final class TileCompressor implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Model id of the classical context model, as written in the manifest. */
    public static final String CLASSICAL = "classical";

    private final String modelId;

    private TileCompressor(String modelId) {
        this.modelId = modelId;
    }

    /**
     * The compressor for {@code choice}.
     *
     * @throws ModelUnavailableException for {@code learned} or a model file, which this build cannot use yet
     */
    public static TileCompressor forChoice(ModelChoice choice) {
        return switch (choice.kind()) {
            case AUTO, CLASSICAL -> new TileCompressor(CLASSICAL);
            case LEARNED -> throw new ModelUnavailableException("Cannot use --model learned: the learned model is not "
                    + "available yet in this build (use --model auto or classical)");
            case FILE -> throw new ModelUnavailableException("Cannot use --model " + choice.file() + ": model files are "
                    + "not available yet in this build (use --model auto or classical)");
        };
    }

    /** The compressor able to decode tiles written with {@code modelId} (as stored in a manifest row). */
    public static TileCompressor forModelId(String modelId) {
        if (!CLASSICAL.equals(modelId)) {
            throw new ModelUnavailableException("Cannot decode tiles of model " + modelId + ": this build knows only the "
                    + CLASSICAL + " model");
        }
        return new TileCompressor(CLASSICAL);
    }

    /** The model id every tile encoded by this compressor carries; the manifest's {@code model_id}. */
    public String modelId() {
        return modelId;
    }

    /** SHA-256 of the model file stored in the archive, or null when the model needs no file (classical). */
    public String modelHash() {
        return null;
    }

    public byte[] encode(Tile tile) {
        return TileCodec.encode(tile);
    }

    /** Decodes one self-contained tile stream; checks its stream and sample CRC32Cs. */
    public Tile decode(byte[] buffer, int offset, int length) {
        return TileCodec.decode(buffer, offset, length);
    }
}
