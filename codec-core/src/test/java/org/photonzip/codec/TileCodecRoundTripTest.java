package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.photonzip.codec.format.TileFormat;

class TileCodecRoundTripTest {

    static Stream<Arguments> tiles() {
        int[][] shapes = {
            {1, 1, 1},
            {1, 1, 7},
            {1, 9, 1},
            {5, 1, 1},
            {1, 2, 2},
            {2, 2, 2},
            {3, 1, 13},
            {4, 11, 1},
            {1, 17, 13},
            {6, 33, 29},
            {9, 3, 64},
            {17, 31, 2},
            {12, 40, 37},
        };
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (int[] s : shapes) {
            int f = s[0], h = s[1], w = s[2];
            String shape = f + "x" + h + "x" + w;
            out.add(Arguments.of("zero " + shape, SyntheticTiles.constant(f, h, w, 0)));
            out.add(Arguments.of("max " + shape, SyntheticTiles.constant(f, h, w, 65535)));
            out.add(Arguments.of("noise " + shape, SyntheticTiles.uniformNoise(f, h, w, seed++)));
            out.add(Arguments.of("projections " + shape, SyntheticTiles.projections(f, h, w, seed++)));
            out.add(Arguments.of("outliers " + shape, SyntheticTiles.allOutliers(f, h, w, seed++)));
            out.add(Arguments.of("few levels " + shape, SyntheticTiles.fewLevels(f, h, w, seed++)));
            out.add(Arguments.of(
                    "lattice " + shape, SyntheticTiles.rescaled(SyntheticTiles.projections(f, h, w, seed++), 1.37)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tiles")
    void roundTripIsBitExact(String name, Tile tile) {
        short[] original = tile.samples().clone();
        byte[] stream = TileCodec.encode(tile);
        assertArrayEquals(original, tile.samples(), "encoding must not modify its input");
        Tile decoded = TileCodec.decode(stream);
        assertEquals(tile.frames(), decoded.frames());
        assertEquals(tile.height(), decoded.height());
        assertEquals(tile.width(), decoded.width());
        assertArrayEquals(original, decoded.samples(), name);
    }

    @Test
    void encodingIsDeterministic() {
        Tile tile = SyntheticTiles.projections(8, 24, 24, 42);
        assertArrayEquals(TileCodec.encode(tile), TileCodec.encode(tile));
    }

    @Test
    void incompressibleTileCostsItsRawSizePlusHeader() {
        Tile tile = SyntheticTiles.uniformNoise(4, 16, 16, 7);
        byte[] stream = TileCodec.encode(tile);
        assertEquals(TileFormat.HEADER_BYTES + 2 * tile.size(), stream.length);
    }

    @Test
    void constantTileCompressesToAlmostNothing() {
        Tile tile = SyntheticTiles.constant(16, 64, 64, 65535);
        assertTrue(TileCodec.encode(tile).length < 300, "constant 65536-sample tile should be tiny");
    }

    @Test
    void smoothNoisyStackCompressesWellBelowRaw() {
        Tile tile = SyntheticTiles.projections(16, 48, 48, 3);
        double bitsPerPixel = 8.0 * TileCodec.encode(tile).length / tile.size();
        // sigma ~ sqrt(1.5 * 30000) ~ 212 -> Gaussian entropy ~ 9.8 bits; the temporal reference adds noise.
        assertTrue(bitsPerPixel < 11.5 && bitsPerPixel > 9.0, "bits/pixel " + bitsPerPixel);
    }

    @Test
    void sparseLatticeCostsNoMoreThanTheDenseValuesItCameFrom() {
        Tile dense = SyntheticTiles.projections(16, 64, 64, 5);
        Tile plain = SyntheticTiles.rescaled(dense, 1.0);
        Tile lattice = SyntheticTiles.multiplied(plain, 3);
        double latticeBits = 8.0 * TileCodec.encode(lattice).length / lattice.size();
        double plainBits = 8.0 * TileCodec.encode(plain).length / plain.size();
        // Without the value table the threefold spread would cost log2(3) ~ 1.58 more bits per pixel.
        assertTrue(latticeBits < plainBits + 0.3, "lattice " + latticeBits + " vs plain " + plainBits);
    }
}
