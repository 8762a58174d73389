package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReportPageTest {

    static ReportData sample() {
        double[][] grid = {{10.1, 10.3}, {9.9, 10.6}};
        double[] frames = new double[40];
        String[] kinds = new String[40];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = t == 0 ? 12.5 : 10 + 0.01 * t;
            kinds[t] = t < 5 ? "flat" : t < 10 ? "dark" : "projection";
        }
        int[] residual = new int[5000];
        float[] scale = new float[5000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < residual.length; i++) {
            scale[i] = 20;
            double u = r.nextDouble() - 0.5;
            residual[i] = (int) Math.round(-20 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u)));
        }
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("read", 1.5);
        stages.put("encode", 6.0);
        stages.put("write", 0.4);
        return new ReportData(
                "photonzip archive <scan 7>",
                List.of(new String[] {"bits/pixel", "10.23"}, new String[] {"ratio", "1.56"}),
                new ReportData.TileGrid(
                        grid, new int[] {0, 256}, new int[] {256, 256}, new int[] {0, 256}, new int[] {256, 256}),
                frames,
                kinds,
                ResidualHistogram.of(residual, scale, 0, residual.length),
                stages,
                null);
    }

    @Test
    void pageEmbedsEveryPlotAsAValidPngAndTheSummaryAsJson() throws IOException {
        String html = ReportPage.render(sample());
        Matcher m = Pattern.compile("<img id=\"([a-z-]+)\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage image =
                    ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertNotNull(image, m.group(1));
            assertEquals(Charts.WIDTH, image.getWidth());
            assertEquals(Charts.HEIGHT, image.getHeight());
            images++;
        }
        assertEquals(4, images);
        assertTrue(html.contains("&lt;scan 7&gt;"), "title escaped");
        assertTrue(html.contains("{\"bits/pixel\":\"10.23\",\"ratio\":\"1.56\"}"), "summary as JSON");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "self-contained, no remote resources");
    }

    @Test
    void histogramOfLaplaceResidualsFollowsTheModelLine() {
        ResidualHistogram h = sample().residuals();
        double observedTotal = 0;
        double worst = 0;
        for (int b = 0; b < h.centres().length; b++) {
            observedTotal += h.observed()[b];
            worst = Math.max(worst, Math.abs(h.observed()[b] - h.predicted()[b]));
        }
        assertTrue(observedTotal > 0.99, "nearly all residuals within ±8 scales");
        assertTrue(worst < 0.02, "Laplace residuals match the Laplace line, worst bin off by " + worst);
    }
}
