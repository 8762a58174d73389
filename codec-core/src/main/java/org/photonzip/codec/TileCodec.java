package org.photonzip.codec;

import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.model.ModelResolver;

/**
 * Public entry point: encodes a {@link Tile} into a self-contained, versioned, checksummed stream that binds
 * the tile's {@link TileIdentity}, and decodes it back bit for bit. The stream layout is specified in
 * {@code docs/tile-format.md}. The same tile, options and identity always give the same bytes.
 *
 * <p>Decoding checks the header before it allocates the tile: against the identity the caller expects (the
 * way archives read tiles, so allocation is bounded by what the caller validated), or, in the overloads
 * without one, against a sample limit ({@link TileFormat#DEFAULT_MAX_SAMPLES} unless given).
 */
public final class TileCodec {
    private TileCodec() {}

    /** Encodes with the classical model, as a {@linkplain TileIdentity#standalone standalone} tile. */
    public static byte[] encode(Tile tile) {
        return encode(tile, EncoderOptions.CLASSICAL);
    }

    /** Encodes as a {@linkplain TileIdentity#standalone standalone} tile (benchmarks and tests). */
    public static byte[] encode(Tile tile, EncoderOptions options) {
        return encode(tile, options, TileIdentity.standalone(tile));
    }

    /**
     * Encodes a tile that belongs at {@code identity}.
     *
     * @throws IllegalArgumentException if {@code identity} does not have the tile's shape
     */
    public static byte[] encode(Tile tile, EncoderOptions options, TileIdentity identity) {
        return TileEncoder.encode(tile, options, identity).stream();
    }

    /** Encodes as a standalone tile and also reports the chosen model and the bits each frame cost. */
    public static EncodedTile encodeDetailed(Tile tile, EncoderOptions options) {
        return encodeDetailed(tile, options, TileIdentity.standalone(tile));
    }

    /** Encodes a tile that belongs at {@code identity}; also reports the chosen model and each frame's bits. */
    public static EncodedTile encodeDetailed(Tile tile, EncoderOptions options, TileIdentity identity) {
        return TileEncoder.encode(tile, options, identity);
    }

    /**
     * Decodes a stream that must hold the tile {@code expected} describes. The header's shape and (in a version-2
     * stream) its place, dataset and stack are compared with {@code expected} before anything is allocated; a
     * version-1 stream carries no identity, so only its shape can be checked.
     *
     * @throws MalformedStreamException if the stream is truncated, corrupted, not a tile stream, or another tile's
     *     (the message names the field, stored and expected)
     * @throws UnsupportedFormatException if it was written in a format version or with features this decoder lacks
     * @throws org.photonzip.codec.model.MissingModelException if the tile needs a model {@code models} lacks
     */
    public static Tile decode(byte[] buffer, int offset, int length, ModelResolver models, TileIdentity expected) {
        return TileDecoder.decode(buffer, offset, length, models, expected);
    }

    /**
     * Checks a stream without decoding its body: its header (magic, version, lengths, the CRC32C of the whole
     * stream, method, flags, shape) and that it carries {@code expected}'s identity (only its shape, for a
     * version-1 stream). For copying streams as they are (export); their samples' hash needs a decode.
     *
     * @throws MalformedStreamException as {@link #decode(byte[], int, int, ModelResolver, TileIdentity)}
     * @throws UnsupportedFormatException as that method
     */
    public static void checkStream(byte[] buffer, int offset, int length, TileIdentity expected) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] stream = offset == 0 && length == buffer.length
                ? buffer
                : java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        TileHeader.parse(stream).verifyMatches(java.util.Objects.requireNonNull(expected, "expected"));
    }

    /**
     * Decodes a stream of any identity holding at most {@code maxSamples} samples; a larger header is refused
     * before allocation, as a {@link MalformedStreamException}.
     */
    public static Tile decode(byte[] buffer, int offset, int length, ModelResolver models, long maxSamples) {
        return TileDecoder.decode(buffer, offset, length, models, maxSamples);
    }

    /** Decodes a classical or stored stream of at most {@link TileFormat#DEFAULT_MAX_SAMPLES} samples. */
    public static Tile decode(byte[] stream) {
        return decode(stream, 0, stream.length, null, TileFormat.DEFAULT_MAX_SAMPLES);
    }

    public static Tile decode(byte[] buffer, int offset, int length) {
        return decode(buffer, offset, length, null, TileFormat.DEFAULT_MAX_SAMPLES);
    }

    /** Decodes a stream of at most {@link TileFormat#DEFAULT_MAX_SAMPLES} samples that may use a learned model. */
    public static Tile decode(byte[] buffer, int offset, int length, ModelResolver models) {
        return decode(buffer, offset, length, models, TileFormat.DEFAULT_MAX_SAMPLES);
    }

    /**
     * Decodes a stream of at most {@link TileFormat#DEFAULT_MAX_SAMPLES} samples and also returns the error bound
     * it was coded within and, when bounded, every sample's bound, so that a verifier can check
     * {@code |restored − source| ≤ bound} pixel by pixel.
     */
    public static DecodedTile decodeWithBounds(byte[] buffer, int offset, int length, ModelResolver models) {
        return TileDecoder.decodeWithBounds(buffer, offset, length, models, TileFormat.DEFAULT_MAX_SAMPLES, true);
    }

    /** The same for a stream that must hold the tile {@code expected} describes (see {@link #decode}). */
    public static DecodedTile decodeWithBounds(
            byte[] buffer, int offset, int length, ModelResolver models, TileIdentity expected) {
        return TileDecoder.decodeWithBounds(buffer, offset, length, models, expected, true);
    }

    /**
     * Decodes as {@link #decode(byte[], int, int, ModelResolver, TileIdentity)} does, also giving the bound the
     * stream was coded within ({@link ErrorBound#none()} for a lossless or stored stream) but not every sample's
     * bound: what a reader needs to check the stream's mode against the archive's.
     */
    public static DecodedTile decodeDetailed(
            byte[] buffer, int offset, int length, ModelResolver models, TileIdentity expected) {
        return TileDecoder.decodeWithBounds(buffer, offset, length, models, expected, false);
    }
}
