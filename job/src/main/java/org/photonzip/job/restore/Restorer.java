package org.photonzip.job.restore;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.codec.Tile;
import org.photonzip.job.TileCompressor;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.archive.InvalidArchiveException;
import org.photonzip.job.archive.TileRow;
import org.photonzip.job.compress.PixelHash;
import org.photonzip.job.fs.HadoopFiles;
import org.photonzip.job.hdf5.StackStorage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Restores an archive, or a frame range / region of it, to an HDF5 file: the stack at its original dataset path
 * with its dtype, shape (of the region) and chunk shape (unfiltered), and every other dataset, group and attribute
 * captured from the source. Only the tiles the region touches are decoded, on a few threads, each written straight
 * to its place in the file; memory stays at a few tiles whatever the stack's size. The file appears under its name
 * only when complete.
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
            throw new IOException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        try {
            java.nio.file.Path file = work.resolve("restored.h5");
            RestoredStack.Written written;
            long tiles;
            try (RestoredStack out = RestoredStack.open(archive, archive.fetchMetadata(work), file, region)) {
                tiles = fill(archive, out.staging(), out.storage(), region, archive.summary().dtype(), threads);
                written = out.finish();
            }
            if (local) {
                java.nio.file.Path dst = HadoopFiles.localFile(target);
                try {
                    if (overwrite) {
                        Files.move(file, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.move(file, dst, StandardCopyOption.ATOMIC_MOVE);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (IOException e) {
                    throw new DestinationException(e.getMessage(), e);
                }
            } else {
                Path staged = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
                fs.copyFromLocalFile(false, true, new Path(file.toUri()), staged);
                if (overwrite) {
                    fs.delete(target, false);
                }
                if (!fs.rename(staged, target)) {
                    fs.delete(staged, false);
                    throw new IOException("Cannot write " + output + ": rename from " + staged + " failed");
                }
            }
            return new Result(output, region.dims(), tiles, region.samples(), (System.nanoTime() - start) / 1e9,
                    written.notRestored());
        } catch (DestinationException e) {
            throw new IOException("Cannot write " + output + ": " + e.getMessage(), e.getCause());
        } finally {
            deleteTree(work);
        }
    }

    /** Decodes the tiles overlapping {@code region} on {@code threads} threads, writing each into place. */
    private static long fill(ArchiveReader archive, java.nio.file.Path file, StackStorage storage, Region region,
                             String dtype, int threads) throws IOException {
        List<TileRow> rows = new ArrayList<>();
        for (TileRow r : archive.rows()) {
            if (r.overlaps(region.t0(), region.t1(), region.y0(), region.y1(), region.x0(), region.x1())) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparing(TileRow::pack).thenComparingLong(TileRow::offset));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Semaphore inFlight = new Semaphore(Math.max(1, threads) * 2);
        List<Future<?>> futures = new ArrayList<>();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (TileRow row : rows) {
                inFlight.acquireUninterruptibly();
                futures.add(pool.submit(() -> {
                    try {
                        writeTile(archive, row, out, storage, region, dtype.endsWith("8") ? 1 : 2);
                        return null;
                    } finally {
                        inFlight.release();
                    }
                }));
                failFast(futures);
            }
            for (Future<?> f : futures) {
                await(f);
            }
            out.force(true);
        } finally {
            pool.shutdownNow();
        }
        return rows.size();
    }

    private static void failFast(List<Future<?>> futures) throws IOException {
        for (Future<?> f : futures) {
            if (f.isDone()) {
                await(f);
            }
        }
        futures.removeIf(Future::isDone);
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while restoring", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c.getMessage(), c);
        }
    }

    private static void writeTile(ArchiveReader archive, TileRow row, FileChannel out, StackStorage storage,
                                  Region region, int es) throws IOException {
        byte[] stream = archive.readTile(row);
        Tile tile;
        try {
            tile = archive.compressor().decode(stream, 0, stream.length);
        } catch (RuntimeException e) {
            throw new InvalidArchiveException("Corrupt archive " + archive.root() + ": " + row.position() + " in "
                    + row.pack() + " does not decode: " + e.getMessage(), e);
        }
        short[] s = tile.samples();
        String hash = PixelHash.sha256(s);
        if (!hash.equals(row.pixelSha256())) {
            throw new InvalidArchiveException("Corrupt archive " + archive.root() + ": " + row.position()
                    + " decodes to samples with SHA-256 " + hash + ", the manifest recorded " + row.pixelSha256());
        }
        int ta = Math.max(row.t0(), region.t0()), tb = Math.min(row.t0() + row.frames(), region.t1());
        int ya = Math.max(row.y0(), region.y0()), yb = Math.min(row.y0() + row.height(), region.y1());
        int xa = Math.max(row.x0(), region.x0()), xb = Math.min(row.x0() + row.width(), region.x1());
        RunWriter writer = new RunWriter(out);
        for (int t = ta; t < tb; t++) {
            for (int y = ya; y < yb; y++) {
                int src = ((t - row.t0()) * row.height() + (y - row.y0())) * row.width();
                int x = xa;
                while (x < xb) {
                    int ox = x - region.x0();
                    int n = Math.min(xb - x, storage.runLength(ox));
                    long at = storage.offset(t - region.t0(), y - region.y0(), ox);
                    writer.put(at, s, src + (x - row.x0()), n, es);
                    x += n;
                }
            }
        }
        writer.flush();
    }

    /** Coalesces adjacent writes into requests of up to 1 MiB. */
    private static final class RunWriter {
        private final FileChannel out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long start = -1;

        RunWriter(FileChannel out) {
            this.out = out;
        }

        void put(long at, short[] s, int from, int n, int es) throws IOException {
            if (start >= 0 && (at != start + buffer.position() || buffer.remaining() < n * es)) {
                flush();
            }
            if (start < 0) {
                start = at;
            }
            if (buffer.remaining() < n * es) {
                ByteBuffer big = ByteBuffer.allocate(n * es).order(ByteOrder.LITTLE_ENDIAN);
                fillBuffer(big, s, from, n, es);
                writeFully(big.flip(), at);
                start = -1;
                return;
            }
            fillBuffer(buffer, s, from, n, es);
        }

        private static void fillBuffer(ByteBuffer b, short[] s, int from, int n, int es) {
            if (es == 2) {
                b.asShortBuffer().put(s, from, n);
                b.position(b.position() + 2 * n);
            } else {
                for (int i = 0; i < n; i++) {
                    b.put((byte) s[from + i]);
                }
            }
        }

        void flush() throws IOException {
            if (start >= 0 && buffer.position() > 0) {
                buffer.flip();
                writeFully(buffer, start);
            }
            buffer.clear();
            start = -1;
        }

        private void writeFully(ByteBuffer b, long at) throws IOException {
            try {
                while (b.hasRemaining()) {
                    at += out.write(b, at);
                }
            } catch (java.nio.channels.ClosedByInterruptException e) {
                throw e;
            } catch (IOException e) {
                throw new DestinationException(e.getMessage(), e); // the destination's disk, not the archive
            }
        }
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
