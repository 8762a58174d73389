package org.photonzip.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Frames as PNG pictures: grey levels between robust limits, or a diverging map for signed residuals. */
public final class FrameImages {
    private FrameImages() {}

    /** Grey image of {@code v} (height × width), black at the 0.5th and white at the 99.5th percentile. */
    public static BufferedImage grey(double[] v, int height, int width) {
        double[] lim = percentiles(v, 0.005, 0.995);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < v.length; i++) {
            int g = level(v[i], lim[0], lim[1]);
            img.setRGB(i % width, i / width, g << 16 | g << 8 | g);
        }
        return img;
    }

    /** Blue (negative) to white (zero) to red (positive), symmetric about zero at the 99.5th |v| percentile. */
    public static BufferedImage diverging(double[] v, int height, int width) {
        double[] abs = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            abs[i] = Math.abs(v[i]);
        }
        double lim = Math.max(1e-9, percentiles(abs, 0.995, 0.995)[0]);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < v.length; i++) {
            double f = Math.max(-1, Math.min(1, v[i] / lim));
            int fade = (int) Math.round(255 * (1 - Math.abs(f)));
            int rgb = f >= 0 ? 255 << 16 | fade << 8 | fade : fade << 16 | fade << 8 | 255;
            img.setRGB(i % width, i / width, rgb);
        }
        return img;
    }

    public static void write(BufferedImage img, Path png) throws IOException {
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("Cannot write " + png + ": no PNG writer");
        }
    }

    private static int level(double v, double lo, double hi) {
        double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        return (int) Math.round(255 * Math.max(0, Math.min(1, f)));
    }

    private static double[] percentiles(double[] v, double a, double b) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return new double[] {s[(int) Math.floor(a * (s.length - 1))], s[(int) Math.floor(b * (s.length - 1))]};
    }
}
