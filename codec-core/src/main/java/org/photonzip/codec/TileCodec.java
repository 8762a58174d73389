package org.photonzip.codec;

import org.photonzip.codec.model.ModelResolver;

/**
 * Public entry point: encodes a {@link Tile} into a self-contained, versioned, checksummed stream and decodes
 * it back bit for bit. The stream layout is specified in {@code docs/tile-format.md}.
 */
public final class TileCodec {
    private TileCodec() {
    }

    /** Encodes with the classical model. */
    public static byte[] encode(Tile tile) {
        return TileEncoder.encode(tile, EncoderOptions.CLASSICAL).stream();
    }

    public static byte[] encode(Tile tile, EncoderOptions options) {
        return TileEncoder.encode(tile, options).stream();
    }

    /** Encodes and also reports the chosen model and the bits each frame cost. */
    public static EncodedTile encodeDetailed(Tile tile, EncoderOptions options) {
        return TileEncoder.encode(tile, options);
    }

    /**
     * Decodes a whole stream.
     *
     * @throws MalformedStreamException if the stream is truncated, corrupted or not a tile stream
     * @throws UnsupportedFormatException if it was written in a format version this decoder does not read
     */
    public static Tile decode(byte[] stream) {
        return TileDecoder.decode(stream, 0, stream.length, null);
    }

    public static Tile decode(byte[] buffer, int offset, int length) {
        return TileDecoder.decode(buffer, offset, length, null);
    }

    /**
     * Decodes a stream that may use a learned model, found through {@code models}.
     *
     * @throws org.photonzip.codec.model.MissingModelException if the tile needs a model {@code models} lacks
     */
    public static Tile decode(byte[] buffer, int offset, int length, ModelResolver models) {
        return TileDecoder.decode(buffer, offset, length, models);
    }

    /**
     * Decodes and also returns the error bound the stream was coded within and, when bounded, every sample's
     * bound, so that a verifier can check {@code |restored − source| ≤ bound} pixel by pixel.
     */
    public static DecodedTile decodeWithBounds(byte[] buffer, int offset, int length, ModelResolver models) {
        return TileDecoder.decode(buffer, offset, length, models, true);
    }
}
