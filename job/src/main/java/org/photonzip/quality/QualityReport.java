package org.photonzip.quality;

import java.util.List;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * What an error-bounded archive changed, against its source.
 *
 * @param noise           the noise model RMSE/σ is scaled by, or null
 * @param spectrum        the error's power spectrum over the plan's spectrum frames, or null (none planned)
 * @param reconstructions one check per planned sinogram row; empty when the scan has too few projections
 * @param angles          where the reconstruction angles came from
 * @param correction      how the sinograms were normalised
 * @param errorFrame      the frame of {@code errorWindow}, or -1
 * @param errorWindow     restored − source in the plan's spectrum window of {@code errorFrame}, or null
 */
public record QualityReport(
        ErrorBound bound,
        NoiseModel noise,
        QualityPlan plan,
        FrameErrors errors,
        ErrorHistogram.Result histogram,
        ErrorSpectrum.Result spectrum,
        List<ReconstructionCheck.Result> reconstructions,
        String angles,
        String correction,
        int errorFrame,
        double[] errorWindow) {
    /** The figures over every frame. */
    public FrameErrors.Stats overall() {
        return errors.overall(null);
    }

    /** The largest reconstruction difference relative to the reconstruction's noise, NaN without checks. */
    public double worstReconstruction() {
        return reconstructions.stream()
                .mapToDouble(ReconstructionCheck.Result::relative)
                .max()
                .orElse(Double.NaN);
    }
}
