package org.photonzip.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn with JFreeChart and returned as PNG bytes. */
public final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private Charts() {}

    /**
     * Bits/pixel per spatial tile over the detector: {@code bpp[row][column]} of tiles whose top-left corners
     * are {@code y0[row]}, {@code x0[column]} and sizes {@code heights}, {@code widths}.
     */
    public static byte[] tileHeatMap(double[][] bpp, int[] y0, int[] heights, int[] x0, int[] widths) {
        return tileHeatMap(bpp, y0, heights, x0, widths, "Bits/pixel per tile over the detector");
    }

    /**
     * The same with {@code title}. The colour bar spans at least 0.1 bits/pixel, labelled in fixed decimals: one
     * flat block once gave a bar of 22 identical labels ({@code 1.012647E1}).
     */
    public static byte[] tileHeatMap(double[][] bpp, int[] y0, int[] heights, int[] x0, int[] widths, String title) {
        int cells = 0;
        for (double[] row : bpp) {
            cells += row.length;
        }
        double[][] xyz = new double[3][cells];
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        int k = 0;
        for (int r = 0; r < bpp.length; r++) {
            for (int c = 0; c < bpp[r].length; c++) {
                xyz[0][k] = x0[c] + widths[c] / 2.0;
                xyz[1][k] = y0[r] + heights[r] / 2.0;
                xyz[2][k] = bpp[r][c];
                lo = Math.min(lo, bpp[r][c]);
                hi = Math.max(hi, bpp[r][c]);
                k++;
            }
        }
        if (!(hi - lo >= 0.1)) {
            double mid = (hi + lo) / 2; // a scale of some length, whatever the magnitude
            lo = mid - 0.05;
            hi = mid + 0.05;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("bits/pixel", xyz);
        NumberAxis x = new NumberAxis("column (pixels)");
        NumberAxis y = new NumberAxis("row (pixels)");
        y.setInverted(true);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(widths.length == 0 ? 1 : widths[0]);
        renderer.setBlockHeight(heights.length == 0 ? 1 : heights[0]);
        PaintScale scale = new Viridis(lo, hi);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, plot);
        chart.removeLegend();
        NumberAxis legendAxis = new NumberAxis("bits/pixel");
        legendAxis.setRange(lo, hi);
        legendAxis.setNumberFormatOverride(QualityCharts.fixed(lo, hi));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        return png(chart);
    }

    /** Bits/pixel of each frame over the scan, one series per frame kind (projections, flats, darks). */
    public static byte[] framePlot(double[] bitsPerPixel, String[] kindOfFrame) {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> byKind = new java.util.LinkedHashMap<>();
        for (int t = 0; t < bitsPerPixel.length; t++) {
            String kind = kindOfFrame == null ? "frames" : kindOfFrame[t];
            byKind.computeIfAbsent(kind, n -> new XYSeries(n, true, false)).add(t, bitsPerPixel[t]);
        }
        byKind.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Bits/pixel per frame", "frame", "bits/pixel", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(byKind.size() == 1, byKind.size() > 1);
        for (int i = 0; i < byKind.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return png(chart);
    }

    /**
     * Histogram of residuals divided by their predicted scale, beside the distribution the model predicts for
     * them (a Laplace law of the same scale): where the bars leave the line, the model misjudges.
     */
    public static byte[] residualHistogram(double[] binCentres, double[] observed, double[] predicted) {
        XYSeries bars = new XYSeries("observed");
        XYSeries line = new XYSeries("model");
        for (int i = 0; i < binCentres.length; i++) {
            bars.add(binCentres[i], observed[i]);
            line.add(binCentres[i], predicted[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(bars);
        data.addSeries(line);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Residuals / predicted scale",
                "residual / scale",
                "fraction of samples",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShapesVisible(0, true);
        renderer.setSeriesShape(0, new java.awt.Rectangle(-3, -3, 6, 6));
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        chart.getXYPlot().setRenderer(renderer);
        return png(chart);
    }

    /** Seconds spent per stage (read, encode, write, verify, ...). */
    public static byte[] stageTimes(Map<String, Double> secondsByStage) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        secondsByStage.forEach((stage, seconds) -> data.addValue(seconds, "seconds", stage));
        JFreeChart chart = ChartFactory.createBarChart(
                "Time per stage", "stage", "seconds", data, PlotOrientation.HORIZONTAL, false, false, false);
        return png(chart);
    }

    static byte[] png(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof org.jfree.chart.plot.CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A perceptually uniform blue-green-yellow scale (after matplotlib's viridis), from five anchors. */
    private record Viridis(double lowerBound, double upperBound) implements PaintScale {
        private static final int[][] ANCHORS = {
            {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}
        };

        @Override
        public double getLowerBound() {
            return lowerBound;
        }

        @Override
        public double getUpperBound() {
            return upperBound;
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            double f = (value - lowerBound) / (upperBound - lowerBound);
            f = Math.max(0, Math.min(1, f)) * (ANCHORS.length - 1);
            int i = Math.min((int) f, ANCHORS.length - 2);
            double w = f - i;
            int[] a = ANCHORS[i];
            int[] b = ANCHORS[i + 1];
            return new Color(
                    (int) Math.round(a[0] + w * (b[0] - a[0])), (int) Math.round(a[1] + w * (b[1] - a[1])), (int)
                            Math.round(a[2] + w * (b[2] - a[2])));
        }
    }
}
