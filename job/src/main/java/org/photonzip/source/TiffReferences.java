package org.photonzip.source;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;
import org.photonzip.fs.HadoopFiles;

/**
 * The files a TIFF series needs beside its frames to be flat-field corrected and reconstructed, as compress's
 * {@code --flats GLOB}, {@code --darks GLOB} and {@code --angles FILE} name them: flat and dark field TIFFs (one
 * image each, uint16 or float32, the frames' size) and a text file of rotation angles in degrees, one number a line.
 * The archive keeps them losslessly and a restore writes them as {@code data_white}, {@code data_dark} and
 * {@code rotation_angle} beside the stack. They are sources of the scan like its frames (summary.json's
 * {@code source_record}; deleted with them by {@code --delete-source-after-verify}).
 *
 * @param flats  URIs of the flat-field TIFFs, in file-name order
 * @param darks  URIs of the dark-field TIFFs, in file-name order
 * @param angles URI of the angles file, or null
 */
public record TiffReferences(List<String> flats, List<String> darks, String angles) implements Serializable {
    public static final TiffReferences NONE = new TiffReferences(List.of(), List.of(), null);

    public TiffReferences {
        flats = List.copyOf(flats);
        darks = List.copyOf(darks);
    }

    public boolean isEmpty() {
        return flats.isEmpty() && darks.isEmpty() && angles == null;
    }

    /** Every file named: flats, darks, then the angles file. */
    public List<String> files() {
        List<String> all = new ArrayList<>(flats);
        all.addAll(darks);
        if (angles != null) {
            all.add(angles);
        }
        return all;
    }

    /**
     * The files the options name (each null when not given); a glob or file that matches nothing is an error naming
     * the option.
     */
    public static TiffReferences resolve(String flats, String darks, String angles, Configuration conf)
            throws IOException {
        return new TiffReferences(
                match("--flats", flats, conf),
                match("--darks", darks, conf),
                angles == null ? null : match("--angles", angles, conf).get(0));
    }

    private static List<String> match(String option, String pattern, Configuration conf) throws IOException {
        if (pattern == null) {
            return List.of();
        }
        Path path = HadoopFiles.path(pattern);
        FileSystem fs = HadoopFiles.fileSystem(path, conf);
        FileStatus[] found = fs.globStatus(path);
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : found == null ? new FileStatus[0] : found) {
            if (s.isFile()) {
                files.add(s);
            }
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(pattern, null, option + " matches no file");
        }
        if (option.equals("--angles") && files.size() > 1) {
            throw new IllegalArgumentException("Invalid option --angles " + pattern + ": names " + files.size()
                    + " files; give one text file of angles");
        }
        files.sort(Comparator.comparing(s -> s.getPath().getName()));
        return files.stream().map(s -> s.getPath().toString()).toList();
    }

    /** One flat or dark field: uint16 ({@code u16}) or float32 ({@code f32}) samples, row by row. */
    public record Image(String file, int height, int width, short[] u16, float[] f32) {}

    /** The layout of reference TIFF {@code file}, checked to be {@code height} x {@code width}. */
    static TiffLayout layout(String file, int height, int width, Configuration conf) throws IOException {
        TiffLayout l;
        try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file), conf, null)) {
            l = TiffLayout.parseReference(file, ch);
        }
        if (l.height() != height || l.width() != width) {
            throw new IllegalArgumentException("Invalid flat or dark field " + file + ": " + l.height() + " x "
                    + l.width() + " pixels, the frames are " + height + " x " + width);
        }
        return l;
    }

    /** The samples of reference TIFF {@code file}. */
    public static Image read(String file, int height, int width, Configuration conf) throws IOException {
        TiffLayout l = layout(file, height, width, conf);
        short[] u16 = l.float32() ? null : new short[height * width];
        float[] f32 = l.float32() ? new float[height * width] : null;
        try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file), conf, null)) {
            for (int y0 = 0, s = 0; y0 < height; y0 += l.rowsPerStrip(), s++) {
                int rows = Math.min(l.rowsPerStrip(), height - y0);
                ByteBuffer b = TiffLayout.readAt(ch, l.stripOffset(s), rows * width * l.sampleBytes(), l.order(), file);
                for (int i = 0; i < rows * width; i++) {
                    if (u16 != null) {
                        u16[y0 * width + i] = b.getShort(i * 2);
                    } else {
                        f32[y0 * width + i] = b.getFloat(i * 4);
                    }
                }
            }
        }
        return new Image(file, height, width, u16, f32);
    }

    /** The angles of {@code file}: one decimal number a line, blank lines ignored. */
    public static double[] angles(String file, Configuration conf) throws IOException {
        List<Double> out = new ArrayList<>();
        String[] lines = text(file, conf).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(Double.parseDouble(line));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Invalid angles file " + file + ": line " + (i + 1) + " \"" + line + "\" is not a number");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Invalid angles file " + file + ": it holds no angle");
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Whether the angles file is nothing but its values: each line the shortest decimal of its number (Java's
     * {@code Double.toString}, or a whole number without ".0"), ending with a newline. Otherwise its formatting is
     * information the archive's {@code rotation_angle} does not hold.
     */
    public static boolean anglesTextHeld(String file, Configuration conf) throws IOException {
        String text = text(file, conf);
        if (!text.endsWith("\n")) {
            return false;
        }
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            double a;
            try {
                a = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                return false;
            }
            boolean whole = a == Math.rint(a) && Math.abs(a) < 1e15 && line.equals(Long.toString((long) a));
            if (!whole && !line.equals(Double.toString(a))) {
                return false;
            }
        }
        return true;
    }

    private static String text(String file, Configuration conf) throws IOException {
        Path p = HadoopFiles.path(file);
        FileSystem fs = HadoopFiles.fileSystem(p, conf);
        long len = fs.getFileStatus(p).getLen();
        if (len > (64 << 20)) {
            throw new IllegalArgumentException(
                    "Invalid angles file " + file + ": " + len + " bytes is not a list " + "of angles");
        }
        try (var in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
