package org.photonzip.tools.bench;

import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;

/** Drives photonzip's own {@link TileCodec}, which works on tiles directly. */
final class PhotonzipContender implements Contender {
    static final String NAME = "photonzip";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Measurement measure(BenchTile tile) {
        // The codec gets its own copy so a codec that scribbles on its input cannot mask a broken round trip.
        Tile input = Tile.wrap(tile.frames, tile.height, tile.width, tile.samples.clone());
        long start = System.nanoTime();
        byte[] stream = Contender.guard(NAME, "encode", tile, () -> TileCodec.encode(input));
        long encoded = System.nanoTime();
        Tile restored = Contender.guard(NAME, "decode", tile, () -> TileCodec.decode(stream));
        long decoded = System.nanoTime();
        Contender.checkRestored(NAME, tile, restored);
        return new Measurement(stream.length, encoded - start, decoded - encoded);
    }
}
