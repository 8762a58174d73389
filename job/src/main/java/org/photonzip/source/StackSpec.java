package org.photonzip.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed stack specification {@code PATH[:DATASET][@A:B]}: a file or TIFF directory / glob, an optional HDF5
 * dataset path and an optional frame range {@code [A, B)} (either end may be left out).
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
     * Parses a spec. The dataset separator is the first {@code :} that follows an existing file and precedes a
     * {@code /}, so file names with colons still work; a trailing {@code @A:B} is a frame range.
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
        if (!Files.exists(Path.of(rest))) {
            for (int colon = rest.indexOf(":/"); colon > 0; colon = rest.indexOf(":/", colon + 1)) {
                if (Files.isRegularFile(Path.of(rest.substring(0, colon)))) {
                    return new StackSpec(rest.substring(0, colon), rest.substring(colon + 1), first, end);
                }
            }
            int colon = rest.indexOf(":/");
            if (colon > 0 && !TiffSeriesSource.isGlob(rest)) {
                // No such file either way: keep the dataset so the error can name the missing file alone.
                return new StackSpec(rest.substring(0, colon), rest.substring(colon + 1), first, end);
            }
        }
        return new StackSpec(rest, null, first, end);
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
