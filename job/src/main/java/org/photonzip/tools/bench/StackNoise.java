package org.photonzip.tools.bench;

import java.io.IOException;
import java.util.Optional;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.codec.bound.NoiseModelFit;
import org.apache.hadoop.conf.Configuration;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;

/**
 * The noise model of a stack for the bench: from flats and darks when given or found beside the dataset
 * ({@code flats}/{@code darks} or Data Exchange's {@code data_white}/{@code data_dark} in the same HDF5
 * group), else from the projections' temporal second differences.
 *
 * @param model  the fitted model, or null when none could be fitted
 * @param origin where it came from, for the report
 */
public record StackNoise(NoiseModel model, String origin) {
    private static final long MAX_SAMPLES = 16L << 20;
    private static final String[][] SIBLINGS = {{"flats", "darks"}, {"data_white", "data_dark"}};

    /** Fits the noise of {@code source} (the stack {@code spec}); {@code flats}/{@code darks} may be null. */
    public static StackNoise fit(String spec, StackSource source, int maxFrames, String flats, String darks)
            throws IOException {
        if (flats == null && darks == null) {
            String[] found = siblings(spec);
            if (found != null) {
                flats = found[0];
                darks = found[1];
            }
        }
        if (flats != null && darks != null) {
            try (StackSource f = StackSources.open(flats); StackSource d = StackSources.open(darks)) {
                FrameBlock fb = FrameBlock.read(f, f.frames());
                FrameBlock db = FrameBlock.read(d, d.frames());
                if (fb.pixels() == db.pixels()) {
                    Optional<NoiseModel> m = NoiseModelFit.fromFlatsAndDarks(fb.samples, fb.frames, db.samples,
                            db.frames, fb.pixels());
                    if (m.isPresent()) {
                        return new StackNoise(m.get(), "flats " + flats + ", darks " + darks);
                    }
                }
            }
        }
        int frames = maxFrames > 0 ? Math.min(maxFrames, source.frames()) : source.frames();
        FrameBlock p = FrameBlock.read(source, frames);
        return NoiseModelFit.fromStack(p.samples, p.frames, source.height(), source.width())
                .map(m -> new StackNoise(m, "temporal second differences of " + p.frames + " frames"))
                .orElse(new StackNoise(null, "none (no usable flats/darks or projections)"));
    }

    /** {@code [flats spec, darks spec]} of datasets beside an HDF5 spec's dataset, or null. */
    private static String[] siblings(String spec) {
        StackSpec s = StackSpec.parse(spec);
        if (s.dataset() == null || s.dataset().lastIndexOf('/') < 0) {
            return null;
        }
        Configuration conf = HadoopFiles.newConfiguration();
        String group = s.dataset().substring(0, s.dataset().lastIndexOf('/'));
        for (String[] names : SIBLINGS) {
            String f = group + "/" + names[0];
            String d = group + "/" + names[1];
            if (!f.equals(s.dataset()) && StackSources.hasDataset(s.path(), f, conf)
                    && StackSources.hasDataset(s.path(), d, conf)) {
                return new String[] {s.path() + ":" + f, s.path() + ":" + d};
            }
        }
        return null;
    }

    /** The first frames of a source, as many as fit {@link #MAX_SAMPLES}. */
    private record FrameBlock(short[] samples, int frames, int pixels) {
        static FrameBlock read(StackSource s, int available) throws IOException {
            int plane = s.height() * s.width();
            int n = (int) Math.max(Math.min(3, available), Math.min(available, MAX_SAMPLES / Math.max(1, plane)));
            short[] samples = new short[n * plane];
            s.read(0, n, 0, s.height(), 0, s.width(), samples);
            return new FrameBlock(samples, n, plane);
        }
    }
}
