package org.photonzip.codec;

/** Public entry point: encodes a {@link Tile} into a self-contained stream and decodes it back bit for bit. */
public final class TileCodec {
    private TileCodec() {
    }

    public static byte[] encode(Tile tile) {
        throw new UnsupportedOperationException("tile codec under construction");
    }

    public static Tile decode(byte[] stream) {
        throw new UnsupportedOperationException("tile codec under construction");
    }
}
