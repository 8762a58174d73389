package org.photonzip.source;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopChannel;

/**
 * A TIFF series as the driver finds it: the frames a directory, a glob or a single file names, in file-name order.
 * Only the first frame's header is read here, so opening a series of ten thousand files on an object store costs
 * one listing and one small read; every other frame's header is checked against the series when it is read
 * ({@link TiffSlabReader}).
 */
final class TiffSeries {
    private TiffSeries() {}

    /** True when the last path component holds glob characters (Hadoop's glob syntax). */
    static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0 || name.indexOf('{') >= 0;
    }

    /** True when the file starts with a TIFF byte-order mark and magic number (classic or BigTIFF). */
    static boolean isTiff(Path path, Configuration conf) throws IOException {
        try (HadoopChannel ch = HadoopChannel.open(path, conf, null)) {
            if (ch.size() < 4) {
                return false;
            }
            byte[] head = new byte[4];
            ch.readFully(0, head, 0, 4);
            boolean little = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
            boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
            return little || big;
        }
    }

    /**
     * Describes the series {@code input}: {@code entries} are the directory's or glob's matches (only {@code .tif}
     * and {@code .tiff} files count), or the one file the user named (taken whatever its name, {@code named}).
     */
    static StackDescriptor describe(
            String input, String datasetPath, FileStatus[] entries, boolean named, Configuration conf)
            throws IOException {
        if (datasetPath != null) {
            throw new IllegalArgumentException(
                    "Invalid dataset " + datasetPath + ": " + input + " is a TIFF series, which has no datasets");
        }
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus s : entries) {
            String name = s.getPath().getName().toLowerCase(Locale.ROOT);
            if (s.isFile() && (named || name.endsWith(".tif") || name.endsWith(".tiff"))) {
                files.add(s);
            }
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(input, null, "no TIFF files found");
        }
        files.sort(Comparator.comparing(s -> s.getPath().getName()));
        TiffLayout first;
        try (HadoopChannel ch = HadoopChannel.open(files.get(0).getPath(), conf, null)) {
            first = TiffLayout.parse(files.get(0).getPath().toString(), ch);
        }
        List<String> uris = new ArrayList<>(files.size());
        long bytes = 0;
        for (FileStatus s : files) {
            uris.add(s.getPath().toString());
            bytes += s.getLen();
        }
        return new StackDescriptor(
                StackDescriptor.Kind.TIFF,
                input,
                null,
                null,
                "/entry/data/data",
                files.size(),
                first.height(),
                first.width(),
                "uint16",
                first.order() == ByteOrder.BIG_ENDIAN,
                "tiff",
                null,
                List.of(),
                List.copyOf(uris),
                bytes,
                (long) files.size() * first.height() * first.width() * 2,
                TiffReferences.NONE);
    }
}
