package org.photonzip.quality;

import java.util.Arrays;
import org.photonzip.codec.bound.NoiseModel;

/**
 * Per-frame error sums of a restored stack against its source, filled block by block (any order, any tiling):
 * max |error|, RMSE, RMSE/σ (the root mean of (error/σ)², σ from the noise model at the source value), PSNR
 * against 65,535 and against the frame's own range, and SSIM from {@link Ssim}'s window sums.
 */
public final class FrameErrors {
    /** The peak of uint16 samples, the conventional PSNR reference. */
    public static final double PEAK = 65535;

    private final NoiseModel noise;
    private final long[] count;
    private final double[] sumSq;
    private final double[] sumSqNorm;
    private final int[] maxAbs;
    private final int[] min;
    private final int[] max;
    private final double[] ssimSum;
    private final long[] ssimCount;

    /** {@code noise} may be null: RMSE/σ is then NaN. */
    public FrameErrors(int frames, NoiseModel noise) {
        this.noise = noise;
        count = new long[frames];
        sumSq = new double[frames];
        sumSqNorm = new double[frames];
        maxAbs = new int[frames];
        min = new int[frames];
        max = new int[frames];
        Arrays.fill(min, Integer.MAX_VALUE);
        Arrays.fill(max, Integer.MIN_VALUE);
        ssimSum = new double[frames];
        ssimCount = new long[frames];
    }

    public int frames() {
        return count.length;
    }

    /** Adds {@code n} samples of frame {@code t} (unsigned 16-bit bit patterns) from the given offsets. */
    public void add(int t, short[] source, int sourceAt, short[] restored, int restoredAt, int n) {
        double sq = 0;
        double sqNorm = 0;
        int worst = maxAbs[t];
        int lo = min[t];
        int hi = max[t];
        for (int i = 0; i < n; i++) {
            int s = source[sourceAt + i] & 0xFFFF;
            int e = (restored[restoredAt + i] & 0xFFFF) - s;
            sq += (double) e * e;
            if (noise != null) {
                sqNorm += (double) e * e / noise.variance(s);
            }
            worst = Math.max(worst, Math.abs(e));
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        count[t] += n;
        sumSq[t] += sq;
        sumSqNorm[t] += sqNorm;
        maxAbs[t] = worst;
        min[t] = lo;
        max[t] = hi;
    }

    /** Adds SSIM window sums ({@link Ssim.Sum}) of a block of frame {@code t}. */
    public void addSsim(int t, Ssim.Sum sum) {
        ssimSum[t] += sum.sum();
        ssimCount[t] += sum.windows();
    }

    /** Statistics of frame {@code t}. */
    public Stats frame(int t) {
        return new Stats(
                count[t], maxAbs[t], sumSq[t], sumSqNorm[t], min[t], max[t], ssimSum[t], ssimCount[t], noise != null);
    }

    /** Statistics over the frames whose {@code include[t]} is true (all when null). */
    public Stats overall(boolean[] include) {
        long n = 0;
        long windows = 0;
        int worst = 0;
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        double sq = 0;
        double sqNorm = 0;
        double ssim = 0;
        for (int t = 0; t < count.length; t++) {
            if (include == null || include[t]) {
                n += count[t];
                sq += sumSq[t];
                sqNorm += sumSqNorm[t];
                worst = Math.max(worst, maxAbs[t]);
                lo = Math.min(lo, min[t]);
                hi = Math.max(hi, max[t]);
                ssim += ssimSum[t];
                windows += ssimCount[t];
            }
        }
        return new Stats(n, worst, sq, sqNorm, lo, hi, ssim, windows, noise != null);
    }

    /** Error statistics of a set of samples. */
    public record Stats(
            long samples,
            int maxAbsError,
            double sumSq,
            double sumSqNorm,
            int min,
            int max,
            double ssimSum,
            long ssimWindows,
            boolean hasNoise) {
        public double rmse() {
            return samples == 0 ? Double.NaN : Math.sqrt(sumSq / samples);
        }

        /** sqrt(mean((error/σ)²)): 1 means the error is as large as the photon noise itself. */
        public double rmseOverSigma() {
            return samples == 0 || !hasNoise ? Double.NaN : Math.sqrt(sumSqNorm / samples);
        }

        /** PSNR in dB against the uint16 peak; +∞ when nothing changed. */
        public double psnr() {
            return Psnr.of(sumSq, samples, PEAK);
        }

        /** PSNR in dB against the source's own range (max − min), more telling for data far below the peak. */
        public double psnrRange() {
            return Psnr.of(sumSq, samples, Math.max(1, max - min));
        }

        public double ssim() {
            return ssimWindows == 0 ? Double.NaN : ssimSum / ssimWindows;
        }
    }
}
