package org.photonzip.restore;

import hdf.hdf5lib.exceptions.HDF5Exception;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.archive.Summary;
import org.photonzip.hdf5.RestoredFile;

/**
 * The HDF5 side of a restore. The restored file starts as a copy of {@code metadata.h5} with the stack's datasets
 * prepared (shape of the region; the source's type, chunks and filters); the stack's samples go into them through
 * {@link #sink()} ({@link StackFill}), then {@link #finish()} adds the region's attributes and decodes the coded
 * metadata datasets into theirs. Failures of the library on
 * the copy as read are the archive's ({@link InvalidArchiveException}); failures while writing are the
 * destination's ({@link DestinationException}).
 */
final class RestoredStack implements AutoCloseable {
    /**
     * What the restore could not reproduce exactly, and the datasets beside the stack that a partial restore cut to
     * the region (or left whole, with why).
     */
    record Written(List<String> notRestored, List<String> cut) {}

    private final ArchiveReader archive;
    private final RestoredFile out;
    private final Region region;
    private final String output;
    private final Path scratch;
    private boolean closed;
    private final Path file; // the restored file's name in scratch

    private RestoredStack(
            ArchiveReader archive, RestoredFile out, Region region, Path scratch, String output, Path file) {
        this.scratch = scratch;
        this.file = file.getFileName();
        this.output = output;
        this.archive = archive;
        this.out = out;
        this.region = region;
    }

    static RestoredStack open(ArchiveReader archive, Path metadata, Path file, Region region, String output)
            throws IOException {
        Summary summary = archive.summary();
        try {
            Files.move(metadata, file);
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
        RestoredFile out;
        try {
            out = RestoredFile.open(file);
        } catch (HDF5Exception e) {
            throw invalid(archive, "metadata.h5 is not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            out.requireContained(keptLinks(summary));
        } catch (HDF5Exception | IllegalArgumentException e) {
            discard(file);
            out.close();
            throw invalid(
                    archive,
                    e instanceof HDF5Exception
                            ? "metadata.h5 is not a readable HDF5 file (" + e.getMessage() + ")"
                            : "metadata.h5 reaches outside the file, which a restore never follows: " + e.getMessage(),
                    e);
        }
        try {
            out.prepareStack(
                    org.photonzip.archive.ArchiveLayout.STACK_PLACEHOLDER,
                    region.dims(),
                    summary.shape(),
                    versionOneChunks(summary));
        } catch (HDF5Exception | IllegalArgumentException e) {
            discard(file);
            out.close();
            throw invalid(archive, "metadata.h5 has no usable stack placeholder (" + e.getMessage() + ")", e);
        }
        return new RestoredStack(archive, out, region, file.getParent(), output, file);
    }

    /**
     * The external links the capture kept because it could not follow them, as "path -> file:object": each is listed
     * in {@code metadata.not_captured} as "path: external link to file:object cannot be followed (...); kept as
     * that link" (§5). Any other external link in metadata.h5 was not written by compress.
     */
    static java.util.function.Predicate<String> keptLinks(Summary summary) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        List<String> notCaptured = summary.metadata().notCaptured();
        for (String line : notCaptured == null ? List.<String>of() : notCaptured) {
            int colon = line.indexOf(": external link to ");
            int end = line.indexOf(" cannot be followed (");
            if (colon > 0 && end > colon && line.endsWith("; kept as that link")) {
                kept.add(line.substring(0, colon) + " -> "
                        + line.substring(colon + ": external link to ".length(), end));
            }
        }
        return kept::contains;
    }

    /** Chunks for a version 1 placeholder, which records none: the source's, or one frame for a TIFF series. */
    private static int[] versionOneChunks(Summary summary) {
        int[] shape = summary.shape();
        return summary.chunks() != null
                ? summary.chunks()
                : "contiguous".equals(summary.layout()) || "compact".equals(summary.layout())
                        ? null
                        : new int[] {1, shape[1], shape[2]};
    }

    /** Where the stack's samples go; the library's failures are the destination's. */
    StackSink sink() {
        try {
            return StackSink.of(out);
        } catch (HDF5Exception e) {
            throw new DestinationException(output, e);
        }
    }

    /**
     * For export: the stack chunked as the archive's tiles, {@code chunk} each, their streams its chunks, the
     * learned model (null for none) in the filter's parameters.
     */
    void retile(int[] chunk, byte[] model) {
        try {
            out.retileStack(chunk, model);
        } catch (HDF5Exception e) {
            throw new DestinationException(output, e);
        }
    }

    /** Adds the region's and the bound's attributes and the coded datasets, and closes the file. */
    Written finish() throws IOException {
        try {
            if (!region.isWhole(archive.summary().shape())) {
                out.putStackAttribute(Restorer.FRAMES_ATTRIBUTE, new int[] {region.t0(), region.t1()});
                out.putStackAttribute(
                        Restorer.ROI_ATTRIBUTE, new int[] {region.y0(), region.y1(), region.x0(), region.x1()});
            }
            BoundAttributes.put(out, archive.summary().bound());
            try {
                CodedRestore.writeAll(archive, out, scratch);
            } catch (java.nio.file.FileSystemException e) {
                throw DestinationException.rethrow(output, scratch, e); // metadata-samples.pz's copy
            }
            List<String> cut = List.of();
            if (!region.isWhole(archive.summary().shape())) {
                cut = out.cutToRegion(
                        archive.summary().shape(),
                        new int[] {region.t0(), region.t1(), region.y0(), region.y1(), region.x0(), region.x1()});
            }
            List<String> notRestored = out.notRestored();
            out.flush(); // a full disk fails here, while the file can still be discarded and closed (see discard)
            closed = true;
            out.close();
            return new Written(notRestored, cut);
        } catch (HDF5Exception e) {
            throw new DestinationException(output, e);
        }
    }

    private static InvalidArchiveException invalid(ArchiveReader archive, String reason, Throwable cause) {
        return new InvalidArchiveException("Invalid archive " + archive.root() + ": " + reason, cause);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            discard(scratch.resolve(file)); // only reached after a failure: the file is not kept
            try {
                out.close();
            } catch (HDF5Exception ignored) {
                // Closing after a failure that is being reported; the temporary file is deleted.
            }
        }
    }

    /**
     * Frees the disk space of a failed restore's file before the library closes it. With the disk full, the library
     * cannot flush the file's metadata at close; the half-closed file then stays in its cache, and terminating the
     * library at process exit crashes (HDF5 1.14.3: unbounded recursion in its error stack). The file is discarded
     * anyway; what the close still writes lands in a sparse file that needs a few pages.
     */
    static void discard(java.nio.file.Path file) {
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
        } catch (IOException | RuntimeException ignored) {
            // Nothing written yet, or not truncatable: the close reports what it must.
        }
    }
}
