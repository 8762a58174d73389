package org.photonzip.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * Gathers everything {@link QualityReport} shows from blocks of source and restored samples (tiles, in any
 * order, each pixel once): per-frame errors and SSIM, the error histogram, the error images of the spectrum
 * frames, and the source and restored sinograms, flats and darks of the reconstruction rows.
 */
public final class QualityAccumulator {
    private final QualityPlan plan;
    private final ErrorBound bound;
    private final NoiseModel noise;
    private final FrameErrors errors;
    private final ErrorHistogram histogram;
    private final Map<Integer, double[]> spectrumImages = new HashMap<>();
    private final Map<Integer, Integer> projectionIndex = new HashMap<>();
    private final double[][] sinoSource;
    private final double[][] sinoRestored;
    private final double[][] flatSum;
    private final double[][] darkSum;
    private int flats;
    private int darks;

    /** {@code noise} scales RMSE/σ and may be null (RMSE/σ is then NaN). */
    public QualityAccumulator(QualityPlan plan, ErrorBound bound, NoiseModel noise) {
        this.plan = plan;
        this.bound = bound;
        this.noise = noise;
        errors = new FrameErrors(plan.frames(), noise);
        histogram = new ErrorHistogram(bound);
        for (int t : plan.spectrumFrames()) {
            spectrumImages.put(t, new double[plan.windowHeight() * plan.windowWidth()]);
        }
        for (int p = 0; p < plan.projections().length; p++) {
            projectionIndex.put(plan.projections()[p], p);
        }
        int cells = plan.projections().length * plan.sinogramWidth();
        int rows = plan.rows().length;
        sinoSource = new double[rows][cells];
        sinoRestored = new double[rows][cells];
        flatSum = new double[rows][plan.sinogramWidth()];
        darkSum = new double[rows][plan.sinogramWidth()];
        for (int t = 0; t < plan.frames(); t++) {
            flats += plan.flat()[t] ? 1 : 0;
            darks += plan.dark()[t] ? 1 : 0;
        }
    }

    /**
     * Adds a block, both arrays in t, y, x order: frames [t0, t0+nt), rows [y0, y0+h), columns [x0, x0+w).
     * Thread-safe; the SSIM filtering, most of the work, runs outside the lock.
     */
    public void add(int t0, int nt, int y0, int h, int x0, int w, short[] source, short[] restored) {
        add(t0, nt, y0, h, x0, w, source, restored, null);
    }

    /** The same with {@code bounds}, each restored sample's bound as the decoder gives it (null: estimated). */
    public void add(int t0, int nt, int y0, int h, int x0, int w, short[] source, short[] restored, int[] bounds) {
        Ssim.Sum[] ssim = new Ssim.Sum[nt];
        double[] a = new double[h * w];
        double[] b = new double[h * w];
        for (int dt = 0; dt < nt; dt++) {
            toDouble(source, restored, dt * h * w, a, b);
            ssim[dt] = Ssim.sum(
                    a, b, h, w, FrameErrors.PEAK, y0 == 0, y0 + h == plan.height(), x0 == 0, x0 + w == plan.width());
        }
        synchronized (this) {
            for (int dt = 0; dt < nt; dt++) {
                int t = t0 + dt;
                int base = dt * h * w;
                errors.add(t, source, base, restored, base, h * w);
                errors.addSsim(t, ssim[dt]);
                histogram.add(source, base, restored, base, bounds, h * w);
                toDouble(source, restored, base, a, b);
                double[] window = spectrumImages.get(t);
                if (window != null) {
                    copyWindow(window, a, b, y0, h, x0, w);
                }
                for (int r = 0; r < plan.rows().length; r++) {
                    int y = plan.rows()[r];
                    if (y >= y0 && y < y0 + h) {
                        addRow(r, t, x0, w, a, b, (y - y0) * w);
                    }
                }
            }
        }
    }

    private static void toDouble(short[] source, short[] restored, int base, double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = source[base + i] & 0xFFFF;
            b[i] = restored[base + i] & 0xFFFF;
        }
    }

    private void copyWindow(double[] window, double[] a, double[] b, int y0, int h, int x0, int w) {
        for (int y = Math.max(y0, plan.windowY0()); y < Math.min(y0 + h, plan.windowY0() + plan.windowHeight()); y++) {
            for (int x = Math.max(x0, plan.windowX0());
                    x < Math.min(x0 + w, plan.windowX0() + plan.windowWidth());
                    x++) {
                int i = (y - y0) * w + (x - x0);
                window[(y - plan.windowY0()) * plan.windowWidth() + (x - plan.windowX0())] = b[i] - a[i];
            }
        }
    }

    private void addRow(int r, int t, int x0, int w, double[] a, double[] b, int at) {
        Integer p = projectionIndex.get(t);
        int width = plan.sinogramWidth();
        for (int x = x0; x < x0 + w; x++) {
            int col = x / plan.columnBin();
            if (col >= width) {
                continue; // the last, partial bin is left out
            }
            if (p != null) {
                sinoSource[r][p * width + col] += a[at + x - x0];
                sinoRestored[r][p * width + col] += b[at + x - x0];
            } else if (plan.flat()[t]) {
                flatSum[r][col] += a[at + x - x0] / flats;
            } else if (plan.dark()[t]) {
                darkSum[r][col] += a[at + x - x0] / darks;
            }
        }
    }

    /**
     * The report. {@code radians} holds one angle per planned projection, or is null (uniform over 180°);
     * {@code flat} and {@code dark} are [row][column] fields read from separate datasets (binned like the
     * sinogram), or null: then those of the stack's own flat and dark frames, if it has any.
     */
    public synchronized QualityReport finish(double[] radians, double[][] flat, double[][] dark) {
        ErrorSpectrum.Result spectrum = null;
        if (!spectrumImages.isEmpty() && plan.windowHeight() >= 2 && plan.windowWidth() >= 2) {
            ErrorSpectrum s = new ErrorSpectrum(plan.windowHeight(), plan.windowWidth());
            for (int t : plan.spectrumFrames()) {
                s.add(spectrumImages.get(t));
            }
            spectrum = s.result();
        }
        int n = plan.projections().length;
        double[] angles = radians;
        if (angles == null) {
            angles = new double[n];
            for (int p = 0; p < n; p++) {
                angles[p] = Math.PI * p / n;
            }
        }
        List<ReconstructionCheck.Result> recs = new ArrayList<>();
        if (n >= 4 && plan.sinogramWidth() >= 2) {
            double[] a = angles;
            // The rows are independent and each costs width² × angles: reconstructed side by side.
            recs.addAll(java.util.stream.IntStream.range(0, plan.rows().length)
                    .parallel()
                    .mapToObj(r -> {
                        double[] f = flat != null ? flat[r] : flats > 0 ? flatSum[r] : null;
                        double[] d = dark != null ? dark[r] : darks > 0 ? darkSum[r] : null;
                        return ReconstructionCheck.of(
                                plan.rows()[r], sinoSource[r], sinoRestored[r], plan.sinogramWidth(), a, f, d);
                    })
                    .toList());
        }
        String correction = flat != null || flats > 0 ? "flat/dark-corrected" : "normalised by the row's maximum";
        int[] frames = plan.spectrumFrames();
        int shown = frames.length == 0 ? -1 : frames[frames.length / 2];
        return new QualityReport(
                bound,
                noise,
                plan,
                errors,
                histogram.result(),
                spectrum,
                recs,
                radians == null ? "uniform over 180° (none in the file)" : "from the file",
                correction,
                shown,
                shown < 0 ? null : spectrumImages.get(shown).clone());
    }
}
