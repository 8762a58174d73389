package org.photonzip.codec;

/**
 * Public entry point: encodes a {@link Tile} into a self-contained, versioned, checksummed stream and decodes
 * it back bit for bit. The stream layout is specified in {@code docs/tile-format.md}.
 */
public final class TileCodec {
    private TileCodec() {
    }

    public static byte[] encode(Tile tile) {
        return TileEncoder.encode(tile);
    }

    /**
     * Decodes a whole stream.
     *
     * @throws MalformedStreamException if the stream is truncated, corrupted or not a tile stream
     * @throws UnsupportedFormatException if it was written in a format version this decoder does not read
     */
    public static Tile decode(byte[] stream) {
        return TileDecoder.decode(stream, 0, stream.length);
    }

    public static Tile decode(byte[] buffer, int offset, int length) {
        return TileDecoder.decode(buffer, offset, length);
    }
}
