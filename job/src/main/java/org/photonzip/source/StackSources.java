package org.photonzip.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a stack from a {@link StackSpec} string: an HDF5 / NeXus file or a TIFF series, optionally a frame range. */
public final class StackSources {
    private StackSources() {
    }

    /**
     * Opens {@code PATH[:DATASET][@A:B]}, e.g. {@code scan.h5:/entry/data/data@100:3100} or
     * {@code tiffs/raw_*.tiff@0:50}.
     */
    public static StackSource open(String spec) throws IOException {
        return open(StackSpec.parse(spec));
    }

    public static StackSource open(StackSpec spec) throws IOException {
        StackSource source = openWhole(spec);
        if (!spec.hasRange()) {
            return source;
        }
        try {
            int end = spec.end() < 0 ? source.frames() : spec.end();
            return FrameRangeSource.of(source, spec.first(), end);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static StackSource openWhole(StackSpec spec) throws IOException {
        Path path = Path.of(spec.path());
        boolean tiff = Files.isDirectory(path) || TiffSeriesSource.isGlob(String.valueOf(path.getFileName()))
                || Files.isRegularFile(path) && isTiff(path);
        if (tiff) {
            if (spec.dataset() != null) {
                throw new IllegalArgumentException("Invalid stack spec: " + spec.path()
                        + " is a TIFF series, which has no dataset " + spec.dataset());
            }
            return TiffSeriesSource.open(spec.path());
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(spec.path(), null, "no such file or directory");
        }
        return Hdf5StackSource.open(path, spec.dataset());
    }

    /** True when the file starts with a TIFF byte-order mark and magic number (classic or BigTIFF). */
    static boolean isTiff(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        boolean little = head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0;
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }
}
