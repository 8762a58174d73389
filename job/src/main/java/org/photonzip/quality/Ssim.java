package org.photonzip.quality;

/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004): local means, variances and covariance under a
 * Gaussian window of σ 1.5 (11 taps), K1 0.01, K2 0.03, population (not sample) covariances, the image
 * mirrored at its edges (scipy's {@code reflect}) and the 5 pixels nearest each image edge left out of the
 * mean: the same as scikit-image's {@code structural_similarity(a, b, data_range=L, gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False)}.
 *
 * <p>A block of a larger image (a tile) is filtered on its own, mirrored at its edges; only the edges that are
 * the image's own are trimmed, so a frame cut into tiles differs from the whole-frame value only near the cuts.
 */
public final class Ssim {
    static final double SIGMA = 1.5;
    static final int RADIUS = 5;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double[] KERNEL = kernel();

    private Ssim() {}

    /** The sum of the SSIM map over the pixels kept, and how many were kept. */
    public record Sum(double sum, long windows) {}

    /** SSIM of two whole images ({@code h × w}, row-major), range {@code dataRange}. */
    public static double of(double[] a, double[] b, int h, int w, double dataRange) {
        Sum s = sum(a, b, h, w, dataRange, true, true, true, true);
        return s.windows() == 0 ? Double.NaN : s.sum() / s.windows();
    }

    /**
     * The SSIM map of a block summed over its pixels, trimming {@value #RADIUS} pixels at each edge flagged as
     * an image edge.
     */
    public static Sum sum(
            double[] a,
            double[] b,
            int h,
            int w,
            double dataRange,
            boolean top,
            boolean bottom,
            boolean left,
            boolean right) {
        int n = h * w;
        double[] ab = new double[n];
        double[] aa = new double[n];
        double[] bb = new double[n];
        for (int i = 0; i < n; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        double[] ua = blur(a, h, w);
        double[] ub = blur(b, h, w);
        double[] uaa = blur(aa, h, w);
        double[] ubb = blur(bb, h, w);
        double[] uab = blur(ab, h, w);
        double c1 = K1 * dataRange * K1 * dataRange;
        double c2 = K2 * dataRange * K2 * dataRange;
        int y0 = top ? RADIUS : 0;
        int y1 = h - (bottom ? RADIUS : 0);
        int x0 = left ? RADIUS : 0;
        int x1 = w - (right ? RADIUS : 0);
        double sum = 0;
        long kept = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = y * w + x;
                double va = uaa[i] - ua[i] * ua[i];
                double vb = ubb[i] - ub[i] * ub[i];
                double cov = uab[i] - ua[i] * ub[i];
                sum += (2 * ua[i] * ub[i] + c1)
                        * (2 * cov + c2)
                        / ((ua[i] * ua[i] + ub[i] * ub[i] + c1) * (va + vb + c2));
                kept++;
            }
        }
        return new Sum(sum, kept);
    }

    /**
     * Separable Gaussian blur, mirrored at the edges (d c b a | a b c d | d c b a). The interior, where no tap
     * leaves the image, skips the mirroring: the same sums in the same order, several times faster.
     */
    static double[] blur(double[] img, int h, int w) {
        double[] rows = new double[h * w];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                double s = 0;
                if (x >= RADIUS && x + RADIUS < w) {
                    for (int k = -RADIUS; k <= RADIUS; k++) {
                        s += KERNEL[k + RADIUS] * img[row + x + k];
                    }
                } else {
                    for (int k = -RADIUS; k <= RADIUS; k++) {
                        s += KERNEL[k + RADIUS] * img[row + reflect(x + k, w)];
                    }
                }
                rows[row + x] = s;
            }
        }
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            if (y >= RADIUS && y + RADIUS < h) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -RADIUS; k <= RADIUS; k++) {
                        s += KERNEL[k + RADIUS] * rows[(y + k) * w + x];
                    }
                    out[y * w + x] = s;
                }
            } else {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -RADIUS; k <= RADIUS; k++) {
                        s += KERNEL[k + RADIUS] * rows[reflect(y + k, h) * w + x];
                    }
                    out[y * w + x] = s;
                }
            }
        }
        return out;
    }

    static int reflect(int i, int n) {
        while (i < 0 || i >= n) {
            i = i < 0 ? -i - 1 : 2 * n - i - 1;
        }
        return i;
    }

    private static double[] kernel() {
        double[] k = new double[2 * RADIUS + 1];
        double total = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            total += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        return k;
    }
}
