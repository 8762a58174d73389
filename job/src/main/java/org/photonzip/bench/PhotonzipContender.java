package org.photonzip.bench;

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
        if (restored.frames() != tile.frames || restored.height() != tile.height || restored.width() != tile.width) {
            throw new RoundTripException(NAME + " restored " + restored + " for " + tile);
        }
        int i = java.util.Arrays.mismatch(tile.samples, restored.samples());
        if (i >= 0) {
            throw new RoundTripException(NAME + " round trip differs in " + tile + " at " + tile.where(i)
                    + ": expected " + (tile.samples[i] & 0xFFFF) + ", restored " + (restored.samples()[i] & 0xFFFF));
        }
        return new Measurement(stream.length, encoded - start, decoded - encoded);
    }
}
