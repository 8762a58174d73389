package org.photonzip.codec.golden;

import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.TileIdentity;

/** The version-2 half of {@link GoldenGenerator}: encodes with an identity. */
final class GoldenV2 {
    private GoldenV2() {}

    record Written(byte[] stream, String identity) {}

    static Written encode(GoldenGenerator.Case c, EncoderOptions options) {
        Tile t = c.tile();
        TileIdentity id = c.name().equals("placed")
                ? new TileIdentity("/entry/data/data", 8, 16, 36, t.frames(), t.height(), t.width(), 64, 40, 96)
                : TileIdentity.standalone(t);
        String fields = id.dataset() + "\t" + id.t0() + "\t" + id.y0() + "\t" + id.x0() + "\t" + id.frames() + "\t"
                + id.height() + "\t" + id.width() + "\t" + id.stackFrames() + "\t" + id.stackHeight() + "\t"
                + id.stackWidth();
        return new Written(TileCodec.encode(t, options, id), fields);
    }
}
