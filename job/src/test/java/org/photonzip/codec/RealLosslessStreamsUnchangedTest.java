package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.TestData;

/**
 * Lossless streams of real tiles stay byte for byte what they were before error-bounded coding existed: the
 * SHA-256 of the stream bodies (everything after the header, which is versioned separately) of the first,
 * middle and last default tiles of each stack, recorded from the code of commit 54ac8c2.
 */
class RealLosslessStreamsUnchangedTest {

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of(
                        "k11-diad/k11-18014/k11-18014-imaging.h5",
                        ":/entry/detector/detector@100:400",
                        "c2379f3d8256be44fee2967e1f8f6daefaf4f0a1a7d76d3608511543df155f95"),
                Arguments.of(
                        "psi-neutron-ct/stack.h5",
                        ":/entry/data/data@0:40",
                        "9d90526ff79f3272e044a88d622d9b320f4bf6dd05cf284c5cdd2913bc79c6ed"),
                Arguments.of(
                        "psi-stepwedge/stack.h5",
                        ":/entry/data/data@0:3",
                        "348afc66c76fe8344c30202d5da86ae2040e03a7fdbd1c3ff898d07091df971c"),
                Arguments.of("savu-i13/tiffs", "", "8c2ca718e7ce79cc08577e1f83b7ecb75bfb27615a5a5c68339cd950164b8d99"));
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("stacks")
    void bodiesOfRealTilesAreUnchanged(String file, String suffix, String recorded)
            throws IOException, NoSuchAlgorithmException {
        String spec = TestData.require(file) + suffix;
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (StackSource source = StackSources.open(spec)) {
            List<TileRegion> tiles = TilePlanner.plan(
                    source.frames(),
                    source.height(),
                    source.width(),
                    TilePlanner.defaultShape(source.frames(), source.height(), source.width()));
            for (TileRegion r : List.of(tiles.get(0), tiles.get(tiles.size() / 2), tiles.get(tiles.size() - 1))) {
                short[] original = new short[(int) r.samples()];
                source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), original);
                byte[] stream = TileCodec.encode(Tile.wrap(r.frames(), r.height(), r.width(), original.clone()));
                md.update(stream, TileFormat.HEADER_BYTES, stream.length - TileFormat.HEADER_BYTES);
                assertArrayEquals(original, TileCodec.decode(stream).samples(), r.toString());
            }
        }
        assertEquals(recorded, HexFormat.of().formatHex(md.digest()), spec);
    }
}
