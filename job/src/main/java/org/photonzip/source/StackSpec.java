package org.photonzip.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.photonzip.fs.HadoopFiles;

/**
 * A parsed stack specification {@code PATH[:DATASET][@A:B]}: a file or TIFF directory / glob (a local path, or a
 * Hadoop URI such as {@code hdfs://nn/scans/scan.h5}), an optional HDF5 dataset path and an optional frame range
 * {@code [A, B)} (either end may be left out).
 *
 * @param path    the file, directory or glob
 * @param dataset the HDF5 dataset path, or null to find it
 * @param first   first frame of the range (0 when not given)
 * @param end     end of the range (exclusive), or -1 for the last frame
 */
public record StackSpec(String path, String dataset, int first, int end) {
    private static final Pattern RANGE = Pattern.compile("(\\d*):(\\d*)");

    public StackSpec {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("Invalid stack spec: empty path");
        }
        if (dataset != null && !dataset.startsWith("/")) {
            throw new IllegalArgumentException("Invalid dataset path " + dataset + ": must start with /");
        }
        if (first < 0 || end != -1 && end <= first) {
            throw new IllegalArgumentException("Invalid frame range @" + first + ":" + end + " for " + path);
        }
    }

    /**
     * Parses a spec. For a local path the dataset separator is the first {@code :} that follows an existing file and
     * precedes a {@code /}, so file names with colons still work; for a URI it is the first {@code :/} after the
     * scheme. A trailing {@code @A:B} is a frame range.
     */
    public static StackSpec parse(String spec) {
        String rest = spec;
        int first = 0;
        int end = -1;
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            Matcher m = RANGE.matcher(spec.substring(at + 1));
            if (m.matches()) {
                rest = spec.substring(0, at);
                first = m.group(1).isEmpty() ? 0 : parseFrame(m.group(1), spec);
                end = m.group(2).isEmpty() ? -1 : parseFrame(m.group(2), spec);
            }
        }
        if (HadoopFiles.hasScheme(rest)) {
            // A URI (hdfs://nn/scan.h5, s3a://b/scan.h5, file:/data/scan.h5): the dataset follows the first ":/"
            // after the scheme, since Hadoop file names hold no colons worth guessing about.
            int colon = rest.indexOf(":/", rest.indexOf(':') + 1);
            if (colon > 0) {
                return new StackSpec(rest.substring(0, colon), rest.substring(colon + 1), first, end);
            }
        } else if (!Files.exists(Path.of(rest))) {
            for (int colon = rest.indexOf(":/"); colon > 0; colon = rest.indexOf(":/", colon + 1)) {
                if (Files.isRegularFile(Path.of(rest.substring(0, colon)))) {
                    return new StackSpec(rest.substring(0, colon), rest.substring(colon + 1), first, end);
                }
            }
            int colon = rest.indexOf(":/");
            if (colon > 0 && !TiffSeries.isGlob(rest)) {
                // No such file either way: keep the dataset so the error can name the missing file alone.
                return new StackSpec(rest.substring(0, colon), rest.substring(colon + 1), first, end);
            }
        }
        return new StackSpec(rest, null, first, end);
    }

    /** The whole of {@code dataset} (null: found) of {@code path}. */
    public static StackSpec of(String path, String dataset) {
        return new StackSpec(path, dataset, 0, -1);
    }

    private static int parseFrame(String digits, String spec) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid frame range in " + spec + ": " + digits + " is too large");
        }
    }

    /** True when a frame range was given. */
    public boolean hasRange() {
        return first != 0 || end != -1;
    }
}
