package org.photonzip.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.Tile;
import org.photonzip.codec.TileInspector;
import org.photonzip.source.FrameKinds;
import org.photonzip.tiles.TileCompressor;

/**
 * An archive's {@code report.html} and the per-frame and per-stage figures it draws on ({@code frames.csv},
 * {@code stages.csv}, written next to the manifest). Written by {@code compress} before the commit and again
 * by {@code report}.
 */
public final class ArchiveReport {
    public static final String HTML = org.photonzip.archive.ArchiveLayout.REPORT;
    public static final String FRAMES = "frames.csv";
    public static final String STAGES = "stages.csv";

    private ArchiveReport() {}

    /** The page's content. {@code sample} is one decoded tile for the residual histogram, or null. */
    public static ReportData data(
            org.photonzip.archive.Summary summary,
            String root,
            long packs,
            List<TileRow> rows,
            double[] frameBitsPerPixel,
            String[] frameKinds,
            Map<String, Double> stages,
            Tile sample,
            TileCompressor codec) {
        return data(summary, root, packs, rows, frameBitsPerPixel, frameKinds, stages, sample, codec, null);
    }

    /** As above, with the section on what the error bound changed ({@code quality}, null when lossless). */
    public static ReportData data(
            org.photonzip.archive.Summary summary,
            String root,
            long packs,
            List<TileRow> rows,
            double[] frameBitsPerPixel,
            String[] frameKinds,
            Map<String, Double> stages,
            Tile sample,
            TileCompressor codec,
            org.photonzip.report.QualityData quality) {
        TileRow middle = rows.get(rows.size() / 2); // the tile both callers decode as the sample
        SampleFigures figures = sample == null || middle.height() != sample.height() || middle.width() != sample.width()
                ? null
                : sampleFigures(sample, middle.y0(), middle.x0(), codec);
        return data(summary, root, packs, rows, frameBitsPerPixel, frameKinds, stages, figures, quality);
    }

    /** As above, with what the sample tile gives already computed ({@link #sampleFigures}; null for none). */
    public static ReportData data(
            org.photonzip.archive.Summary summary,
            String root,
            long packs,
            List<TileRow> rows,
            double[] frameBitsPerPixel,
            String[] frameKinds,
            Map<String, Double> stages,
            SampleFigures figures,
            org.photonzip.report.QualityData quality) {
        List<String[]> table = new ArrayList<>();
        SummaryRows.of(summary, root, packs).forEach((k, v) -> table.add(new String[] {k, v}));
        ReportData.TileGrid tiles = grid(rows);
        if (figures != null && figures.blocks() != null && tiles.bpp().length * tiles.bpp()[0].length < 4) {
            tiles = figures.blocks(); // a few tiles say little: the model's bits over the sample window, finer
        }
        return new ReportData(
                "photonzip archive " + root,
                table,
                tiles,
                frameBitsPerPixel,
                frameKinds,
                figures == null ? null : figures.residuals(),
                stages,
                quality);
    }

    /** What the report draws from its sample tile: the residual histogram and the finer grid of bits/pixel. */
    public record SampleFigures(ResidualHistogram residuals, ReportData.TileGrid blocks)
            implements java.io.Serializable {}

    /**
     * The figures of the report's sample tile (the manifest's middle row, decoded; its corner at {@code y0},
     * {@code x0} on the detector): its centre window inspected with the archive's codec; null for a tile of one
     * frame. Compress has the executor that encoded the tile compute them from what the tile decodes to, so the
     * driver decodes nothing.
     */
    public static SampleFigures sampleFigures(Tile whole, int y0, int x0, TileCompressor codec) {
        if (whole.frames() <= 1) {
            return null;
        }
        Tile sample = window(whole, SAMPLE_FRAMES, SAMPLE_SIDE);
        TileInspector.Inspection in = codec.inspect(sample);
        // Frame 0 of a tile is coded without temporal context; the histogram shows the steady state.
        ResidualHistogram residuals =
                ResidualHistogram.of(in.residual(), in.scale(), sample.pixelsPerFrame(), sample.size());
        return new SampleFigures(
                residuals,
                BlockBits.of(
                        in,
                        sample,
                        y0 + (whole.height() - sample.height()) / 2,
                        x0 + (whole.width() - sample.width()) / 2));
    }

