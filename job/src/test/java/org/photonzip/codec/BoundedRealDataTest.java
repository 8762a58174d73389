package org.photonzip.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.bound.NoiseModelFit;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.TestData;

/**
 * Every real stack, sub-sampled (a few windows of at most 12 frames × 48 × 96 pixels, so the test stays
 * fast), coded within N ∈ {0, 1, 2, 5, 50} counts and K ∈ {0.5, 1, 2} noise σ (the noise model fitted to the
 * window itself): every pixel within its own bound, and the decoder reproduces the encoder's reconstruction.
 */
class BoundedRealDataTest {
    private static final int FRAMES = 12;
    private static final int ROWS = 48;
    private static final int COLUMNS = 96;

    static Stream<String> stacks() {
        return Stream.of(
                "k11-diad/k11-18014/k11-18014-imaging.h5|:/entry/detector/detector",
                "psi-neutron-ct/stack.h5|:/entry/data/data",
                "psi-neutron-ct/stack.h5|:/entry/data/flats",
                "psi-stepwedge/stack.h5|:/entry/data/data",
                "savu-i13/tiffs|");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyPixelIsWithinItsBound(String stack) throws IOException {
        String[] parts = stack.split("\\|", -1);
        String spec = TestData.require(parts[0]) + parts[1];
        try (StackSource source = StackSources.open(spec)) {
            for (int t0 : new int[] {0, source.frames() / 2}) {
                int f = Math.min(FRAMES, source.frames() - t0);
                int h = Math.min(ROWS, source.height());
                int w = Math.min(COLUMNS, source.width());
                int y0 = (source.height() - h) / 2;
                int x0 = (source.width() - w) / 2;
                short[] samples = new short[f * h * w];
                source.read(t0, f, y0, h, x0, w, samples);
                NoiseModel noise = NoiseModelFit.fromStack(samples, f, h, w).orElse(NoiseModel.of(1.5, 100, 3));
                for (ErrorBound bound : bounds(noise)) {
                    check(spec + " at frame " + t0, Tile.wrap(f, h, w, samples.clone()), bound);
                }
            }
        }
    }

    private static List<ErrorBound> bounds(NoiseModel noise) {
        List<ErrorBound> b = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 5, 50}) {
            b.add(ErrorBound.absolute(n));
        }
        for (double k : new double[] {0.5, 1, 2}) {
            b.add(ErrorBound.noiseScaled(k, noise));
        }
        return b;
    }

    private static void check(String where, Tile tile, ErrorBound bound) {
        short[] source = tile.samples().clone();
        EncodedTile e = TileCodec.encodeDetailed(tile, EncoderOptions.CLASSICAL.withErrorBound(bound));
        DecodedTile d = TileCodec.decodeWithBounds(e.stream(), 0, e.stream().length, null);
        short[] restored = d.tile().samples();
        assertArrayEquals(e.reconstruction(), restored, where + " " + bound);
        int worst = 0;
        for (int i = 0; i < source.length; i++) {
            int err = Math.abs((source[i] & 0xFFFF) - (restored[i] & 0xFFFF));
            if (err > d.boundAt(i)) {
                throw new AssertionError(where + " " + bound + ": sample " + i + " was " + (source[i] & 0xFFFF)
                        + ", restored " + (restored[i] & 0xFFFF) + ", bound " + d.boundAt(i));
            }
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= bound.maxBound());
        if (bound.equals(ErrorBound.absolute(0))) {
            assertEquals(0, worst, where + ": bound 0 is lossless");
        }
    }
}
