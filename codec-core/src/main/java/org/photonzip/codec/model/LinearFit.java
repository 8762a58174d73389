package org.photonzip.codec.model;

/**
 * Least-squares fit of prediction weights from sampled feature vectors (encoder side only: the decoder reads
 * the quantised weights, so this floating point never has to be reproduced).
 */
final class LinearFit {
    private final int n;
    private final double[] ata;
    private final double[] atb;
    private long samples;

    LinearFit(int n) {
        this.n = n;
        this.ata = new double[n * n];
        this.atb = new double[n];
    }

    void add(int[] f, int target) {
        for (int i = 0; i < n; i++) {
            double fi = f[i];
            atb[i] += fi * target;
            for (int j = 0; j <= i; j++) {
                ata[i * n + j] += fi * f[j];
            }
        }
        samples++;
    }

    /** Weights in fixed point with {@code fractionBits}, clamped to a signed 16-bit range; zeros if no data. */
    int[] solveQuantised(int fractionBits) {
        int[] q = new int[n];
        if (samples < n) {
            return q;
        }
        double[] a = new double[n * n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += ata[i * n + i];
        }
        double ridge = 1e-4 * trace / n + 1e-6;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = ata[i * n + j];
            }
            a[i * n + i] += ridge;
        }
        if (!cholesky(a)) {
            return q;
        }
        double[] x = atb.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * x[k];
            }
            x[i] = s / a[i * n + i];
        }
        double scale = 1 << fractionBits;
        for (int i = 0; i < n; i++) {
            q[i] = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i] * scale)));
        }
        return q;
    }

    /** In-place lower Cholesky factor; false if the matrix is not positive definite. */
    private boolean cholesky(double[] a) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        return true;
    }
}
