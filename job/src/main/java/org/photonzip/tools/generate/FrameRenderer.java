package org.photonzip.tools.generate;

import java.util.Arrays;

/**
 * The per-frame hot loop: expected photo-electrons from beam, flat field and sample, then detector noise,
 * offsets and defects. Every frame draws from its own random stream keyed by (seed, kind, index), so any
 * frame can be rendered alone, in any order, on any thread.
 */
final class FrameRenderer {
    /** Above this mean (electrons) Poisson noise is drawn from its normal approximation. */
    static final double NORMAL_APPROX_ELECTRONS = 30;

    enum Kind {
        PROJECTION(1),
        FLAT(2),
        DARK(3);

        final long noiseDomain;
        final long zingerDomain;

        Kind(long id) {
            this.noiseDomain = 100 + id;
            this.zingerDomain = 200 + id;
        }
    }

    private static final class Scratch {
        final float[] attenuation;
        final float[] transmission;
        final double[] electrons;

        Scratch(int height, int width, boolean projection) {
            attenuation = projection ? new float[height * width] : null;
            transmission = projection ? new float[height * width] : null;
            electrons = new double[width];
        }
    }

    private final GeneratorConfig cfg;
    private final Phantom phantom;
    private final float[] flat;
    private final DetectorDefects detector;
    private final BeamHistory beam;
    private final double[] angles;
    private final ThreadLocal<Scratch> projectionScratch;
    private final ThreadLocal<Scratch> plainScratch;

    FrameRenderer(
            GeneratorConfig cfg,
            Phantom phantom,
            float[] flat,
            DetectorDefects detector,
            BeamHistory beam,
            double[] anglesRadians) {
        this.cfg = cfg;
        this.phantom = phantom;
        this.flat = flat;
        this.detector = detector;
        this.beam = beam;
        this.angles = anglesRadians;
        this.projectionScratch = ThreadLocal.withInitial(() -> new Scratch(cfg.height(), cfg.width(), true));
        this.plainScratch = ThreadLocal.withInitial(() -> new Scratch(cfg.height(), cfg.width(), false));
    }

    /**
     * Renders frame {@code index} of {@code kind}: the noisy uint16 bit patterns into {@code counts} and/or the
     * noise-free expected ADU into {@code expected} (either may be null).
     */
    void render(Kind kind, int index, short[] counts, float[] expected) {
        int h = cfg.height(), w = cfg.width();
        Scratch s = (kind == Kind.PROJECTION ? projectionScratch : plainScratch).get();
        int[] region = kind == Kind.PROJECTION ? sampleTransmission(index, s) : null;
        double scale =
                switch (kind) {
                            case PROJECTION -> beam.projection(index);
                            case FLAT -> beam.flat(index);
                            case DARK -> 0;
                        }
                        * cfg.openBeamElectrons();
        Rng noise = counts == null ? null : Rng.stream(cfg.seed(), kind.noiseDomain, index);
        double[] base = detector.columnBase();
        double gain = cfg.gain();
        double gain2 = gain * gain;
        double rn = cfg.readNoiseAdu();
        double rn2 = rn * rn;
        double[] lam = s.electrons;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                lam[x] = scale * flat[row + x];
            }
            if (region != null && y >= region[0] && y < region[1]) {
                float[] t = s.transmission;
                for (int x = region[2]; x < region[3]; x++) {
                    lam[x] *= t[row + x];
                }
            }
            if (expected != null) {
                for (int x = 0; x < w; x++) {
                    expected[row + x] = (float) (base[x] + gain * lam[x]);
                }
            }
            if (counts != null) {
                for (int x = 0; x < w; x++) {
                    double l = lam[x];
                    double v;
                    if (l > NORMAL_APPROX_ELECTRONS) {
                        v = base[x] + gain * l + Math.sqrt(gain2 * l + rn2) * noise.nextGaussian();
                    } else {
                        v = base[x] + gain * noise.poisson(l) + rn * noise.nextGaussian();
                    }
                    double r = Math.floor(v + 0.5);
                    counts[row + x] = (short) (r <= 0 ? 0 : r >= 65535 ? 65535 : (int) r);
                }
            }
        }
        if (counts != null) {
            detector.applyZingers(counts, Rng.stream(cfg.seed(), kind.zingerDomain, index), cfg.zingerFraction());
            detector.applyHotPixels(counts);
        }
    }

    /** Fills {@code s.transmission} inside the returned region; outside it the sample transmits fully. */
    private int[] sampleTransmission(int t, Scratch s) {
        int h = cfg.height(), w = cfg.width();
        Arrays.fill(s.attenuation, 0f);
        int[] touched = phantom.project(angles[t], s.attenuation, h, w);
        if (touched == null) {
            return null;
        }
        int m = EdgeOptics.MARGIN;
        int[] region = {
            Math.max(0, touched[0] - m),
            Math.min(h, touched[1] + m),
            Math.max(0, touched[2] - m),
            Math.min(w, touched[3] + m)
        };
        EdgeOptics.transmission(s.attenuation, s.transmission, region, w, cfg.phaseContrast());
        return region;
    }
}
