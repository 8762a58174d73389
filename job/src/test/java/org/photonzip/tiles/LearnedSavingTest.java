package org.photonzip.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.EncodedTile;
import org.photonzip.codec.Tile;
import org.photonzip.codec.learned.ModelFile;

/**
 * Issue 18, "the learned model costs 4x decode time for 0.9 % fewer bits": with --learned-min-saving a tile keeps
 * the learned model only where it saves at least that share of the classical stream; without it, archives are
 * written as before (whichever stream is smaller).
 */
class LearnedSavingTest {
    @Test
    void aTileKeepsTheLearnedModelOnlyWhereItSavesEnough() {
        assertTrue(TileCompressor.pays(970, 1000, 3), "3.0 % saved");
        assertFalse(TileCompressor.pays(991, 1000, 3), "0.9 % saved, as on psi: classical");
        assertTrue(TileCompressor.pays(999, 1000, 0), "0: any saving, as before");
        assertFalse(TileCompressor.pays(1000, 1000, 1));
    }

    @Test
    void everyTileIsClassicalWhereNoLearnedStreamSavesTheShareAsked() throws Exception {
        ModelFile model = ModelFile.parse(
                Files.readAllBytes(Path.of("src/test/resources/golden-archives/v2/learned.pz/model.pzm")));
        Tile tile = Tile.allocate(6, 32, 32);
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        short[] s = tile.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (1000 + (i % 32) * 7 + (i / 1024) * 20 + r.nextInt(200));
        }
        TileCompressor learned = TileCompressor.learned(model, "java");
        EncodedTile asBefore = learned.encode(tile);
        assertArrayEquals(
                asBefore.stream(),
                learned.withMinLearnedSaving(0).encode(tile).stream(),
                "0 writes what the learned compressor always wrote");
        EncodedTile strict = learned.withMinLearnedSaving(99).encode(tile);
        assertEquals(TileCompressor.CLASSICAL, TileCompressor.modelIdOf(strict));
        assertArrayEquals(TileCompressor.classical().encode(tile).stream(), strict.stream());
    }
}
