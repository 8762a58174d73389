package org.photonzip.codec.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.golden.GoldenIndex;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.model.ModelResolver;

/** The golden streams, decoded once, as the originals damaged input is held to. */
final class Goldens {
    static final List<GoldenIndex.Entry> ENTRIES;
    static final Tile[] ORIGINALS;
    static final ModelFile MODEL;
    static final ModelResolver MODELS;

    static {
        try {
            ENTRIES = GoldenIndex.all();
            MODEL = ModelFile.parse(Files.readAllBytes(GoldenIndex.root().resolve("model.pzmd")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MODELS = ModelResolver.of(MODEL);
        ORIGINALS = new Tile[ENTRIES.size()];
        for (int i = 0; i < ORIGINALS.length; i++) {
            byte[] s = ENTRIES.get(i).bytes();
            ORIGINALS[i] =
                    TileCodec.decode(s, 0, s.length, MODELS, ENTRIES.get(i).identity());
        }
    }

    private Goldens() {}
}
