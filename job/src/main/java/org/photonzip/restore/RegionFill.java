package org.photonzip.restore;

import org.photonzip.codec.Tile;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.hdf5.StackStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decodes the tiles that overlap a region on a few threads and writes each, once it has passed every check, to
 * its place in the output. The first failure of any tile stops the submission of more, every running tile is
 * awaited, and that failure is thrown: a restore never returns with a tile missing.
 */
final class RegionFill {
    private final ArchiveReader archive;
    private final StackStorage storage;
    private final Region region;
    private final int elementSize;
    private final String output;

    RegionFill(ArchiveReader archive, StackStorage storage, Region region, String output) {
        this.archive = archive;
        this.storage = storage;
        this.region = region;
        this.elementSize = archive.summary().dtype().endsWith("8") ? 1 : 2;
        this.output = output;
    }

    /** @return the number of tiles written */
    long fill(FileChannel out, int threads) throws IOException {
        List<TileRow> rows = new ArrayList<>();
        for (TileRow r : archive.rows()) {
            if (r.overlaps(region.t0(), region.t1(), region.y0(), region.y1(), region.x0(), region.x1())) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparing(TileRow::pack).thenComparingLong(TileRow::offset));
        int n = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        Semaphore inFlight = new Semaphore(2 * n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (TileRow row : rows) {
                inFlight.acquireUninterruptibly();
                if (failure.get() != null) {
                    break;
                }
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            write(row, out);
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            awaitAll(pool);
        }
        rethrow(failure.get());
        try {
            out.force(true);
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
        return rows.size();
    }

    private static void awaitAll(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.HOURS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // tiles still running write into the file: wait for them all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("Cannot restore: " + t, t);
    }

    /** Decodes and checks one tile, then writes its part of the region. */
    private void write(TileRow row, FileChannel out) throws IOException {
        Tile tile = archive.decodeTile(row);
        short[] s = tile.samples();
        int ta = Math.max(row.t0(), region.t0()), tb = Math.min(row.t0() + row.frames(), region.t1());
        int ya = Math.max(row.y0(), region.y0()), yb = Math.min(row.y0() + row.height(), region.y1());
        int xa = Math.max(row.x0(), region.x0()), xb = Math.min(row.x0() + row.width(), region.x1());
        RunWriter writer = new RunWriter(out);
        try {
            for (int t = ta; t < tb; t++) {
                for (int y = ya; y < yb; y++) {
                    int src = ((t - row.t0()) * row.height() + (y - row.y0())) * row.width();
                    int x = xa;
                    while (x < xb) {
                        int ox = x - region.x0();
                        int n = Math.min(xb - x, storage.runLength(ox));
                        long at = storage.offset(t - region.t0(), y - region.y0(), ox);
                        writer.put(at, s, src + (x - row.x0()), n, elementSize);
                        x += n;
                    }
                }
            }
            writer.flush();
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
    }
}
