package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.bound.NoiseModelFit;

/**
 * The one noise fit: compress (for {@code --noise-bound}) and bench (for its {@code photonzip-kK} rows) fit a
 * scan's noise model here, by the same rules, so both bound the same scan by the same σ; the report reads the
 * model the archive recorded. It runs on the driver and takes the first source that works: (1) flat and dark frames inside
 * the stack (NeXus {@code image_key} 1 and 2), (2) flats and darks datasets beside the stack
 * ({@code flats}/{@code darks}, Data Exchange {@code data_white}/{@code data_dark}), (3) temporal second
 * differences of consecutive projections from the middle of the scan. At most {@value #FRAMES} frames of each
 * kind and a centred window of at most {@value #WINDOW}² pixels are read, so the fit costs a few MB whatever
 * the detector.
 *
 * @param model  the model, or null when no source gave a usable fit
 * @param origin where it came from, in words (for the summary and info)
 */
public record ScanNoise(NoiseModel model, String origin) {
    static final int FRAMES = 32;
    static final int WINDOW = 512;
    private static final String[][] SIBLINGS = {{"flats", "darks"}, {"data_white", "data_dark"}};

    /** The noise of the stack {@code spec} names, as compress fits it: the whole dataset, any frame range aside. */
    public static ScanNoise fit(StackSpec spec, Configuration conf) throws IOException {
        try (InputStack input = InputStack.open(spec.path(), spec.dataset(), conf)) {
            return fit(input, conf);
        }
    }

    /**
     * The noise from flat and dark fields given as stacks of their own (bench's {@code --flats}/{@code --darks}),
     * with the same frame count and window as the fields of a scan; null when they give no usable fit or differ
     * in frame size.
     */
    public static ScanNoise fromFields(StackSource flats, StackSource darks, String origin) throws IOException {
        if (flats.height() != darks.height() || flats.width() != darks.width()) {
            return null;
        }
        int h = Math.min(WINDOW, flats.height());
        int w = Math.min(WINDOW, flats.width());
        int y0 = (flats.height() - h) / 2;
        int x0 = (flats.width() - w) / 2;
        int nf = Math.min(FRAMES, flats.frames());
        int nd = Math.min(FRAMES, darks.frames());
        short[] f = new short[nf * h * w];
        short[] d = new short[nd * h * w];
        flats.read(0, nf, y0, h, x0, w, f);
        darks.read(0, nd, y0, h, x0, w, d);
        return NoiseModelFit.fromFlatsAndDarks(f, nf, d, nd, h * w)
                .map(m -> new ScanNoise(m, origin))
                .orElse(null);
    }

    public static ScanNoise fit(InputStack input, Configuration conf) throws IOException {
        StackDescriptor s = input.descriptor();
        int h = Math.min(WINDOW, s.height());
        int w = Math.min(WINDOW, s.width());
        int y0 = (s.height() - h) / 2;
        int x0 = (s.width() - w) / 2;
        HdfFile hdf = input.hdf();
        String[] kinds = hdf == null ? null : FrameKinds.fromFile(hdf, s.frames());
        try (SlabReader reader = SlabReader.open(s, conf, null)) {
            if (kinds != null) {
                Optional<NoiseModel> m = NoiseModelFit.fromFlatsAndDarks(
                        frames(reader, kinds, "flat", y0, h, x0, w),
                        count(kinds, "flat"),
                        frames(reader, kinds, "dark", y0, h, x0, w),
                        count(kinds, "dark"),
                        h * w);
                if (m.isPresent()) {
                    return new ScanNoise(m.get(), "flat and dark frames of the stack (image_key)");
                }
            }
            if (hdf != null) {
                ScanNoise sibling = siblings(hdf, s, y0, h, x0, w);
                if (sibling != null) {
                    return sibling;
                }
            }
            int n = Math.min(FRAMES, s.frames());
            int t0 = Math.max(0, firstProjectionRun(kinds, s.frames(), n));
            short[] block = new short[n * h * w];
            read(reader, t0, n, y0, h, x0, w, block, 0);
            return NoiseModelFit.fromStack(block, n, h, w)
                    .map(m -> new ScanNoise(
                            m,
                            String.format(Locale.ROOT, "temporal second differences of frames %d..%d", t0, t0 + n - 1)))
                    .orElse(new ScanNoise(null, "none: no flats and darks, and the projections gave no usable fit"));
        }
    }

    private static int count(String[] kinds, String kind) {
        int n = 0;
        for (String k : kinds) {
            n += kind.equals(k) ? 1 : 0;
        }
        return Math.min(FRAMES, n);
    }

    private static short[] frames(SlabReader reader, String[] kinds, String kind, int y0, int h, int x0, int w)
            throws IOException {
        short[] out = new short[count(kinds, kind) * h * w];
        int k = 0;
        for (int t = 0; t < kinds.length && k < count(kinds, kind); t++) {
            if (kind.equals(kinds[t])) {
                read(reader, t, 1, y0, h, x0, w, out, k++ * h * w);
            }
        }
        return out;
    }

    /** Where {@code n} consecutive projections start in the middle of the scan (0 without image_key). */
    private static int firstProjectionRun(String[] kinds, int frames, int n) {
        if (kinds == null) {
            return (frames - n) / 2;
        }
        for (int start = (frames - n) / 2, step = 0; step < frames; step++) {
            int t = (start + step) % Math.max(1, frames - n + 1);
            boolean ok = true;
            for (int i = t; i < t + n && ok; i++) {
                ok = "projection".equals(kinds[i]);
            }
            if (ok) {
                return t;
            }
        }
        return (frames - n) / 2;
    }

    private static void read(SlabReader reader, int t0, int n, int y0, int h, int x0, int w, short[] dst, int at)
            throws IOException {
        reader.read(
                t0,
                n,
                y0,
                h,
                x0,
                w,
                (t, y, x, src, off, len) ->
                        System.arraycopy(src, off, dst, at + ((t - t0) * h + (y - y0)) * w + (x - x0), len));
    }

    private static ScanNoise siblings(HdfFile hdf, StackDescriptor s, int y0, int h, int x0, int w) {
        String path = s.datasetPath();
        String group = path.lastIndexOf('/') > 0 ? path.substring(0, path.lastIndexOf('/')) : "";
        for (String[] names : SIBLINGS) {
            int[][][] flats = field(hdf, group + "/" + names[0], s, y0, h, x0, w);
            int[][][] darks = field(hdf, group + "/" + names[1], s, y0, h, x0, w);
            if (flats != null && darks != null) {
                Optional<NoiseModel> m = NoiseModelFit.fromFlatsAndDarks(flats, darks);
                if (m.isPresent()) {
                    return new ScanNoise(m.get(), "datasets " + group + "/" + names[0] + " and " + names[1]);
                }
            }
        }
        return null;
    }

    /** Up to FRAMES frames of a (n, H, W) integer dataset, the window only; null when absent or unfit. */
    private static int[][][] field(HdfFile hdf, String path, StackDescriptor s, int y0, int h, int x0, int w) {
        try {
            Node node = hdf.getByPath(path);
            if (!(node instanceof Dataset d)
                    || d.getDimensions().length != 3
                    || d.getDimensions()[1] != s.height()
                    || d.getDimensions()[2] != s.width()) {
                return null;
            }
            int n = Math.min(FRAMES, d.getDimensions()[0]);
            Object data = d.getData(new long[] {0, y0, x0}, new int[] {n, h, w});
            return data instanceof int[][][] ints ? ints : null;
        } catch (RuntimeException e) {
            return null; // absent, or a type the fit does not take (float flats): the next source is tried
        }
    }
}
