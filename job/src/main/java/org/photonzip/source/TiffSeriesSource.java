package org.photonzip.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A stack of single-frame uint16 TIFF files, one frame per file in file-name order. Only the file headers are
 * read up front (to check every frame has the same size); pixels are read from the files on demand, and only
 * the rows and columns asked for.
 */
public final class TiffSeriesSource implements StackSource {
    private final String description;
    private final List<TiffLayout> frames;
    private final int height;
    private final int width;
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    private TiffSeriesSource(String description, List<TiffLayout> frames) {
        this.description = description;
        this.frames = frames;
        this.height = frames.get(0).height;
        this.width = frames.get(0).width;
    }

    /**
     * Opens a directory (its {@code .tif} / {@code .tiff} files), a glob in the last path component such as
     * {@code tiffs/raw_*.tiff}, or a single TIFF file.
     */
    public static TiffSeriesSource open(String dirOrGlob) throws IOException {
        return of(dirOrGlob, list(dirOrGlob));
    }

    /** A stack of {@code files} in the given order. */
    public static TiffSeriesSource of(String description, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Invalid TIFF series " + description + ": no files");
        }
        List<TiffLayout> layouts = new ArrayList<>(files.size());
        for (Path file : files) {
            TiffLayout layout = TiffLayout.read(file);
            TiffLayout first = layouts.isEmpty() ? layout : layouts.get(0);
            if (layout.width != first.width || layout.height != first.height) {
                throw new UnsupportedStackException("Invalid TIFF series " + description + ": " + file + " is "
                        + layout.width + "x" + layout.height + " (width x height) but " + first.file + " is "
                        + first.width + "x" + first.height);
            }
            layouts.add(layout);
        }
        return new TiffSeriesSource(description, List.copyOf(layouts));
    }

    /** The TIFF files a directory, glob or single file names, sorted by file name. */
    static List<Path> list(String dirOrGlob) throws IOException {
        Path path = Path.of(dirOrGlob);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        Path dir;
        PathMatcher matcher;
        if (Files.isDirectory(path)) {
            dir = path;
            matcher = p -> {
                String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return name.endsWith(".tif") || name.endsWith(".tiff");
            };
        } else if (isGlob(path.getFileName() == null ? "" : path.getFileName().toString())) {
            dir = path.getParent() == null ? Path.of(".") : path.getParent();
            matcher = dir.getFileSystem().getPathMatcher("glob:" + path.getFileName());
        } else {
            throw new NoSuchFileException(dirOrGlob, null, "no such file or directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory (for " + dirOrGlob + ")");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName()) && Files.isRegularFile(entry)) {
                    files.add(entry);
                }
            }
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(dirOrGlob, null, "no TIFF files found");
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    static boolean isGlob(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0 || name.indexOf('{') >= 0;
    }

    /** The file holding frame {@code t}. */
    public Path file(int t) {
        return frames.get(t).file;
    }

    @Override
    public int frames() {
        return frames.size();
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public String description() {
        return description;
    }

    /** Not thread-safe: one read buffer is reused across calls. */
    @Override
    public void read(int t0, int nt, int y0, int h, int x0, int w, short[] dst) throws IOException {
        int n = ReadChecks.checkBlock(this, t0, nt, y0, h, x0, w, dst);
        if (n == 0) {
            return;
        }
        for (int t = 0; t < nt; t++) {
            TiffLayout frame = frames.get(t0 + t);
            try (FileChannel ch = FileChannel.open(frame.file, StandardOpenOption.READ)) {
                readFrame(ch, frame, y0, h, x0, w, dst, t * h * w);
            }
        }
    }

    /** Reads, strip by strip, the byte span from the block's first pixel to its last in that strip. */
    private void readFrame(FileChannel ch, TiffLayout frame, int y0, int h, int x0, int w, short[] dst, int out)
            throws IOException {
        int rps = frame.rowsPerStrip;
        int y = y0;
        while (y < y0 + h) {
            int strip = y / rps;
            int last = Math.min(y0 + h, (strip + 1) * rps) - 1;
            long first = frame.stripOffsets[strip] + ((long) (y - strip * rps) * width + x0) * 2;
            int span = (int) (((long) (last - y) * width + w) * 2);
            ByteBuffer bytes = fill(ch, first, span, frame);
            for (int row = y; row <= last; row++) {
                int at = (row - y) * width * 2;
                for (int x = 0; x < w; x++) {
                    dst[out++] = bytes.getShort(at + x * 2);
                }
            }
            y = last + 1;
        }
    }

    private ByteBuffer fill(FileChannel ch, long position, int length, TiffLayout frame) throws IOException {
        if (buffer.capacity() < length) {
            buffer = ByteBuffer.allocate(length);
        }
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("Truncated TIFF " + frame.file + ": needs bytes up to "
                        + (position + length) + ", file has " + ch.size());
            }
        }
        return buffer.order(frame.order);
    }

    @Override
    public void close() {
    }
}
