package org.photonzip.tools.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Formats a {@link StackReport} as a table for people and as CSV rows for scripts. */
public final class ReportTable {
    static final String CSV_HEADER =
            "stack,codec,bpp,ratio,encode_mbps,decode_mbps,max_error,rmse,rmse_over_sigma," + "psnr_db";
    private static final String ROW = "%-20s %14s %9s %8s %10s %10s%s%n";
    private static final String LOSSY = "  %8s %9s %8s %8s";

    private ReportTable() {}

    /**
     * The table of one stack. {@code noiseFloor} is a bits-per-pixel {@link Double}, a text such as "n/a", or
     * null for no noise-floor row.
     */
    public static String format(StackReport report, Object noiseFloor) {
        StringBuilder sb = new StringBuilder();
        sb.append("stack  ").append(report.description()).append('\n');
        sb.append(String.format(
                Locale.ROOT,
                "shape  %d x %d x %d uint16 (frames x height x width), %,d bytes; " + "%d tiles of up to %s%n",
                report.frames(),
                report.height(),
                report.width(),
                report.bytes(),
                report.tiles(),
                report.tile()));
        boolean lossy = report.results().stream().anyMatch(r -> r.distortion() != null);
        sb.append(String.format(
                Locale.ROOT,
                ROW,
                "codec",
                "bytes",
                "bits/px",
                "ratio",
                "enc MB/s",
                "dec MB/s",
                lossy ? String.format(Locale.ROOT, LOSSY, "max err", "RMSE", "RMSE/σ", "PSNR dB") : ""));
        for (CodecResult r : report.results()) {
            if (r.available()) {
                sb.append(String.format(
                        Locale.ROOT,
                        ROW,
                        r.codec(),
                        String.format(Locale.ROOT, "%,d", r.compressedBytes()),
                        fixed(r.bitsPerPixel(), 3),
                        fixed(r.ratio(), 3),
                        fixed(r.encodeMBps(), 1),
                        fixed(r.decodeMBps(), 1),
                        lossy ? distortionColumns(r) : ""));
            } else {
                sb.append(String.format(
                        Locale.ROOT, "%-20s %14s   (unavailable: %s)%n", r.codec(), "n/a", r.unavailable()));
            }
        }
        if (noiseFloor instanceof Double) {
            double bpp = (Double) noiseFloor;
            sb.append(String.format(
                    Locale.ROOT,
                    ROW,
                    "noise floor",
                    String.format(Locale.ROOT, "%,d", Math.round(bpp * report.samples() / 8)),
                    fixed(bpp, 3),
                    fixed(16 / bpp, 3),
                    "",
                    "",
                    ""));
        } else if (noiseFloor != null) {
            sb.append(String.format(Locale.ROOT, "%-20s %14s%n", "noise floor", noiseFloor));
        }
        return sb.toString();
    }

    /** Appends one row per available codec (and the noise floor when known), writing the header to a new file. */
    public static void appendCsv(Path csv, StackReport report, Object noiseFloor) throws IOException {
        boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
        try (Writer out = Files.newBufferedWriter(
                csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (fresh) {
                out.write(CSV_HEADER + "\n");
            }
            String stack = quote(report.description());
            for (CodecResult r : report.results()) {
                if (r.available()) {
                    Distortion d = r.distortion();
                    out.write(String.format(
                            Locale.ROOT,
                            "%s,%s,%.4f,%.4f,%.3f,%.3f,%s%n",
                            stack,
                            quote(r.codec()),
                            r.bitsPerPixel(),
                            r.ratio(),
                            r.encodeMBps(),
                            r.decodeMBps(),
                            d == null
                                    ? "0,0,0,"
                                    : String.format(
                                            Locale.ROOT,
                                            "%d,%.4f,%s,%.3f",
                                            d.maxError(),
                                            d.rmse(),
                                            Double.isNaN(d.rmseOverSigma())
                                                    ? ""
                                                    : String.format(Locale.ROOT, "%.4f", d.rmseOverSigma()),
                                            d.psnr())));
                }
            }
            if (noiseFloor instanceof Double) {
                double bpp = (Double) noiseFloor;
                out.write(String.format(Locale.ROOT, "%s,noise-floor,%.4f,%.4f,,%n", stack, bpp, 16 / bpp));
            }
        }
    }

    /** Max error, RMSE, RMSE/σ and PSNR of a lossy row; "0" and "-" for a lossless one. */
    private static String distortionColumns(CodecResult r) {
        Distortion d = r.distortion();
        if (d == null) {
            return String.format(Locale.ROOT, LOSSY, "0", "0", "0", "-");
        }
        return String.format(
                Locale.ROOT, LOSSY, d.maxError(), fixed(d.rmse(), 2), fixed(d.rmseOverSigma(), 3), fixed(d.psnr(), 2));
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
