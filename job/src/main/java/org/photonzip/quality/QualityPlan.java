package org.photonzip.quality;

import org.photonzip.source.ScanGeometry;

/**
 * What a quality pass looks at besides per-frame figures: the sinogram rows reconstructed, the frames whose
 * error spectrum is taken and the window it is taken in, and which frames are projections, flats and darks.
 * Large scans are thinned so the pass stays within a few hundred MB: sinograms keep at most
 * {@value #MAX_ANGLES} projections (evenly spaced) and {@value #MAX_COLUMNS} detector columns (neighbours
 * summed into wider pixels), and the spectrum window is at most {@value #MAX_WINDOW} pixels square.
 */
public record QualityPlan(
        int frames,
        int height,
        int width,
        int[] rows,
        int[] projections,
        boolean[] flat,
        boolean[] dark,
        int[] spectrumFrames,
        int windowY0,
        int windowHeight,
        int windowX0,
        int windowWidth,
        int columnBin)
        implements ScanGeometry.Sampling {
    static final int MAX_ANGLES = 2048;
    static final int MAX_COLUMNS = 512;
    static final int MAX_WINDOW = 512;
    static final int SPECTRUM_FRAMES = 4;

    /**
     * The default plan: rows at ¼, ½ and ¾ of the height, projections as {@code kinds} says (null: every frame;
     * "projection", "flat", "dark" as in NeXus {@code image_key}).
     */
    public static QualityPlan of(int frames, int height, int width, String[] kinds) {
        int[] rows = java.util.stream.IntStream.of(height / 4, height / 2, 3 * height / 4)
                .distinct()
                .toArray();
        boolean[] flat = new boolean[frames];
        boolean[] dark = new boolean[frames];
        int projections = 0;
        for (int t = 0; t < frames; t++) {
            String k = kinds == null ? "projection" : kinds[t];
            flat[t] = "flat".equals(k);
            dark[t] = "dark".equals(k);
            projections += "projection".equals(k) ? 1 : 0;
        }
        int step = Math.max(1, (projections + MAX_ANGLES - 1) / MAX_ANGLES);
        int[] proj = new int[(projections + step - 1) / step];
        int seen = 0;
        int j = 0;
        for (int t = 0; t < frames; t++) {
            if (kinds == null || "projection".equals(kinds[t])) {
                if (seen++ % step == 0) {
                    proj[j++] = t;
                }
            }
        }
        int n = Math.min(SPECTRUM_FRAMES, proj.length);
        int[] spectrum = new int[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = proj[(int) ((i + 0.5) * proj.length / n)];
        }
        int wh = Math.min(height, MAX_WINDOW);
        int ww = Math.min(width, MAX_WINDOW);
        int bin = (width + MAX_COLUMNS - 1) / MAX_COLUMNS;
        return new QualityPlan(
                frames,
                height,
                width,
                rows,
                proj,
                flat,
                dark,
                spectrum,
                (height - wh) / 2,
                wh,
                (width - ww) / 2,
                ww,
                bin);
    }

    /** Detector columns of the sinograms after binning. */
    public int sinogramWidth() {
        return width / columnBin;
    }
}
