package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.codec.learned.JavaInference;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.codec.learned.RandomModels;
import org.photonzip.codec.model.ModelResolver;

class BoundedTileCodecTest {
    static final NoiseModel NOISE = NoiseModel.of(1.5, 100, 2.5);
    private static final ModelFile MODEL = RandomModels.random(7, 16, 8);
    private static final ModelFile TAME = RandomModels.withShifts(9, 22, 22, 16, 8);

    static List<ErrorBound> bounds() {
        List<ErrorBound> b = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 5, 50}) {
            b.add(ErrorBound.absolute(n));
        }
        for (double k : new double[] {0.5, 1, 2}) {
            b.add(ErrorBound.noiseScaled(k, NOISE));
        }
        return b;
    }

    static List<Tile> tiles() {
        Tile proj = SyntheticTiles.projections(6, 20, 24, 3);
        return List.of(
                proj,
                SyntheticTiles.projections(1, 9, 13, 4),
                SyntheticTiles.projections(4, 1, 30, 5),
                SyntheticTiles.constant(3, 5, 5, 65535),
                SyntheticTiles.constant(3, 5, 5, 0),
                SyntheticTiles.allOutliers(3, 12, 12, 6),
                SyntheticTiles.uniformNoise(2, 16, 16, 7),
                SyntheticTiles.rescaled(proj, 0.3),
                SyntheticTiles.multiplied(proj, 2),
                SyntheticTiles.fewLevels(4, 16, 16, 8));
    }

    /** Decodes {@code stream} and checks every sample against its bound and the encoder's reconstruction. */
    static DecodedTile checkWithinBound(Tile source, EncodedTile encoded, ErrorBound bound, ModelResolver models) {
        DecodedTile decoded = TileCodec.decodeWithBounds(encoded.stream(), 0, encoded.stream().length, models);
        short[] restored = decoded.tile().samples();
        assertArrayEquals(encoded.reconstruction(), restored, "decoder reproduces the encoder's reconstruction");
        short[] src = source.samples();
        boolean stored = encoded.stream()[5] == TileFormat.METHOD_STORED;
        for (int i = 0; i < src.length; i++) {
            int err = Math.abs((src[i] & 0xFFFF) - (restored[i] & 0xFFFF));
            int allowed = decoded.boundAt(i);
            if (err > allowed) {
                throw new AssertionError(source + " " + bound + ": sample " + i + " was " + (src[i] & 0xFFFF)
                        + ", restored " + (restored[i] & 0xFFFF) + ", bound " + allowed);
            }
            assertTrue(allowed <= bound.maxBound());
        }
        if (!stored) {
            assertEquals(bound, decoded.bound());
        }
        return decoded;
    }

    @Test
    void everySampleIsWithinItsBoundAndDecodesToTheReconstruction() {
        for (Tile tile : tiles()) {
            for (ErrorBound bound : bounds()) {
                short[] before = tile.samples().clone();
                EncodedTile e = TileCodec.encodeDetailed(tile, EncoderOptions.CLASSICAL.withErrorBound(bound));
                assertArrayEquals(before, tile.samples(), "the caller's tile is not modified");
                checkWithinBound(tile, e, bound, null);
            }
        }
    }

    @Test
    void learnedModelIsBoundedToo() {
        for (ModelFile model : new ModelFile[] {MODEL, TAME}) {
            for (boolean auto : new boolean[] {false, true}) {
                for (ErrorBound bound : bounds()) {
                    Tile tile = SyntheticTiles.projections(5, 14, 17, 2);
                    EncoderOptions options = EncoderOptions.learned(model, JavaInference.INSTANCE, auto)
                            .withErrorBound(bound);
                    EncodedTile e = TileCodec.encodeDetailed(tile, options);
                    checkWithinBound(tile, e, bound, ModelResolver.of(model));
                }
            }
        }
    }

    @Test
    void boundZeroIsLossless() {
        for (Tile tile : tiles()) {
            EncodedTile e =
                    TileCodec.encodeDetailed(tile, EncoderOptions.CLASSICAL.withErrorBound(ErrorBound.absolute(0)));
            assertArrayEquals(tile.samples(), TileCodec.decode(e.stream()).samples());
        }
    }

    @Test
    void widerBoundsCostFewerBits() {
        Tile tile = SyntheticTiles.projections(8, 32, 32, 11);
        int lossless = TileCodec.encode(tile).length;
        int previous = Integer.MAX_VALUE;
        for (int n : new int[] {1, 4, 16, 64}) {
            int size = TileCodec.encode(tile, EncoderOptions.CLASSICAL.withErrorBound(ErrorBound.absolute(n))).length;
            assertTrue(size < previous && size < lossless, n + ": " + size + " bytes");
            previous = size;
        }
    }
}
