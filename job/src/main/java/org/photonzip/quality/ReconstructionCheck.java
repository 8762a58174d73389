package org.photonzip.quality;

/**
 * Does the bound show in a reconstruction? One sinogram row (projections × detector columns) from the source
 * and from the restored stack is flat/dark-corrected, {@code p = −ln((I − D)/(F − D))}, and reconstructed by
 * {@link FilteredBackProjection}; their difference is compared with the reconstruction's own noise.
 *
 * <p>Noise estimator: the source's even-numbered and odd-numbered projections are reconstructed apart (each
 * half weighs π/its count). Both see the same object, with independent noise of equal variance s², so
 * {@code std(rec_even − rec_odd)² = 2s²}, and the full reconstruction, {@code (n_e·rec_even + n_o·rec_odd)/n}
 * exactly, carries noise of variance ≈ s²/2: {@code σ_rec = std(rec_even − rec_odd) / 2}. Angular
 * undersampling makes the halves differ in their streaks too, so σ_rec errs high where angles are sparse (and
 * the ratio then errs low). Statistics are taken inside the reconstruction circle (radius (width − 1)/2).
 */
public final class ReconstructionCheck {
    private ReconstructionCheck() {}

    /**
     * @param row          the detector row the sinogram is of
     * @param sigmaRec     the reconstruction's noise standard deviation, from the half-scans
     * @param rmsDifference RMS of (restored − source) reconstruction inside the circle
     * @param maxDifference largest |restored − source| inside the circle
     * @param source       the source's reconstruction ({@code width × width}), and {@code difference}
     */
    public record Result(
            int row,
            int angles,
            int width,
            double sigmaRec,
            double rmsDifference,
            double maxDifference,
            double[] source,
            double[] difference) {
        /** RMS of the difference in units of the reconstruction's own noise σ. */
        public double relative() {
            return rmsDifference / sigmaRec;
        }
    }

    /**
     * @param source   source samples, {@code radians.length × width}, raw counts
     * @param restored restored samples, same shape
     * @param flat     mean flat field of this row ({@code width}), or null: the row's largest value is used
     * @param dark     mean dark field of this row, or null: 0
     */
    public static Result of(
            int row, double[] source, double[] restored, int width, double[] radians, double[] flat, double[] dark) {
        int n = radians.length;
        if (n < 4 || source.length != n * width || restored.length != n * width) {
            throw new IllegalArgumentException("Invalid sinogram: " + n + " angles x " + width + " columns, "
                    + source.length + " and " + restored.length + " samples");
        }
        double[] ps = FilteredBackProjection.filter(correct(source, width, flat, dark), n, width);
        double[] pr = FilteredBackProjection.filter(correct(restored, width, flat, dark), n, width);
        int[] even = new int[(n + 1) / 2];
        int[] odd = new int[n / 2];
        int[] all = new int[n];
        for (int a = 0; a < n; a++) {
            all[a] = a;
            if (a % 2 == 0) {
                even[a / 2] = a;
            } else {
                odd[a / 2] = a;
            }
        }
        double[] recEven = FilteredBackProjection.backProject(ps, width, radians, even);
        double[] recOdd = FilteredBackProjection.backProject(ps, width, radians, odd);
        double[] recRestored = FilteredBackProjection.backProject(pr, width, radians, all);
        double[] recSource = new double[width * width];
        double[] difference = new double[width * width];
        double c = (width - 1) / 2.0;
        double sum = 0;
        double sumSq = 0;
        double diffSq = 0;
        double diffMax = 0;
        long inside = 0;
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < width; j++) {
                int k = i * width + j;
                recSource[k] = (even.length * recEven[k] + odd.length * recOdd[k]) / n;
                difference[k] = recRestored[k] - recSource[k];
                if ((i - c) * (i - c) + (j - c) * (j - c) <= c * c) {
                    double d = recEven[k] - recOdd[k];
                    sum += d;
                    sumSq += d * d;
                    diffSq += difference[k] * difference[k];
                    diffMax = Math.max(diffMax, Math.abs(difference[k]));
                    inside++;
                }
            }
        }
        double mean = sum / inside;
        double sigma = Math.sqrt(Math.max(0, sumSq / inside - mean * mean)) / 2;
        return new Result(row, n, width, sigma, Math.sqrt(diffSq / inside), diffMax, recSource, difference);
    }

    /** −ln((I − D)/(F − D)), both differences held at ≥ 1 count so that dead or saturated pixels stay finite. */
    static double[] correct(double[] counts, int width, double[] flat, double[] dark) {
        double top = 0;
        if (flat == null) {
            for (double v : counts) {
                top = Math.max(top, v);
            }
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            int x = i % width;
            double d = dark == null ? 0 : dark[x];
            double f = flat == null ? top : flat[x];
            p[i] = -Math.log(Math.max(1, counts[i] - d) / Math.max(1, f - d));
        }
        return p;
    }
}
