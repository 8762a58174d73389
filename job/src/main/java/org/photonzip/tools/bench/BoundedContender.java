package org.photonzip.tools.bench;

import java.util.Locale;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.EncodedTile;
import org.photonzip.codec.EncoderOptions;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileCodec;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * photonzip's classical codec within an error bound: {@code photonzip-e N} (absolute, counts) or
 * {@code photonzip-k K} (K times the stack's noise σ). Checks that the decoder reproduces the encoder's
 * reconstruction and that every pixel is within its own bound, and sums the distortion.
 */
final class BoundedContender implements Contender {
    private final Integer absolute;
    private final Double k;
    private NoiseModel noise;
    private ErrorBound bound;

    private BoundedContender(Integer absolute, Double k) {
        this.absolute = absolute;
        this.k = k;
    }

    static BoundedContender absolute(int n) {
        ErrorBound.absolute(n); // validates
        return new BoundedContender(n, null);
    }

    static BoundedContender noiseScaled(double k) {
        ErrorBound.noiseScaled(k, NoiseModel.of(1, 0, 1)); // validates K
        return new BoundedContender(null, k);
    }

    @Override
    public String name() {
        return absolute != null
                ? "photonzip-e" + absolute
                : "photonzip-k" + String.format(Locale.ROOT, "%s", k).replaceAll("\\.0$", "");
    }

    @Override
    public void startStack(NoiseModel stackNoise) {
        noise = stackNoise;
        bound = absolute != null
                ? ErrorBound.absolute(absolute)
                : stackNoise == null ? null : ErrorBound.noiseScaled(k, stackNoise);
    }

    @Override
    public Distortion newDistortion() {
        return new Distortion(noise);
    }

    @Override
    public Measurement measure(BenchTile tile) {
        if (bound == null) {
            throw new UnsupportedOperationException("no noise model for this stack");
        }
        String name = name();
        Tile input = Tile.wrap(tile.frames, tile.height, tile.width, tile.samples.clone());
        EncoderOptions options = EncoderOptions.CLASSICAL.withErrorBound(bound);
        long start = System.nanoTime();
        EncodedTile encoded = Contender.guard(name, "encode", tile, () -> TileCodec.encodeDetailed(input, options));
        long mid = System.nanoTime();
        byte[] stream = encoded.stream();
        // Timed: the decoder as restore runs it. Then, untimed, every pixel against its own bound.
        Tile plain = Contender.guard(name, "decode", tile, () -> TileCodec.decode(stream));
        long end = System.nanoTime();
        DecodedTile decoded = bound instanceof ErrorBound.Absolute
                ? null
                : Contender.guard(
                        name, "decode", tile, () -> TileCodec.decodeWithBounds(stream, 0, stream.length, null));
        short[] restored = plain.samples();
        if (decoded != null && !java.util.Arrays.equals(restored, decoded.tile().samples())) {
            throw new RoundTripException(name + " decodes differently with and without bounds in " + tile);
        }
        int i = java.util.Arrays.mismatch(encoded.reconstruction(), restored);
        if (i >= 0) {
            throw new RoundTripException(
                    name + " decoder differs from the encoder's reconstruction in " + tile + " at " + tile.where(i));
        }
        for (int j = 0; j < restored.length; j++) {
            int err = Math.abs((restored[j] & 0xFFFF) - (tile.samples[j] & 0xFFFF));
            int allowed = decoded == null ? bound.maxBound() : decoded.boundAt(j);
            if (err > allowed) {
                throw new RoundTripException(name + " exceeds its bound in " + tile + " at " + tile.where(j)
                        + ": expected " + (tile.samples[j] & 0xFFFF) + " ± " + allowed + ", restored "
                        + (restored[j] & 0xFFFF));
            }
        }
        return new Measurement(stream.length, mid - start, end - mid, restored);
    }
}
