package org.photonzip.codec;

import org.photonzip.codec.bound.ErrorBound;

/**
 * A decoded tile with the error bound its stream was coded within and, when bounded, every sample's own bound
 * ({@code t, y, x} order, in counts), so a verifier can check {@code |restored − source| ≤ bound} exactly.
 */
public record DecodedTile(Tile tile, ErrorBound bound, int[] pixelBounds) {
    /** True when the tile decoded exactly to its source (no bound, or a stored tile). */
    public boolean lossless() {
        return bound.isLossless();
    }

    /** The bound of sample {@code i}: 0 for a lossless tile. */
    public int boundAt(int i) {
        return pixelBounds == null ? 0 : pixelBounds[i];
    }
}
