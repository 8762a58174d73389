package org.photonzip.tools.generate;

/**
 * The open-beam illumination relative to its nominal peak: a Gaussian vertical beam profile with slow
 * ripples (monochromator and scintillator structure), a few bright spots that push the detector into
 * saturation, dust specks and scratches of reduced transmission. Static over a scan.
 *
 * <p>Built separably and only inside each blemish's bounding box, so a 10K × 10K field costs little more
 * than writing it.
 */
final class FlatField {
    private FlatField() {}

    /** The field, height × width row-major, about 1 at the profile peak away from blemishes. */
    static float[] random(Rng rng, int height, int width) {
        double[] gy = new double[height];
        double yc = rng.uniform(-0.05, 0.05);
        double sigma = rng.uniform(0.5, 0.6);
        double stripePeriod = height / rng.uniform(4.0, 7.0);
        double stripePhase = rng.uniform(0, 2 * Math.PI);
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height - 0.5 - yc;
            gy[y] = StrictMath.exp(-0.5 * v * v / (sigma * sigma))
                    * (1 + 0.015 * StrictMath.sin(2 * Math.PI * y / stripePeriod + stripePhase));
        }
        double[] gx = new double[width];
        double p1 = width / rng.uniform(3.0, 4.5);
        double p2 = width / rng.uniform(9.0, 14.0);
        double f1 = rng.uniform(0, 2 * Math.PI);
        double f2 = rng.uniform(0, 2 * Math.PI);
        for (int x = 0; x < width; x++) {
            gx[x] = 1
                    + 0.02 * StrictMath.sin(2 * Math.PI * x / p1 + f1)
                    + 0.01 * StrictMath.sin(2 * Math.PI * x / p2 + f2);
        }
        float[] flat = new float[height * width];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                flat[row + x] = (float) (gy[y] * gx[x]);
            }
        }
        addHotSpots(rng, flat, height, width);
        int dust = Math.max(2, (int) Math.round(12.0 * height * width / (1 << 20)));
        for (int i = 0; i < dust; i++) {
            addDust(rng, flat, height, width);
        }
        int scratches = (long) height * width > (1 << 18) ? 2 : 1;
        for (int i = 0; i < scratches; i++) {
            addScratch(rng, flat, height, width);
        }
        return flat;
    }

    /**
     * Bright Gaussian spots beside the sample (the capillary covers the central 60 % of the columns) whose
     * peak reaches 1.5–1.65 × nominal: with flats at ~45,000 ADU their cores clip at 65535.
     */
    private static void addHotSpots(Rng rng, float[] flat, int height, int width) {
        for (int i = 0; i < 3; i++) {
            double side = (i % 2 == 0) ? 1 : -1;
            double cx = (0.5 + side * rng.uniform(0.36, 0.44)) * width;
            double cy = (0.5 + rng.uniform(-0.2, 0.2)) * height;
            double s = rng.uniform(0.01, 0.025) * Math.min(height, width) + 1.0;
            int x0 = Math.max(0, (int) (cx - 4 * s)), x1 = Math.min(width - 1, (int) (cx + 4 * s));
            int y0 = Math.max(0, (int) (cy - 4 * s)), y1 = Math.min(height - 1, (int) (cy + 4 * s));
            int ix = Math.min(width - 1, Math.max(0, (int) cx));
            int iy = Math.min(height - 1, Math.max(0, (int) cy));
            double base = flat[iy * width + ix];
            double gainAtPeak = rng.uniform(1.5, 1.65) / base - 1;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                    flat[y * width + x] *=
                            (float) (1 + gainAtPeak * StrictMath.exp(-0.5 * (dx * dx + dy * dy) / (s * s)));
                }
            }
        }
    }

    /** A soft-edged disc of reduced transmission. */
    private static void addDust(Rng rng, float[] flat, int height, int width) {
        double cx = rng.uniform(0, width), cy = rng.uniform(0, height);
        double r = rng.uniform(1.5, 6.0);
        double depth = rng.uniform(0.03, 0.25);
        int x0 = Math.max(0, (int) (cx - r - 2)), x1 = Math.min(width - 1, (int) (cx + r + 2));
        int y0 = Math.max(0, (int) (cy - r - 2)), y1 = Math.min(height - 1, (int) (cy + r + 2));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double d = Math.sqrt(dx * dx + dy * dy);
                double cover = Math.min(1, Math.max(0, (r + 1 - d) / 2)); // linear fade over 2 px
                flat[y * width + x] *= (float) (1 - depth * cover);
            }
        }
    }

    /** A thin straight line of slightly reduced transmission. */
    private static void addScratch(Rng rng, float[] flat, int height, int width) {
        double ax = rng.uniform(0, width), ay = rng.uniform(0, height);
        double angle = rng.uniform(0, Math.PI);
        double length = rng.uniform(0.1, 0.4) * width;
        double ux = StrictMath.cos(angle), uy = StrictMath.sin(angle);
        double depth = rng.uniform(0.03, 0.08);
        double bx = ax + ux * length, by = ay + uy * length;
        int x0 = Math.max(0, (int) Math.min(ax, bx) - 2), x1 = Math.min(width - 1, (int) Math.max(ax, bx) + 2);
        int y0 = Math.max(0, (int) Math.min(ay, by) - 2), y1 = Math.min(height - 1, (int) Math.max(ay, by) + 2);
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5 - ax, py = y + 0.5 - ay;
                double along = px * ux + py * uy;
                if (along < 0 || along > length) {
                    continue;
                }
                double across = Math.abs(-px * uy + py * ux);
                if (across < 1) {
                    flat[y * width + x] *= (float) (1 - depth * (1 - across));
                }
            }
        }
    }
}
