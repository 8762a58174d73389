package org.photonzip.job.restore;

import io.jhdf.api.WritableDataset;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.job.archive.BoundRecord;

/**
 * Attributes that mark a stack restored from an error-bounded archive, so that a file on its own can never be
 * mistaken for the original data: the mode, the bound (counts, or K in noise σ), the noise model
 * {@code [gain, dark, read_noise]} (empty when none) and a sentence saying what that means.
 */
final class BoundAttributes {
    static final String MODE = "photonzip_error_bound_mode";
    static final String BOUND = "photonzip_error_bound";
    static final String NOISE = "photonzip_noise_model";
    static final String NOTE = "photonzip_error_bound_note";

    private BoundAttributes() {
    }

    /** Adds the attributes for {@code bound}; a lossless archive (null) adds none. */
    static void put(WritableDataset ds, BoundRecord bound) {
        if (bound == null) {
            return;
        }
        ds.putAttribute(MODE, bound.mode());
        ds.putAttribute(BOUND, bound.value());
        ds.putAttribute(NOISE, bound.noise() == null ? new double[0]
                : new double[] {bound.noise().gain(), bound.noise().dark(), bound.noise().readNoise()});
        ds.putAttribute(NOTE, "Restored from an ERROR-BOUNDED (lossy) photonzip archive: values differ from the "
                + "source by up to " + bound.bound().describe() + (bound.bound() instanceof ErrorBound.NoiseScaled
                ? ", sigma^2 = gain*max(I - dark, 0) + read_noise^2 at each pixel's prediction" : "") + ".");
    }
}
