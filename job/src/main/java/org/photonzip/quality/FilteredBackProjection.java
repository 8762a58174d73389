package org.photonzip.quality;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Parallel-beam filtered back-projection of one sinogram row: each projection convolved with the band-limited
 * ramp filter sampled in real space (Kak and Slaney, "Principles of Computerized Tomographic Imaging", eq.
 * 3.61: h(0) = ¼, h(n) = −1/(πn)² for odd n, 0 for even n, which avoids the DC offset of a ramp sampled in
 * frequency), through a zero-padded FFT, then smeared back over a {@code width × width} grid with linear
 * interpolation, rotation axis at the detector's centre. Each angle weighs π/n, right for n angles evenly over
 * 180° and equally over 360° (where every line is measured twice).
 */
public final class FilteredBackProjection {
    private FilteredBackProjection() {}

    /** Ramp-filters each of the {@code angles} rows of {@code sinogram} ({@code angles × width}). */
    public static double[] filter(double[] sinogram, int angles, int width) {
        int p = Integer.highestOneBit(Math.max(64, 2 * width - 1) - 1) << 1;
        DoubleFFT_1D fft = new DoubleFFT_1D(p);
        double[] h = new double[2 * p];
        h[0] = 0.25;
        for (int n = 1; n <= p / 2; n += 2) {
            double v = -1 / (Math.PI * n * Math.PI * n);
            h[2 * n] = v;
            h[2 * (p - n)] = v;
        }
        fft.complexForward(h); // real and even: the spectrum is real
        double[] out = new double[angles * width];
        double[] row = new double[2 * p];
        for (int a = 0; a < angles; a++) {
            java.util.Arrays.fill(row, 0);
            for (int x = 0; x < width; x++) {
                row[2 * x] = sinogram[a * width + x];
            }
            fft.complexForward(row);
            for (int k = 0; k < p; k++) {
                row[2 * k] *= h[2 * k];
                row[2 * k + 1] *= h[2 * k];
            }
            fft.complexInverse(row, true);
            for (int x = 0; x < width; x++) {
                out[a * width + x] = row[2 * x];
            }
        }
        return out;
    }

    /**
     * Back-projects the filtered rows listed in {@code use} (indices into {@code radians}) onto a
     * {@code width × width} grid: pixel (i, j) sits at x = j − c, y = c − i with c = (width − 1)/2, and reads
     * detector coordinate x·cos θ + y·sin θ + c.
     */
    public static double[] backProject(double[] filtered, int width, double[] radians, int[] use) {
        double c = (width - 1) / 2.0;
        double[] image = new double[width * width];
        double weight = Math.PI / use.length;
        for (int a : use) {
            double cos = Math.cos(radians[a]);
            double sin = Math.sin(radians[a]);
            int base = a * width;
            for (int i = 0; i < width; i++) {
                double y = c - i;
                double t = -c * cos + y * sin + c;
                for (int j = 0; j < width; j++, t += cos) {
                    int k = (int) Math.floor(t);
                    if (k >= 0 && k + 1 < width) {
                        double f = t - k;
                        image[i * width + j] += weight * (filtered[base + k] * (1 - f) + filtered[base + k + 1] * f);
                    } else if (k == width - 1 && t == k) {
                        image[i * width + j] += weight * filtered[base + k];
                    }
                }
            }
        }
        return image;
    }

    /** Filters and back-projects every angle. */
    public static double[] reconstruct(double[] sinogram, int width, double[] radians) {
        int[] all = new int[radians.length];
        for (int a = 0; a < all.length; a++) {
            all[a] = a;
        }
        return backProject(filter(sinogram, radians.length, width), width, radians, all);
    }
}
