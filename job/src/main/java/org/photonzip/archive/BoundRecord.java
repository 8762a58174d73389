package org.photonzip.archive;

import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * {@code codec.error_bound} in summary.json (docs/archive-format.md, "Error-bounded archives"): present only in
 * bounded archives, so a lossless archive's summary is what it always was. Holds the mode, the bound, the
 * noise model (fixed-point integers as the streams store them, and their values) and where the model came
 * from. Every bounded tile stream carries its own bound too; this record is what readers show and check first.
 * {@link Summary#bound()} gives it; {@link SummaryJson} writes and reads it.
 *
 * @param noise  the scan's fitted noise model (the bound's own for a noise bound; for an absolute bound the
 *               one the report scales errors by), or null when none could be fitted
 * @param origin where the noise model came from
 */
public record BoundRecord(ErrorBound bound, NoiseModel noise, String origin) {
    public String mode() {
        return bound instanceof ErrorBound.Absolute ? "absolute" : "noise";
    }

    /** The bound as the user gave it: N counts, or K noise standard deviations. */
    public double value() {
        return bound instanceof ErrorBound.Absolute a ? a.n() : ((ErrorBound.NoiseScaled) bound).k();
    }
}
