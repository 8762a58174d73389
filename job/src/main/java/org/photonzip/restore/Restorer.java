package org.photonzip.restore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;

/**
 * Restores an archive, or a frame range / region of it, to an HDF5 file: the stack at its original dataset path
 * with its dtype (byte order too), shape (of the region), chunk shape and filters, and every other dataset, group,
 * link and attribute captured from the source ({@link RestoredStack}). Only the tiles the region touches are decoded,
 * on a few threads, band by band into memory; each chunk of the file is then written once, whole, filtered on the
 * same threads where the restore can reproduce the filters ({@link StackFill}). Memory stays at one band (the
 * frames of one row of tiles, merged up to 64 MiB; a quarter of the heap at most) plus a few tiles and chunks,
 * whatever the stack's size; nothing is staged on disk. The manifest's coverage was
 * checked when the archive was opened, each tile is checked before its samples are written, and any failure
 * fails the whole restore: the file appears under its name only when complete, and is removed otherwise.
 * A failure to write the output is reported as the destination's ({@link DestinationException}).
 */
public final class Restorer {
    /** Attributes added to the stack when only part of it was restored. */
    public static final String FRAMES_ATTRIBUTE = "photonzip_frames";

    public static final String ROI_ATTRIBUTE = "photonzip_roi";

    /**
     * What a restore did; {@code cut}: the datasets beside the stack a partial restore cut to the region, as
     * "path: frames A:B of T" or "path: rows Y0:Y1, columns X0:X1 of H x W" (or left whole, with why);
     * {@code cpu}: the CPU seconds of the stack's restore by step, summed over its threads.
     */
    public record Result(
            String output,
            int[] shape,
            long tiles,
            long samples,
            double seconds,
            List<String> notRestored,
            List<String> cut,
            RestoreTimes.Seconds cpu) {
        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : samples * 2 / 1e6 / seconds;
        }
    }

    private Restorer() {}

    public static Result restore(ArchiveReader archive, String output, Region region, boolean overwrite, int threads)
            throws IOException {
        return restore(archive, output, region, overwrite, threads, UnaryOperator.identity(), defaultBandBytes());
    }

    /** The memory for one band of frames: a quarter of the heap, at most 1 GiB, at least 16 MiB. */
    static long defaultBandBytes() {
        return Math.max(16L << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * As {@link #restore(ArchiveReader, String, Region, boolean, int)}, with bands of at most {@code bandBytes},
     * writing the samples through {@code sinks} applied to the file's sink (tests inject a full disk there).
     */
    static Result restore(
            ArchiveReader archive,
            String output,
            Region region,
            boolean overwrite,
            int threads,
            UnaryOperator<StackSink> sinks,
            long bandBytes)
            throws IOException {
        long start = System.nanoTime();
        Path target = HadoopFiles.path(output);
        FileSystem fs = HadoopFiles.fileSystem(target, archive.conf());
        boolean local = HadoopFiles.isLocal(target);
        OutputPlace.check(archive, target, fs, local, output);
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(output, null, "exists (use --overwrite to replace it)");
        }
        if (overwrite && fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
            // Before any tile is decoded: --overwrite replaces a file, never a directory.
            throw new DestinationException(
                    output, new IOException("it is a directory (--overwrite replaces a " + "file only)"));
        }
        java.nio.file.Path work;
        try {
            work = RestoreScratch.create(
                    local
                            ? HadoopFiles.localFile(target).toAbsolutePath().getParent()
                            : java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
        try {
            java.nio.file.Path file = work.resolve("restored.h5");
            RestoredStack.Written written;
            RestoreTimes times = new RestoreTimes();
            long tiles;
            try (RestoredStack stack =
                    RestoredStack.open(archive, fetchMetadata(archive, work, output), file, region, output)) {
                tiles = new StackFill(archive, region, output)
                        .fill(sinks.apply(stack.sink()), threads, bandBytes, times);
                written = stack.finish();
            }
            Published.publish(file, target, fs, local, overwrite, output);
            return new Result(
                    output,
                    region.dims(),
                    tiles,
                    region.samples(),
                    (System.nanoTime() - start) / 1e9,
                    written.notRestored(),
                    written.cut(),
                    times.seconds());
        } finally {
            LocalFiles.deleteTreeQuietly(work);
        }
    }

    /** The checked copy of metadata.h5 in the working directory; a failure to write it is the destination's. */
    private static java.nio.file.Path fetchMetadata(ArchiveReader archive, java.nio.file.Path work, String output)
            throws IOException {
        try {
            return archive.fetchMetadata(work);
        } catch (java.nio.file.FileSystemException e) {
            throw DestinationException.rethrow(output, work, e);
        }
    }
}
