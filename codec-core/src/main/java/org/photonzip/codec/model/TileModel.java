package org.photonzip.codec.model;

import org.photonzip.codec.bound.Quantiser;
import org.photonzip.codec.entropy.BitWriter;
import org.photonzip.codec.entropy.ResidualDecoder;
import org.photonzip.codec.entropy.ResidualEncoder;

/**
 * A probability model for a tile: for every sample in coding order (frame, row, column) it gives a prediction
 * and a scale context, from samples already coded. The same {@link #code} loop serves encoding and decoding,
 * so the two sides cannot drift apart.
 */
public interface TileModel {
    /** Identifier written in the stream; see docs/tile-format.md. */
    int id();

    /** Writes the model's parameters (what the decoder needs besides the residuals). */
    void writeParameters(BitWriter out);

    /**
     * Codes the samples of {@code data} ({@code frames×height×width}, dense value indices ≤ {@code maxIndex}).
     * Encoding: {@code encoder} receives every residual and {@code data} is read. Decoding ({@code encoder}
     * null): residuals come from {@code decoder} and {@code data} is filled.
     */
    default void code(
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            ResidualEncoder encoder,
            ResidualDecoder decoder) {
        code(data, frames, height, width, maxIndex, null, null, encoder, decoder);
    }

    /**
     * The same, within the bounds of {@code quantiser} (null: lossless). Bounded encoding overwrites
     * {@code data} with the reconstruction the decoder will produce; {@code boundsOut}, when not null,
     * receives every sample's bound.
     */
    void code(
            short[] data,
            int frames,
            int height,
            int width,
            int maxIndex,
            Quantiser quantiser,
            int[] boundsOut,
            ResidualEncoder encoder,
            ResidualDecoder decoder);
}
