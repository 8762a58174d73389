package org.photonzip.job.restore;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.archive.InvalidArchiveException;
import org.photonzip.job.archive.Summary;
import org.photonzip.job.fs.HadoopFiles;
import org.photonzip.job.hdf5.Hdf5TreeCopy;
import org.photonzip.job.hdf5.ReservedStackDataset;
import org.photonzip.job.hdf5.StackStorage;
import org.photonzip.job.source.InputStack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Restores an archive, or a frame range / region of it, to an HDF5 file: the stack at its original dataset path
 * with its dtype, shape (of the region) and chunk shape (unfiltered), and every other dataset, group and attribute
 * captured from the source. Only the tiles the region touches are decoded, on a few threads, each written straight
 * to its place in the file; memory stays at a few tiles whatever the stack's size. The manifest's coverage was
 * checked when the archive was opened, each tile is checked before its samples are written, and any failure
 * fails the whole restore: the file appears under its name only when complete, and is removed otherwise.
 * A failure to write the output is reported as the destination's ({@link DestinationException}).
 */
public final class Restorer {
    /** Attributes added to the stack when only part of it was restored. */
    public static final String FRAMES_ATTRIBUTE = "photonzip_frames";
    public static final String ROI_ATTRIBUTE = "photonzip_roi";

    /** What a restore did. */
    public record Result(String output, int[] shape, long tiles, long samples, double seconds, List<String> notRestored) {
        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : samples * 2 / 1e6 / seconds;
        }
    }

    private Restorer() {
    }

    public static Result restore(ArchiveReader archive, String output, Region region, boolean overwrite, int threads)
            throws IOException {
        return restore(archive, output, region, overwrite, threads, OutputChannel.FILES);
    }

    /**
     * As {@link #restore(ArchiveReader, String, Region, boolean, int)}, writing the samples through
     * {@code channels} (tests inject a full disk there).
     */
    static Result restore(ArchiveReader archive, String output, Region region, boolean overwrite, int threads,
                          OutputChannel channels) throws IOException {
        long start = System.nanoTime();
        Path target = HadoopFiles.path(output);
        FileSystem fs = HadoopFiles.fileSystem(target, archive.conf());
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(output, null, "exists (use --overwrite to replace it)");
        }
        boolean local = HadoopFiles.isLocal(target);
        java.nio.file.Path work;
        try {
            work = Files.createTempDirectory(local ? HadoopFiles.localFile(target).toAbsolutePath().getParent()
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), ".photonzip-restore-");
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
        try {
            java.nio.file.Path file = work.resolve("restored.h5");
            Skeleton skeleton = writeSkeleton(archive, archive.fetchMetadata(work), file, region, output);
            long tiles;
            try (FileChannel out = channels.open(file)) {
                tiles = new RegionFill(archive, skeleton.storage(), region, output).fill(out, threads);
            }
            Published.publish(file, target, fs, local, overwrite, output);
            return new Result(output, region.dims(), tiles, region.samples(), (System.nanoTime() - start) / 1e9,
                    skeleton.notRestored());
        } finally {
            deleteTree(work);
        }
    }

    private record Skeleton(StackStorage storage, List<String> notRestored) {
    }

    /** Writes every group, dataset and attribute of metadata.h5, and the stack's layout without its samples. */
    private static Skeleton writeSkeleton(ArchiveReader archive, java.nio.file.Path metadata, java.nio.file.Path file,
                                          Region region, String output) {
        Summary summary = archive.summary();
        int[] shape = summary.shape();
        int[] chunks = summary.chunks() != null ? summary.chunks()
                : "contiguous".equals(summary.layout()) || "compact".equals(summary.layout()) ? null
                : new int[]{1, shape[1], shape[2]};
        ReservedStackDataset[] stack = new ReservedStackDataset[1];
        Hdf5TreeCopy.Report report;
        try (HdfFile meta = new HdfFile(metadata)) {
            try (WritableHdfFile out = HdfFile.write(file)) {
                report = Hdf5TreeCopy.copy(meta, out, new Hdf5TreeCopy.StackHook() {
                    @Override
                    public boolean isStack(Dataset dataset, String path) {
                        return dataset.getAttributes().containsKey(InputStack.PLACEHOLDER_ATTRIBUTE);
                    }

                    @Override
                    public void write(Dataset placeholder, String path, WritableGroup parent, String name) {
                        ReservedStackDataset ds = ReservedStackDataset.create(summary.dtype(), name, parent,
                                region.dims(), chunks);
                        parent.putDataset(name, ds);
                        Hdf5TreeCopy.copyAttributesOf(placeholder, ds, path, Set.of(InputStack.PLACEHOLDER_ATTRIBUTE));
                        if (!region.isWhole(shape)) {
                            ds.putAttribute(FRAMES_ATTRIBUTE, new int[]{region.t0(), region.t1()});
                            ds.putAttribute(ROI_ATTRIBUTE, new int[]{region.y0(), region.y1(), region.x0(), region.x1()});
                        }
                        stack[0] = ds;
                    }
                }, Long.MAX_VALUE);
            }
        } catch (HdfException e) {
            // jhdf reports both a damaged metadata.h5 and a failed write as HdfException; only the latter has an
            // I/O error underneath (the metadata was read from a checked local copy).
            if (hasIoCause(e)) {
                throw new DestinationException(output, e);
            }
            throw new InvalidArchiveException("Invalid archive " + archive.root() + ": metadata.h5 cannot be "
                    + "restored (" + e.getMessage() + ")", e);
        }
        if (stack[0] == null) {
            throw new InvalidArchiveException("Invalid archive " + archive.root() + ": metadata.h5 has no stack placeholder");
        }
        return new Skeleton(stack[0].storage(), report.skipped());
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(java.nio.file.Path root) {
        try (var paths = Files.walk(root)) {
            for (java.nio.file.Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A leftover hidden temporary directory is harmless.
        }
    }
}
