package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.photonzip.plan.TilePlanner;
import org.photonzip.plan.TileRegion;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.TestData;

/**
 * Every uint16 stack of the shared real data, tiled as the job tiles it, round trips bit for bit (every value
 * compared, and the whole stack's SHA-256 before and after), and compresses no worse than the figures the
 * foundation issue promised: a regression guard on the model, not a timing.
 */
@Tag("slow")
class RealDataRoundTripTest {

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("k11-diad/k11-18014/k11-18014-imaging.h5", ":/entry/detector/detector@100:3100", 11.2),
                Arguments.of("k11-diad/k11-18014/k11-18014-imaging.h5", ":/entry/detector/detector", 11.3),
                Arguments.of("psi-neutron-ct/stack.h5", ":/entry/data/data", 7.6),
                Arguments.of("psi-neutron-ct/stack.h5", ":/entry/data/flats", 16.0),
                Arguments.of("psi-neutron-ct/stack.h5", ":/entry/data/darks", 16.0),
                Arguments.of("psi-stepwedge/stack.h5", ":/entry/data/data", 16.0),
                Arguments.of("psi-stepwedge/stack.h5", ":/entry/data/flats", 16.0),
                Arguments.of("savu-i13/tiffs", "", 10.4));
    }

    @ParameterizedTest(name = "{0}{1}")
    @MethodSource("stacks")
    void roundTripsBitExactWithinBudget(String file, String suffix, double maxBitsPerPixel)
            throws IOException, NoSuchAlgorithmException {
        String spec = TestData.require(file) + suffix;
        MessageDigest before = MessageDigest.getInstance("SHA-256");
        MessageDigest after = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        long samples = 0;
        try (StackSource source = StackSources.open(spec)) {
            List<TileRegion> tiles = TilePlanner.plan(
                    source.frames(),
                    source.height(),
                    source.width(),
                    TilePlanner.defaultShape(source.frames(), source.height(), source.width()));
            for (TileRegion r : tiles) {
                short[] original = new short[(int) r.samples()];
                source.read(r.t0(), r.frames(), r.y0(), r.height(), r.x0(), r.width(), original);
                byte[] stream = TileCodec.encode(Tile.wrap(r.frames(), r.height(), r.width(), original.clone()));
                Tile decoded = TileCodec.decode(stream);
                short[] restored = decoded.samples();
                assertEquals(original.length, restored.length);
                for (int i = 0; i < original.length; i++) {
                    if (original[i] != restored[i]) {
                        throw new AssertionError(spec + " " + r + ": sample " + i + " was " + (original[i] & 0xFFFF)
                                + ", decoded " + (restored[i] & 0xFFFF));
                    }
                }
                update(before, original);
                update(after, restored);
                bytes += stream.length;
                samples += original.length;
            }
        }
        assertEquals(HexFormat.of().formatHex(before.digest()), HexFormat.of().formatHex(after.digest()));
        double bpp = 8.0 * bytes / samples;
        assertTrue(bpp <= maxBitsPerPixel, spec + ": " + bpp + " bits/pixel, budget " + maxBitsPerPixel);
    }

    private static void update(MessageDigest md, short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >>> 8);
        }
        md.update(b);
    }
}
