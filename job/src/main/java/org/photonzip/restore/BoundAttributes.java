package org.photonzip.restore;

import org.photonzip.archive.BoundRecord;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.hdf5.RestoredFile;

/**
 * Attributes that mark a stack restored from an error-bounded archive, so that a file on its own can never be
 * mistaken for the original data: the mode, the bound (counts, or K in noise σ), the noise model
 * {@code [gain, dark, read_noise]} (the string "none" when none) and a sentence saying what that means.
 */
final class BoundAttributes {
    static final String MODE = "photonzip_error_bound_mode";
    static final String BOUND = "photonzip_error_bound";
    static final String NOISE = "photonzip_noise_model";
    static final String NOTE = "photonzip_error_bound_note";

    private BoundAttributes() {}

    /** Adds the attributes for {@code bound}; a lossless archive (null) adds none. */
    static void put(RestoredFile ds, BoundRecord bound) {
        if (bound == null) {
            return;
        }
        ds.putStackAttribute(MODE, bound.mode());
        ds.putStackAttribute(BOUND, new double[] {bound.value()});
        if (bound.noise() == null) {
            ds.putStackAttribute(NOISE, "none");
        } else {
            ds.putStackAttribute(NOISE, new double[] {
                bound.noise().gain(), bound.noise().dark(), bound.noise().readNoise()
            });
        }
        ds.putStackAttribute(
                NOTE,
                "Restored from an ERROR-BOUNDED (lossy) photonzip archive: values differ from the "
                        + "source by up to " + bound.bound().describe()
                        + (bound.bound() instanceof ErrorBound.NoiseScaled
                                ? ", sigma^2 = gain*max(I - dark, 0) + read_noise^2 at each pixel's prediction"
                                : "")
                        + ".");
    }
}
