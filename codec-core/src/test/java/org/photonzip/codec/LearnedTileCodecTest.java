package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.learned.RandomModels;
import org.photonzip.codec.model.MissingModelException;
import org.photonzip.codec.model.ModelResolver;
import org.photonzip.codec.model.TrainingSampler;
import org.photonzip.codec.model.TrainingSet;

class LearnedTileCodecTest {
    private static final ModelFile MODEL = RandomModels.random(7, 16, 8);
    private static final ModelFile TAME = RandomModels.withShifts(9, 22, 22, 16, 8);

    @Test
    void learnedTilesRoundTripBitExact() {
        for (ModelFile model : new ModelFile[] {MODEL, TAME}) {
            // 50x30x100: the encoder batches 21 frames per backend call, so a tile spans three batches.
            for (int[] s : new int[][] {{2, 1, 1}, {3, 5, 7}, {6, 20, 24}, {4, 1, 30}, {50, 30, 100}}) {
                Tile tile = SyntheticTiles.projections(s[0], s[1], s[2], s[0] * 31L + s[2]);
                byte[] stream = TileCodec.encode(tile, EncoderOptions.learned(model, JavaInference.INSTANCE, false));
                Tile back = TileCodec.decode(stream, 0, stream.length, ModelResolver.of(model));
                assertArrayEquals(tile.samples(), back.samples());
            }
        }
    }

    @Test
    void autoNeverDoesWorseThanClassical() {
        Tile tile = SyntheticTiles.projections(6, 24, 24, 9);
        byte[] classical = TileCodec.encode(tile);
        byte[] auto = TileCodec.encode(tile, EncoderOptions.learned(MODEL, JavaInference.INSTANCE, true));
        assertTrue(auto.length <= classical.length);
        assertArrayEquals(
                tile.samples(),
                TileCodec.decode(auto, 0, auto.length, ModelResolver.of(MODEL)).samples());
    }

    @Test
    void autoIsExactlyTheSmallerOfTheClassicalAndTheLearnedStream() {
        // AUTO codes both models in one pass; each candidate must be the stream its model alone would give.
        for (ModelFile model : new ModelFile[] {MODEL, TAME}) {
            for (long seed = 1; seed <= 3; seed++) {
                Tile tile = SyntheticTiles.projections(5, 18, 21, seed);
                byte[] classical = TileCodec.encode(tile);
                byte[] learned = TileCodec.encode(tile, EncoderOptions.learned(model, JavaInference.INSTANCE, false));
                byte[] auto = TileCodec.encode(tile, EncoderOptions.learned(model, JavaInference.INSTANCE, true));
                assertArrayEquals(learned.length < classical.length ? learned : classical, auto);
            }
        }
    }

    @Test
    void decodingWithoutTheModelOrWithAnotherOneIsRefused() {
        Tile tile = SyntheticTiles.projections(8, 32, 32, 5);
        byte[] stream = TileCodec.encode(tile, EncoderOptions.learned(TAME, JavaInference.INSTANCE, false));
        assertEquals(TileFormat.METHOD_MODELLED, stream[5], "a learned (not stored) stream");
        MissingModelException e = assertThrows(MissingModelException.class, () -> TileCodec.decode(stream));
        assertEquals(TAME.hashHex(), e.hash());
        ModelFile other = RandomModels.random(8, 16, 8);
        assertThrows(
                MissingModelException.class, () -> TileCodec.decode(stream, 0, stream.length, ModelResolver.of(other)));
    }

    @Test
    void samplerProducesInputsWithinTheNetworksBounds() {
        TrainingSet.Builder b = new TrainingSet.Builder();
        TrainingSampler.sample(SyntheticTiles.projections(5, 20, 20, 3), 500, 1, b);
        TrainingSet set = b.build();
        assertTrue(set.size() > 300 && set.size() < 800, "about 500 samples, got " + set.size());
        for (int v : set.inputs()) {
            assertTrue(Math.abs(v) <= 127);
        }
    }
}
