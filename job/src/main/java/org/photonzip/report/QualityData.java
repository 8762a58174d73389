package org.photonzip.report;

import java.util.List;

/**
 * The report's section on what an error bound changed (drawn only for bounded archives): per-frame figures,
 * the overall table, the error histogram against the uniform-quantisation expectation, the error's power
 * spectrum and the reconstruction check.
 *
 * @param overall         label/value rows, in order
 * @param frameKinds      kind of each frame (projection, flat, dark), or null
 * @param reconstructions one row per reconstructed sinogram row
 * @param image           the first reconstruction and its difference, or null
 * @param window          restored − source in a window of one frame, or null
 */
public record QualityData(
        List<String[]> overall,
        Frames frames,
        String[] frameKinds,
        Histogram histogram,
        Spectrum spectrum,
        List<Reconstruction> reconstructions,
        ReconstructionImage image,
        ErrorWindow window) {

    public QualityData(
            List<String[]> overall,
            Frames frames,
            String[] frameKinds,
            Histogram histogram,
            Spectrum spectrum,
            List<Reconstruction> reconstructions,
            ReconstructionImage image) {
        this(overall, frames, frameKinds, histogram, spectrum, reconstructions, image, null);
    }

    /**
     * Restored − source over a window ({@code height × width} from row {@code y0}, column {@code x0}) of frame
     * {@code frame}, drawn on ±{@code bound} counts (the largest bound of the archive).
     */
    public record ErrorWindow(int frame, int y0, int x0, int height, int width, double[] difference, int bound) {}

    /** Per-frame figures; NaN where undefined (no noise model, frame too small for SSIM). */
    public record Frames(
            double[] maxAbsError,
            double[] rmse,
            double[] rmseOverSigma,
            double[] psnr,
            double[] psnrRange,
            double[] ssim) {}

    /** Fractions of samples per bin of error / (δ + ½), observed and expected. */
    public record Histogram(double[] centres, double[] observed, double[] expected, double totalVariation) {}

    public record Spectrum(double[] frequency, double[] power, double flatness, String verdict) {}

    public record Reconstruction(
            int row,
            int angles,
            int width,
            double sigmaRec,
            double rmsDifference,
            double maxDifference,
            double relative) {}

    /** Square {@code size × size} images of a reconstruction and of restored − source. */
    public record ReconstructionImage(int row, int size, double[] source, double[] difference, double sigmaRec) {}
}
