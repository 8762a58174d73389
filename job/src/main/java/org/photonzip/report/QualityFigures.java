package org.photonzip.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.quality.FrameErrors;
import org.photonzip.quality.QualityReport;
import org.photonzip.quality.ReconstructionCheck;

/** Turns a {@link QualityReport} into what the report page draws: per-frame series, tables, one image. */
public final class QualityFigures {
    /** Reconstruction images are shrunk to at most this many pixels square for the page. */
    static final int IMAGE = 256;

    private QualityFigures() {}

    public static QualityData of(QualityReport q, String[] frameKinds) {
        int frames = q.errors().frames();
        QualityData.Frames f = new QualityData.Frames(
                new double[frames],
                new double[frames],
                new double[frames],
                new double[frames],
                new double[frames],
                new double[frames]);
        for (int t = 0; t < frames; t++) {
            FrameErrors.Stats s = q.errors().frame(t);
            if (s.samples() == 0) { // a frame the pass did not compare: no point on the charts
                for (double[] a :
                        new double[][] {f.maxAbsError(), f.rmse(), f.rmseOverSigma(), f.psnr(), f.psnrRange(), f.ssim()
                        }) {
                    a[t] = Double.NaN;
                }
                continue;
            }
            f.maxAbsError()[t] = s.maxAbsError();
            f.rmse()[t] = s.rmse();
            f.rmseOverSigma()[t] = s.rmseOverSigma();
            f.psnr()[t] = s.psnr();
            f.psnrRange()[t] = s.psnrRange();
            f.ssim()[t] = s.ssim();
        }
        var h = q.histogram();
        var histogram = new QualityData.Histogram(h.centres(), h.observed(), h.expected(), h.totalVariation());
        var spectrum = q.spectrum() == null
                ? null
                : new QualityData.Spectrum(
                        q.spectrum().frequency(),
                        q.spectrum().power(),
                        q.spectrum().flatness(),
                        q.spectrum().verdict());
        List<QualityData.Reconstruction> recs = new ArrayList<>();
        for (ReconstructionCheck.Result r : q.reconstructions()) {
            recs.add(new QualityData.Reconstruction(
                    r.row(), r.angles(), r.width(), r.sigmaRec(), r.rmsDifference(), r.maxDifference(), r.relative()));
        }
        QualityData.ReconstructionImage image = null;
        if (!q.reconstructions().isEmpty()) {
            ReconstructionCheck.Result r =
                    q.reconstructions().get(q.reconstructions().size() / 2);
            int step = (r.width() + IMAGE - 1) / IMAGE;
            image = new QualityData.ReconstructionImage(
                    r.row(),
                    r.width() / step,
                    shrink(r.source(), r.width(), step),
                    shrink(r.difference(), r.width(), step),
                    r.sigmaRec());
        }
        QualityData.ErrorWindow window = q.errorWindow() == null
                ? null
                : new QualityData.ErrorWindow(
                        q.errorFrame(),
                        q.plan().windowY0(),
                        q.plan().windowX0(),
                        q.plan().windowHeight(),
                        q.plan().windowWidth(),
                        q.errorWindow(),
                        Math.max(1, q.bound().maxBound()));
        return new QualityData(overall(q), f, frameKinds, histogram, spectrum, recs, image, window);
    }

    static List<String[]> overall(QualityReport q) {
        FrameErrors.Stats all = q.overall();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mode", describe(q.bound())});
        NoiseModel n = q.noise();
        rows.add(new String[] {
            "noise model",
            n == null ? "none" : fmt("σ² = %.4g·max(I − %.4g, 0) + %.4g²", n.gain(), n.dark(), n.readNoise())
        });
        long stack = (long) q.plan().frames() * q.plan().height() * q.plan().width();
        rows.add(new String[] {
            "samples compared",
            all.samples() == stack
                    ? Long.toString(all.samples())
                    : fmt(
                            "%d of %d (%.1f %%: whole frames, evenly spaced; verify --against checks every " + "value)",
                            all.samples(), stack, 100.0 * all.samples() / stack)
        });
        rows.add(new String[] {"max |error|", all.maxAbsError() + " counts"});
        rows.add(new String[] {
            "samples beyond their bound",
            q.histogram().beyondBound()
                    + (q.histogram().codedBounds()
                            ? " (each sample against the bound it was coded with)"
                            : " (bound estimated from the source value, not the coded one)")
        });
        rows.add(new String[] {"RMSE", fmt("%.4g counts", all.rmse())});
        rows.add(new String[] {"RMSE / σ", fmt("%.4f", all.rmseOverSigma())});
        rows.add(new String[] {"PSNR (peak 65535)", fmt("%.2f dB", all.psnr())});
        rows.add(new String[] {"PSNR (data range " + all.min() + "–" + all.max() + ")", fmt("%.2f dB", all.psnrRange())
        });
        rows.add(new String[] {"SSIM", fmt("%.6f", all.ssim())});
        rows.add(new String[] {
            "histogram vs uniform quantisation",
            fmt("total variation %.4f", q.histogram().totalVariation())
        });
        if (q.spectrum() != null) {
            rows.add(new String[] {
                "error spectrum",
                fmt("flatness %.3f: %s", q.spectrum().flatness(), q.spectrum().verdict())
            });
        }
        if (!q.reconstructions().isEmpty()) {
            rows.add(new String[] {
                "reconstruction difference",
                fmt("worst row RMS %.2f %% of the reconstruction's noise σ", 100 * q.worstReconstruction())
            });
            rows.add(new String[] {"reconstruction input", q.correction() + "; angles " + q.angles()});
        }
        return rows;
    }

    /** The bound in words, never to be mistaken for lossless. */
    public static String describe(ErrorBound b) {
        if (b instanceof ErrorBound.Absolute a) {
            return fmt("error-bounded (lossy): |restored − source| ≤ %d counts", a.n());
        }
        if (b instanceof ErrorBound.NoiseScaled n) {
            return fmt(
                    "error-bounded (lossy): |restored − source| ≤ ⌊%s·σ(prediction)⌋, at most %d counts",
                    trim(n.k()), n.maxBound());
        }
        return "lossless";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] shrink(double[] img, int width, int step) {
        int n = width / step;
        double[] out = new double[n * n];
        for (int i = 0; i < n * step; i++) {
            for (int j = 0; j < n * step; j++) {
                out[(i / step) * n + j / step] += img[i * width + j] / (step * step);
            }
        }
        return out;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
