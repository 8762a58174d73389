package org.photonzip.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A bounded archive's quality figures, written next to frames.csv before the commit so that {@code report}
 * can redraw the section without the source: {@code quality.json} (everything) and {@code quality-frames.csv}
 * (per-frame figures, for notebooks and spreadsheets). Non-finite numbers appear as the strings "NaN" and
 * "Infinity" in the JSON and as nan / inf in the CSV.
 */
public final class QualityFile {
    public static final String JSON = "quality.json";
    public static final String FRAMES = "quality-frames.csv";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QualityFile() {}

    public static void write(FileSystem fs, Path root, QualityData q) throws IOException {
        try (OutputStream out = fs.create(new Path(root, JSON), true)) {
            out.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(q));
        }
        StringBuilder csv = new StringBuilder("frame,kind,max_abs_error,rmse,rmse_over_sigma,psnr,psnr_range,ssim\n");
        QualityData.Frames f = q.frames();
        for (int t = 0; t < f.rmse().length; t++) {
            csv.append(t).append(',').append(q.frameKinds() == null ? "frame" : q.frameKinds()[t]);
            for (double v : new double[] {
                f.maxAbsError()[t], f.rmse()[t], f.rmseOverSigma()[t], f.psnr()[t], f.psnrRange()[t], f.ssim()[t]
            }) {
                csv.append(',')
                        .append(
                                Double.isNaN(v)
                                        ? "nan"
                                        : Double.isInfinite(v)
                                                ? "inf"
                                                : v == Math.rint(v) && Math.abs(v) < 1e15
                                                        ? Long.toString((long) v)
                                                        : String.format(Locale.ROOT, "%.6g", v));
            }
            csv.append('\n');
        }
        try (OutputStream out = fs.create(new Path(root, FRAMES), true)) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The archive's quality figures, or null when it has none (a lossless archive). */
    public static QualityData read(FileSystem fs, Path root) throws IOException {
        Path file = new Path(root, JSON);
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return MAPPER.readValue(in, QualityData.class);
        }
    }
}
