package org.photonzip.tools.generate;

import java.util.Arrays;

/**
 * The fixed pattern of the detector (dark level plus per-column offsets, hot pixels) and the zingers that
 * stray radiation leaves in individual frames.
 */
final class DetectorDefects {
    private static final int READOUT_BLOCK = 64;

    private final int height;
    private final int width;
    private final double[] columnBase;
    private final int[] hotIndex;
    private final short[] hotValue;

    private DetectorDefects(int height, int width, double[] columnBase, int[] hotIndex, short[] hotValue) {
        this.height = height;
        this.width = width;
        this.columnBase = columnBase;
        this.hotIndex = hotIndex;
        this.hotValue = hotValue;
    }

    static DetectorDefects random(Rng rng, GeneratorConfig cfg) {
        int w = cfg.width();
        double sigma = cfg.columnOffsetAdu();
        // Readout channels each serve a block of columns and add their own offset; single columns add theirs;
        // about 1 % of the columns are markedly off (several sigma), as on real sCMOS sensors.
        double[] block = new double[(w + READOUT_BLOCK - 1) / READOUT_BLOCK];
        for (int i = 0; i < block.length; i++) {
            block[i] = 0.6 * sigma * rng.nextGaussian();
        }
        double[] base = new double[w];
        for (int x = 0; x < w; x++) {
            double offset = block[x / READOUT_BLOCK] + 0.5 * sigma * rng.nextGaussian();
            if (rng.nextDouble() < 0.01) {
                offset += (rng.nextDouble() < 0.5 ? -1 : 1) * rng.uniform(3, 6) * sigma;
            }
            base[x] = cfg.darkAdu() + offset;
        }
        long pixels = (long) cfg.height() * w;
        int hot = (int) Math.round(cfg.hotPixelFraction() * pixels);
        if (hot == 0 && cfg.hotPixelFraction() > 0 && pixels >= 1024) {
            hot = 1; // small test frames get one too
        }
        int[] idx = new int[hot];
        for (int i = 0; i < hot; i++) {
            idx[i] = (int) ((rng.nextLong() >>> 1) % pixels);
        }
        idx = Arrays.stream(idx).sorted().distinct().toArray();
        short[] val = new short[idx.length];
        for (int i = 0; i < idx.length; i++) {
            // Half stuck at full scale, the rest at some fixed high level.
            val[i] = (short) (rng.nextDouble() < 0.5 ? 65535 : (int) rng.uniform(5000, 60000));
        }
        return new DetectorDefects(cfg.height(), w, base, idx, val);
    }

    /** Dark level plus the column's fixed-pattern offset, in ADU. */
    double[] columnBase() {
        return columnBase;
    }

    int[] hotPixels() {
        return hotIndex.clone();
    }

    void applyHotPixels(short[] frame) {
        for (int i = 0; i < hotIndex.length; i++) {
            frame[hotIndex[i]] = hotValue[i];
        }
    }

    /**
     * Adds zingers: isolated bright pixels and small clusters at random places, hitting about
     * {@code fraction} of the pixels. Bright enough to stand far above the photon noise; clipped at 65535.
     */
    void applyZingers(short[] frame, Rng rng, double fraction) {
        if (fraction <= 0) {
            return;
        }
        final double meanClusterPixels = 1.9;
        double mean = fraction * height * width / meanClusterPixels;
        int events = mean < 50
                ? rng.poisson(mean)
                : (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        for (int e = 0; e < events; e++) {
            int y = rng.nextInt(height);
            int x = rng.nextInt(width);
            double amplitude = rng.uniform(3000, 65535);
            hit(frame, y, x, amplitude);
            if (rng.nextDouble() < 0.45) {
                int extra = 1 + rng.nextInt(3);
                for (int k = 0; k < extra; k++) {
                    int dir = rng.nextInt(4);
                    int ny = y + (dir == 0 ? -1 : dir == 1 ? 1 : 0);
                    int nx = x + (dir == 2 ? -1 : dir == 3 ? 1 : 0);
                    if (ny >= 0 && ny < height && nx >= 0 && nx < width) {
                        hit(frame, ny, nx, amplitude * rng.uniform(0.2, 0.7));
                    }
                }
            }
        }
    }

    private void hit(short[] frame, int y, int x, double amplitude) {
        int i = y * width + x;
        int v = (frame[i] & 0xFFFF) + (int) amplitude;
        frame[i] = (short) Math.min(65535, v);
    }
}
