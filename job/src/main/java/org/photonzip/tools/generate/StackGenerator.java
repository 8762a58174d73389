package org.photonzip.tools.generate;

import java.util.Objects;
import org.photonzip.source.StackSource;

/**
 * A synthetic synchrotron projection stack (HEPS-like), reproducible from its {@link GeneratorConfig}: a
 * rotating phantom with phase-contrast edges under a blemished, drifting beam, seen by a detector with photon
 * and read noise, column offsets, hot and saturated pixels and zingers.
 *
 * <p>Nothing is stored per frame: each frame is rendered on demand from (seed, frame index), so stacks of any
 * size stream frame by frame; same config, same bytes on any JVM. The static parts (flat field, column
 * offsets, phantom, beam history) cost one float per pixel plus a few per frame and column.
 *
 * <p>{@link #frame}, {@link #flat}, {@link #dark} and the expected-value methods are thread-safe. The
 * {@link StackSource} view renders whole frames and crops them; it caches the last frame rendered, so reading a
 * frame tile by tile renders it once, and is not thread-safe.
 */
public final class StackGenerator implements StackSource {
    private static final long STATIC_DOMAIN = 1;

    private final GeneratorConfig config;
    private final FrameRenderer renderer;
    private final DetectorDefects detector;
    private final BeamHistory beam;
    private final double[] anglesDegrees;
    private int cachedFrame = -1;
    private short[] cache;

    public StackGenerator(GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // One static stream, consumed in a fixed order: changing the order changes every stack.
        Rng rng = Rng.stream(config.seed(), STATIC_DOMAIN, 0);
        Phantom phantom = Phantom.random(rng);
        float[] flatField = FlatField.random(rng, config.height(), config.width());
        this.detector = DetectorDefects.random(rng, config);
        this.beam = BeamHistory.random(rng, config);
        this.anglesDegrees = new double[config.frames()];
        double[] radians = new double[config.frames()];
        for (int t = 0; t < config.frames(); t++) {
            anglesDegrees[t] = 180.0 * t / config.frames();
            radians[t] = Math.PI * t / config.frames();
        }
        this.renderer = new FrameRenderer(config, phantom, flatField, detector, beam, radians);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** Projection {@code t}: uint16 bit patterns, row-major (y, x), into {@code dst[0 .. height*width)}. */
    public void frame(int t, short[] dst) {
        checkIndex(t, config.frames(), "frame");
        renderer.render(FrameRenderer.Kind.PROJECTION, t, checkLength(dst), null);
    }

    /**
     * The noise-free expected value of projection {@code t} in ADU, before rounding and clipping: dark + column
     * offset + gain × expected electrons. Hot pixels and zingers are not in it.
     */
    public void expectedIntensity(int t, float[] dst) {
        checkIndex(t, config.frames(), "frame");
        renderer.render(FrameRenderer.Kind.PROJECTION, t, null, checkLength(dst));
    }

    /** Open-beam frame {@code i} (sample out), {@code 0 <= i < config().flats()}. */
    public void flat(int i, short[] dst) {
        checkIndex(i, config.flats(), "flat");
        renderer.render(FrameRenderer.Kind.FLAT, i, checkLength(dst), null);
    }

    /** The expected value of open-beam frame {@code i}, like {@link #expectedIntensity}. */
    public void expectedFlat(int i, float[] dst) {
        checkIndex(i, config.flats(), "flat");
        renderer.render(FrameRenderer.Kind.FLAT, i, null, checkLength(dst));
    }

    /** Closed-shutter frame {@code i}, {@code 0 <= i < config().darks()}. */
    public void dark(int i, short[] dst) {
        checkIndex(i, config.darks(), "dark");
        renderer.render(FrameRenderer.Kind.DARK, i, checkLength(dst), null);
    }

    /** Rotation angle of each projection in degrees: 180° × t / frames. */
    public double[] rotationAngles() {
        return anglesDegrees.clone();
    }

    /** Dark level plus fixed-pattern offset of each column, in ADU. */
    public double[] columnBase() {
        return detector.columnBase().clone();
    }

    /** Row-major indices (y × width + x) of the hot pixels, sorted. */
    public int[] hotPixels() {
        return detector.hotPixels();
    }

    /** Relative beam intensity during projection {@code t} (1 = nominal). */
    public double beamIntensity(int t) {
        checkIndex(t, config.frames(), "frame");
        return beam.projection(t);
    }

    /** Frames at which a top-up injection raised the beam intensity. */
    public int[] topUpFrames() {
        return beam.topUpFrames();
    }

    @Override
    public int frames() {
        return config.frames();
    }

    @Override
    public int height() {
        return config.height();
    }

    @Override
    public int width() {
        return config.width();
    }

    @Override
    public String description() {
        return "generated:" + config.frames() + "x" + config.height() + "x" + config.width() + ",seed=" + config.seed();
    }

    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) {
        int height = config.height(), width = config.width();
        if (t0 < 0
                || nt < 0
                || t0 + (long) nt > config.frames()
                || y0 < 0
                || h < 0
                || y0 + (long) h > height
                || x0 < 0
                || w < 0
                || x0 + (long) w > width) {
            throw new IndexOutOfBoundsException("Invalid block: frames [" + t0 + ", +" + nt + "), rows [" + y0 + ", +"
                    + h + "), columns [" + x0 + ", +" + w + ") of " + description());
        }
        if (dst.length < (long) nt * h * w) {
            throw new IllegalArgumentException("Invalid destination: length " + dst.length + " < " + (long) nt * h * w);
        }
        if (cache == null) {
            cache = new short[height * width];
        }
        for (int k = 0; k < nt; k++) {
            int t = t0 + k;
            if (t != cachedFrame) {
                cachedFrame = -1; // stays invalid if rendering throws
                frame(t, cache);
                cachedFrame = t;
            }
            for (int y = 0; y < h; y++) {
                System.arraycopy(cache, (y0 + y) * width + x0, dst, (k * h + y) * w, w);
            }
        }
    }

    @Override
    public void close() {
        cache = null;
        cachedFrame = -1;
    }

    private static void checkIndex(int i, int count, String what) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("Invalid " + what + " index: " + i + " (have " + count + ")");
        }
    }

    private <T> T checkLength(T dst) {
        int n = dst instanceof short[] s ? s.length : ((float[]) dst).length;
        if (n < config.height() * config.width()) {
            throw new IllegalArgumentException(
                    "Invalid destination: length " + n + " < " + config.height() * config.width());
        }
        return dst;
    }
}