    /**
     * At most {@code frames} x {@code side} x {@code side} samples from the centre of the tile's first frames: the
     * residual histogram needs a million samples, not the 16 million of a full tile, whose inspection costs as much
     * driver CPU as encoding it (for a small scan, as much as the whole scan's encode).
     */
    static Tile window(Tile tile, int frames, int side) {
        int f = Math.min(frames, tile.frames());
        int h = Math.min(side, tile.height());
        int w = Math.min(side, tile.width());
        if (f == tile.frames() && h == tile.height() && w == tile.width()) {
            return tile;
        }
        int y0 = (tile.height() - h) / 2;
        int x0 = (tile.width() - w) / 2;
        short[] out = new short[f * h * w];
        short[] in = tile.samples();
        for (int t = 0; t < f; t++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (t * tile.height() + y0 + y) * tile.width() + x0, out, (t * h + y) * w, w);
            }
        }
        return Tile.wrap(f, h, w, out);
    }

    static final int SAMPLE_FRAMES = 16;
    static final int SAMPLE_SIDE = 256;

    /** Bits/pixel per spatial tile position, averaged over its frame runs weighted by samples. */
    static ReportData.TileGrid grid(List<TileRow> rows) {
        TreeMap<Integer, Integer> heights = new TreeMap<>();
        TreeMap<Integer, Integer> widths = new TreeMap<>();
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (TileRow r : rows) {
            heights.put(r.y0(), r.height());
            widths.put(r.x0(), r.width());
            double[] a = acc.computeIfAbsent(r.y0() + "/" + r.x0(), k -> new double[2]);
            a[0] += r.length() * 8.0;
            a[1] += r.samples();
        }
        int[] y0 = heights.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] x0 = widths.keySet().stream().mapToInt(Integer::intValue).toArray();
        double[][] bpp = new double[y0.length][x0.length];
        for (int i = 0; i < y0.length; i++) {
            for (int j = 0; j < x0.length; j++) {
                double[] a = acc.get(y0[i] + "/" + x0[j]);
                bpp[i][j] = a == null ? Double.NaN : a[0] / a[1];
            }
        }
        return new ReportData.TileGrid(
                bpp,
                y0,
                heights.values().stream().mapToInt(Integer::intValue).toArray(),
                x0,
                widths.values().stream().mapToInt(Integer::intValue).toArray());
    }

    public static void writeFigures(FileSystem fs, Path root, double[] frameBitsPerPixel, Map<String, Double> stages)
            throws IOException {
        StringBuilder frames = new StringBuilder("frame,bits_per_pixel\n");
        for (int t = 0; t < frameBitsPerPixel.length; t++) {
            frames.append(t)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.5f", frameBitsPerPixel[t]))
                    .append('\n');
        }
        write(fs, new Path(root, FRAMES), frames.toString());
        StringBuilder s = new StringBuilder("stage,seconds\n");
        stages.forEach((k, v) -> s.append(k)
                .append(',')
                .append(String.format(Locale.ROOT, "%.3f", v))
                .append('\n'));
        write(fs, new Path(root, STAGES), s.toString());
    }

    /** Writes the page to {@code file}: inside a staged archive (compress), or anywhere outside a committed one. */
    public static void writeHtml(FileSystem fs, Path file, ReportData data) throws IOException {
        write(fs, file, ReportPage.render(data));
    }

    /** Rebuilds the report of a committed archive from its files (one tile is decoded for the histogram). */
    public static ReportData load(ArchiveReader archive, java.nio.file.Path scratch) throws IOException {
        FileSystem fs = archive.root().getFileSystem(archive.conf());
        double[] frameBits = readFrames(
                fs, new Path(archive.root(), FRAMES), archive.summary().shape()[0]);
        Map<String, Double> stages = readStages(fs, new Path(archive.root(), STAGES));
        String[] kinds = FrameKinds.fromMetadata(
                archive.fetchMetadata(scratch), archive.summary().shape()[0]);
        List<TileRow> rows = archive.rows();
        TileRow middle = rows.get(rows.size() / 2);
        Tile sample = archive.decodeTile(middle);
        long packs = rows.stream().map(TileRow::pack).distinct().count();
        return data(
                archive.summary(),
                archive.root().toString(),
                packs,
                rows,
                frameBits,
                kinds,
                stages,
                sample,
                archive.compressor(),
                QualityFile.read(fs, archive.root()));
    }

    private static double[] readFrames(FileSystem fs, Path file, int frames) throws IOException {
        if (!fs.exists(file)) {
            return null;
        }
        double[] bits = new double[frames];
        for (String[] row : csv(fs, file)) {
            int t = Integer.parseInt(row[0]);
            if (t >= 0 && t < frames) {
                bits[t] = Double.parseDouble(row[1]);
            }
        }
        return bits;
    }

    private static Map<String, Double> readStages(FileSystem fs, Path file) throws IOException {
        Map<String, Double> stages = new LinkedHashMap<>();
        if (fs.exists(file)) {
            for (String[] row : csv(fs, file)) {
                stages.put(row[0], Double.parseDouble(row[1]));
            }
        }
        return stages;
    }

    private static List<String[]> csv(FileSystem fs, Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (FSDataInputStream in = fs.open(file);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        return rows;
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
