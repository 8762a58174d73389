package org.photonzip.tools.generate;

/**
 * Everything that determines a synthetic stack: its shape, the seed, and the physical parameters of beam,
 * sample and detector. Two equal configs give identical stacks. Obtain one with {@link #of} (HEPS-like
 * defaults) or {@link #builder}.
 *
 * @param frames           projections, rotating the sample over 180°
 * @param height           rows per frame
 * @param width            columns per frame
 * @param seed             seed of every random choice
 * @param flats            open-beam frames (sample out)
 * @param darks            closed-shutter frames
 * @param openBeamAdu      expected value at the peak of the beam profile without sample, in ADU (dark included)
 * @param darkAdu          dark offset in ADU
 * @param gain             ADU per photo-electron
 * @param readNoiseAdu     standard deviation of the Gaussian read noise, in ADU
 * @param columnOffsetAdu  typical size (standard deviation) of the per-column fixed-pattern offset, in ADU
 * @param driftAmplitude   relative amplitude of the slow beam-intensity drift
 * @param topUps           number of top-up injections during the scan (-1: one per 100 frames, at least one)
 * @param topUpStep        typical relative step of the beam intensity at a top-up
 * @param phaseContrast    strength of the edge fringes (multiplies the Laplacian of the projected attenuation)
 * @param hotPixelFraction fraction of pixels that are stuck high in every frame
 * @param zingerFraction   fraction of pixels per frame hit by zingers
 */
public record GeneratorConfig(
        int frames,
        int height,
        int width,
        long seed,
        int flats,
        int darks,
        double openBeamAdu,
        double darkAdu,
        double gain,
        double readNoiseAdu,
        double columnOffsetAdu,
        double driftAmplitude,
        int topUps,
        double topUpStep,
        double phaseContrast,
        double hotPixelFraction,
        double zingerFraction) {

    public GeneratorConfig {
        check(frames >= 1, "frames", frames, "at least 1");
        check(height >= 1, "height", height, "at least 1");
        check(width >= 1, "width", width, "at least 1");
        // Frames are handled as one Java array.
        check(
                (long) height * width <= Integer.MAX_VALUE - 8,
                "frame size",
                (long) height * width,
                "at most 2^31 pixels per frame");
        check(flats >= 0, "flats", flats, "not negative");
        check(darks >= 0, "darks", darks, "not negative");
        check(darkAdu >= 0 && darkAdu < 65535, "dark", darkAdu, "in [0, 65535)");
        check(openBeamAdu > darkAdu, "open-beam level", openBeamAdu, "above the dark level");
        check(gain > 0 && Double.isFinite(gain), "gain", gain, "positive");
        check(readNoiseAdu >= 0 && Double.isFinite(readNoiseAdu), "read noise", readNoiseAdu, "not negative");
        check(columnOffsetAdu >= 0, "column offset", columnOffsetAdu, "not negative");
        check(driftAmplitude >= 0 && driftAmplitude < 0.5, "drift amplitude", driftAmplitude, "in [0, 0.5)");
        check(topUps >= -1, "top-ups", topUps, "-1 (automatic) or more");
        check(topUpStep >= 0 && topUpStep < 0.2, "top-up step", topUpStep, "in [0, 0.2)");
        check(phaseContrast >= 0, "phase contrast", phaseContrast, "not negative");
        check(
                hotPixelFraction >= 0 && hotPixelFraction <= 0.01,
                "hot-pixel fraction",
                hotPixelFraction,
                "in [0, 0.01]");
        check(zingerFraction >= 0 && zingerFraction <= 0.01, "zinger fraction", zingerFraction, "in [0, 0.01]");
    }

    /** HEPS-like defaults: flats ≈ 45,000 ADU, gain 1.5 ADU/e, read noise 2.5 ADU, dark 100 ADU. */
    public static GeneratorConfig of(int frames, int height, int width, long seed) {
        return builder().frames(frames).height(height).width(width).seed(seed).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.frames = frames;
        b.height = height;
        b.width = width;
        b.seed = seed;
        b.flats = flats;
        b.darks = darks;
        b.openBeamAdu = openBeamAdu;
        b.darkAdu = darkAdu;
        b.gain = gain;
        b.readNoiseAdu = readNoiseAdu;
        b.columnOffsetAdu = columnOffsetAdu;
        b.driftAmplitude = driftAmplitude;
        b.topUps = topUps;
        b.topUpStep = topUpStep;
        b.phaseContrast = phaseContrast;
        b.hotPixelFraction = hotPixelFraction;
        b.zingerFraction = zingerFraction;
        return b;
    }

    /** Top-up count actually used: {@link #topUps} or, when automatic, one per 100 frames. */
    public int effectiveTopUps() {
        return topUps >= 0 ? topUps : Math.max(1, frames / 100);
    }

    /** Expected photo-electrons at the peak of the open beam. */
    public double openBeamElectrons() {
        return (openBeamAdu - darkAdu) / gain;
    }

    private static void check(boolean ok, String what, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + what + ": " + value + " (must be " + rule + ")");
        }
    }

    /** Mutable builder starting from the defaults of a 64 × 256 × 256 stack with seed 1. */
    public static final class Builder {
        private int frames = 64;
        private int height = 256;
        private int width = 256;
        private long seed = 1;
        private int flats = 10;
        private int darks = 10;
        private double openBeamAdu = 45_000;
        private double darkAdu = 100;
        private double gain = 1.5;
        private double readNoiseAdu = 2.5;
        private double columnOffsetAdu = 8;
        private double driftAmplitude = 0.03;
        private int topUps = -1;
        private double topUpStep = 0.015;
        private double phaseContrast = 3.0;
        private double hotPixelFraction = 5e-5;
        private double zingerFraction = 1e-4;

        private Builder() {}

        public Builder frames(int v) {
            frames = v;
            return this;
        }

        public Builder height(int v) {
            height = v;
            return this;
        }

        public Builder width(int v) {
            width = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder flats(int v) {
            flats = v;
            return this;
        }

        public Builder darks(int v) {
            darks = v;
            return this;
        }

        public Builder openBeamAdu(double v) {
            openBeamAdu = v;
            return this;
        }

        public Builder darkAdu(double v) {
            darkAdu = v;
            return this;
        }

        public Builder gain(double v) {
            gain = v;
            return this;
        }

        public Builder readNoiseAdu(double v) {
            readNoiseAdu = v;
            return this;
        }

        public Builder columnOffsetAdu(double v) {
            columnOffsetAdu = v;
            return this;
        }

        public Builder driftAmplitude(double v) {
            driftAmplitude = v;
            return this;
        }

        public Builder topUps(int v) {
            topUps = v;
            return this;
        }

        public Builder topUpStep(double v) {
            topUpStep = v;
            return this;
        }

        public Builder phaseContrast(double v) {
            phaseContrast = v;
            return this;
        }

        public Builder hotPixelFraction(double v) {
            hotPixelFraction = v;
            return this;
        }

        public Builder zingerFraction(double v) {
            zingerFraction = v;
            return this;
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(
                    frames,
                    height,
                    width,
                    seed,
                    flats,
                    darks,
                    openBeamAdu,
                    darkAdu,
                    gain,
                    readNoiseAdu,
                    columnOffsetAdu,
                    driftAmplitude,
                    topUps,
                    topUpStep,
                    phaseContrast,
                    hotPixelFraction,
                    zingerFraction);
        }
    }
}
