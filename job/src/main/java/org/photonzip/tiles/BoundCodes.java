package org.photonzip.tiles;

import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * An {@link ErrorBound} as the integers the stream stores, for Spark's serialisation: {@code {1, n}} for an
 * absolute bound, {@code {2, kFixed, gainFixed, darkFixed, readFixed}} for a noise bound, null for lossless.
 */
final class BoundCodes {
    private BoundCodes() {}

    static int[] of(ErrorBound b) {
        if (b instanceof ErrorBound.Absolute a) {
            return new int[] {1, a.n()};
        }
        if (b instanceof ErrorBound.NoiseScaled n) {
            NoiseModel m = n.model();
            return new int[] {2, n.kFixed(), m.gainFixed(), m.darkFixed(), m.readFixed()};
        }
        return null;
    }

    static ErrorBound bound(int[] c) {
        if (c == null) {
            return ErrorBound.none();
        }
        return c[0] == 1
                ? ErrorBound.absolute(c[1])
                : new ErrorBound.NoiseScaled(c[1], new NoiseModel(c[2], c[3], c[4]));
    }
}
