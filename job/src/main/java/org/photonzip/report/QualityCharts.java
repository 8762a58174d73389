package org.photonzip.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The plots of the bounded-archive section ({@link QualityData}), as PNG bytes. */
public final class QualityCharts {
    private QualityCharts() {}

    /** One or more per-frame series against the frame index; non-finite values are left out. */
    public static byte[] perFrame(String title, String axis, String[] names, double[]... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < series.length; s++) {
            XYSeries xy = new XYSeries(names[s], true, false);
            for (int t = 0; t < series[s].length; t++) {
                if (Double.isFinite(series[s][t])) {
                    xy.add(t, series[s][t]);
                }
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "frame", axis, data, PlotOrientation.VERTICAL, series.length > 1, false, false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < series.length; s++) {
            r.setSeriesStroke(s, new BasicStroke(1.2f));
        }
        chart.getXYPlot().setRenderer(r);
        NumberAxis range = (NumberAxis) chart.getXYPlot().getRangeAxis();
        range.setAutoRangeIncludesZero(false);
        range.setNumberFormatOverride(fixed(data.getRangeLowerBound(false), data.getRangeUpperBound(false)));
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setNumberFormatOverride(fixed(0, 1000));
        return Charts.png(chart);
    }

    /**
     * Fixed decimals enough to tell ticks over [lo, hi] apart (an SSIM axis from 0.99901 to 0.99909 reads
     * 0.99902, not 9.99020E-1), at most 8.
     */
    static java.text.NumberFormat fixed(double lo, double hi) {
        double span = Double.isFinite(hi - lo) && hi > lo ? hi - lo : Math.max(1e-8, Math.abs(hi));
        int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(span / 10))));
        java.text.DecimalFormat f = new java.text.DecimalFormat(
                decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        f.setGroupingUsed(false);
        return f;
    }

    /** Observed fractions (squares) against the uniform-quantisation expectation (line). */
    public static byte[] histogram(QualityData.Histogram h) {
        XYSeries obs = new XYSeries("observed");
        XYSeries exp = new XYSeries("uniform quantisation");
        for (int i = 0; i < h.centres().length; i++) {
            obs.add(h.centres()[i], h.observed()[i]);
            exp.add(h.centres()[i], h.expected()[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(obs);
        data.addSeries(exp);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Error / (bound + ½) against uniform quantisation",
                "error / (δ + ½)   (beyond ±1: over the bound)",
                "fraction of samples",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShape(0, new java.awt.Rectangle(-3, -3, 6, 6));
        r.setSeriesShapesVisible(1, false);
        r.setSeriesStroke(1, new BasicStroke(2f));
        chart.getXYPlot().setRenderer(r);
        return Charts.png(chart);
    }

    /** Radially averaged power, log scale: flat for white error. */
    public static byte[] spectrum(QualityData.Spectrum s) {
        XYSeries xy = new XYSeries("error power");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < s.frequency().length; i++) {
            if (s.power()[i] > 0) {
                xy.add(s.frequency()[i], s.power()[i]);
                lo = Math.min(lo, s.power()[i]);
                hi = Math.max(hi, s.power()[i]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(
                        java.util.Locale.ROOT, "Error power spectrum (flatness %.3f: %s)", s.flatness(), s.verdict()),
                "radial frequency (cycles/pixel)",
                "power",
                new XYSeriesCollection(xy),
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        if (xy.getItemCount() > 0) {
            LogAxis log = new LogAxis("power (counts²)");
            log.setSmallestValue(1e-6);
            if (hi < lo * 1.001) {
                // One ring, or rings of one power: the axis's own range would have no length where the power is
                // large (a margin of 1e-8 vanishes beside 1e10), which the library refuses. A decade either side.
                double lower = Math.max(lo / 10, log.getSmallestValue());
                log.setRange(lower, Math.max(hi * 10, lower * 100));
            }
            chart.getXYPlot().setRangeAxis(log);
        }
        return Charts.png(chart);
    }

    /**
     * The source's reconstruction beside restored − source, the latter on a diverging scale centred on 0 out to
     * its own largest |difference| (which the caption gives in σ_rec, the reconstruction's noise), so that a
     * difference far below the noise is still seen, and how far below it is read off the colour bar.
     */
    public static byte[] reconstruction(QualityData.ReconstructionImage img) {
        int n = img.size();
        int scale = Math.max(1, 400 / n);
        int side = n * scale;
        double lim = 0;
        for (double d : img.difference()) {
            lim = Math.max(lim, Math.abs(d));
        }
        lim = Math.max(lim, 1e-12);
        double sigma = Math.max(img.sigmaRec(), 1e-12);
        BufferedImage out = new BufferedImage(2 * side + 30, side + 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(FrameImages.grey(img.source(), n, n), 0, 30, side, side, null);
        g.drawImage(fixedDiverging(img.difference(), n, n, lim), side + 30, 30, side, side, null);
        g.setColor(Color.BLACK);
        g.drawString("row " + img.row() + ": source reconstruction", 4, 18);
        g.drawString("restored − source (colour: ±its max |difference|)", side + 34, 18);
        colourBar(g, side + 30, side + 40, side, lim / sigma, "σ_rec");
        g.dispose();
        return png(out);
    }

    /**
     * Restored − source over a window of one frame, on ±the archive's largest bound (white 0, red +, blue −):
     * errors as the codec made them, within the bound by construction.
     */
    public static byte[] errorWindow(QualityData.ErrorWindow w) {
        int scale = Math.max(1, 400 / Math.max(w.height(), w.width()));
        int ih = w.height() * scale;
        int iw = w.width() * scale;
        BufferedImage out = new BufferedImage(Math.max(iw, 420), ih + 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(fixedDiverging(w.difference(), w.height(), w.width(), w.bound()), 0, 30, iw, ih, null);
        g.setColor(Color.BLACK);
        g.drawString(
                String.format(
                        java.util.Locale.ROOT,
                        "restored − source, frame %d, rows %d–%d, columns %d–%d",
                        w.frame(),
                        w.y0(),
                        w.y0() + w.height() - 1,
                        w.x0(),
                        w.x0() + w.width() - 1),
                4,
                18);
        colourBar(g, 0, ih + 40, Math.max(iw, 420), w.bound(), "counts (± the largest bound)");
        g.dispose();
        return png(out);
    }

    /** A horizontal blue–white–red bar for −lim..lim at (x, y), labelled at both ends and 0 in fixed decimals. */
    static void colourBar(Graphics2D g, int x, int y, int width, double lim, String unit) {
        int bar = Math.max(60, width - 20);
        double[] ramp = new double[bar];
        for (int i = 0; i < bar; i++) {
            ramp[i] = -1 + 2.0 * i / (bar - 1);
        }
        g.drawImage(fixedDiverging(ramp, 1, bar, 1), x + 10, y, bar, 12, null);
        g.setColor(Color.BLACK);
        g.drawRect(x + 10, y, bar, 12);
        java.text.NumberFormat f = lim >= 1 && lim == Math.rint(lim) ? fixed(0, 1000) : fixed(0, lim);
        String hi = "+" + f.format(lim);
        g.drawString("−" + f.format(lim), x + 10, y + 28);
        g.drawString("0", x + 10 + bar / 2 - 3, y + 28);
        g.drawString(hi, x + 10 + bar - g.getFontMetrics().stringWidth(hi), y + 28);
        g.drawString(unit, x + 10 + bar / 2 - g.getFontMetrics().stringWidth(unit) / 2, y + 40);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Blue (−lim) to white (0) to red (+lim), clipped: one scale for every archive, unlike a percentile one. */
    static BufferedImage fixedDiverging(double[] v, int height, int width, double lim) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < v.length; i++) {
            double f = Math.max(-1, Math.min(1, v[i] / lim));
            int fade = (int) Math.round(255 * (1 - Math.abs(f)));
            img.setRGB(i % width, i / width, f >= 0 ? 255 << 16 | fade << 8 | fade : fade << 16 | fade << 8 | 255);
        }
        return img;
    }
}
