package org.photonzip.restore;

import hdf.hdf5lib.exceptions.HDF5Exception;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.archive.Summary;
import org.photonzip.hdf5.RestoredFile;
import org.photonzip.hdf5.StackStorage;
import org.photonzip.source.InputStack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The HDF5 side of a restore. The restored file starts as a copy of {@code metadata.h5}; the tiles are decoded
 * into a dense staging file beside it (any order, several threads, no HDF5 call); then the staged samples are
 * written into the stack's dataset by the HDF5 library in whole chunks along the frame axis, so the source's byte
 * order and filters apply, and the coded metadata datasets are decoded into theirs. Failures of the library on
 * the copy as read are the archive's ({@link InvalidArchiveException}); failures while writing are the
 * destination's ({@link DestinationException}).
 */
final class RestoredStack implements AutoCloseable {
    private static final long BATCH_BYTES = 64L << 20;

    /** What the restore could not reproduce exactly. */
    record Written(List<String> notRestored) {
    }

    private final ArchiveReader archive;
    private final RestoredFile out;
    private final Region region;
    private final Path staging;
    private final StackStorage storage;
    private final String output;
    private boolean closed;

    private RestoredStack(ArchiveReader archive, RestoredFile out, Region region, Path staging, StackStorage storage,
                          String output) {
        this.output = output;
        this.archive = archive;
        this.out = out;
        this.region = region;
        this.staging = staging;
        this.storage = storage;
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
            out.prepareStack(InputStack.PLACEHOLDER_ATTRIBUTE, region.dims(), summary.shape(), versionOneChunks(summary));
        } catch (HDF5Exception | IllegalArgumentException e) {
            out.close();
            throw invalid(archive, "metadata.h5 has no usable stack placeholder (" + e.getMessage() + ")", e);
        }
        int es = summary.dtype().endsWith("8") ? 1 : 2;
        StackStorage storage = StackStorage.dense(region.dims(), es);
        Path staging = file.resolveSibling("stack.samples");
        try (FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            if (storage.chunkBytes() > 0) {
                ch.write(ByteBuffer.allocate(1), storage.chunkBytes() - 1);
            }
        } catch (IOException e) {
            out.close();
            throw new DestinationException(output, e);
        }
        return new RestoredStack(archive, out, region, staging, storage, output);
    }

    /** Chunks for a version 1 placeholder, which records none: the source's, or one frame for a TIFF series. */
    private static int[] versionOneChunks(Summary summary) {
        int[] shape = summary.shape();
        return summary.chunks() != null ? summary.chunks()
                : "contiguous".equals(summary.layout()) || "compact".equals(summary.layout()) ? null
                : new int[]{1, shape[1], shape[2]};
    }

    Path staging() {
        return staging;
    }

    StackStorage storage() {
        return storage;
    }

    /** Writes the staged samples and the coded datasets into the file and closes it. */
    Written finish() throws IOException {
        int[] dims = region.dims();
        int es = storage.elementSize();
        try (FileChannel in = FileChannel.open(staging, StandardOpenOption.READ)) {
            int batch = out.framesPerWrite(BATCH_BYTES);
            long frameSamples = (long) dims[1] * dims[2];
            for (int t = 0; t < dims[0]; t += batch) {
                int frames = Math.min(batch, dims[0] - t);
                out.writeStack(t, frames, read(in, t * frameSamples * es, (int) (frames * frameSamples), es));
            }
            if (!region.isWhole(archive.summary().shape())) {
                out.putStackAttribute(Restorer.FRAMES_ATTRIBUTE, new int[]{region.t0(), region.t1()});
                out.putStackAttribute(Restorer.ROI_ATTRIBUTE, new int[]{region.y0(), region.y1(), region.x0(), region.x1()});
            }
            BoundAttributes.put(out, org.photonzip.archive.BoundRecord.read(archive.summary()));
            CodedRestore.writeAll(archive, out, staging.getParent());
            List<String> notRestored = out.notRestored();
            closed = true;
            out.close();
            return new Written(notRestored);
        } catch (HDF5Exception e) {
            throw new DestinationException(output, e);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static short[] read(FileChannel in, long position, int samples, int es) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples * es).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (in.read(b, position + b.position()) < 0) {
                throw new IOException("Cannot read the staged samples: the staging file ended early");
            }
        }
        b.flip();
        short[] s = new short[samples];
        if (es == 2) {
            b.asShortBuffer().get(s);
        } else {
            for (int i = 0; i < samples; i++) {
                s[i] = (short) (b.get(i) & 0xFF);
            }
        }
        return s;
    }

    private static InvalidArchiveException invalid(ArchiveReader archive, String reason, Throwable cause) {
        return new InvalidArchiveException("Invalid archive " + archive.root() + ": " + reason, cause);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (HDF5Exception ignored) {
                // Closing after a failure that is being reported; the temporary file is deleted.
            }
        }
    }
}
