package org.photonzip.report;

import io.jhdf.HdfFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.photonzip.codec.Tile;
import org.photonzip.tiles.TileCompressor;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.TileRow;
import org.photonzip.source.InputStack;
import org.photonzip.source.SlabReader;
import org.photonzip.source.StackDescriptor;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.quality.QualityAccumulator;
import org.photonzip.quality.QualityPlan;
import org.photonzip.quality.QualityReport;
import org.photonzip.source.ScanGeometry;
import org.photonzip.source.FrameKinds;

/**
 * Compares a bounded archive with its source on the driver, tile by tile on a few threads: each tile is decoded
 * and the same block read from the source, so memory stays at a few tiles plus the plan's sinograms and
 * spectrum windows ({@link QualityPlan}). Reads the whole source once and decodes every tile once, like
 * {@code verify --against}.
 */
public final class BoundedQualityRun {
    private BoundedQualityRun() {
    }

    /** The archive's tiles ({@code rows}, decoded with {@code codec}) at {@code root} against {@code source}. */
    public static QualityReport run(FileSystem fs, org.apache.hadoop.fs.Path root, List<TileRow> rows,
                                    TileCompressor codec, StackDescriptor source, Configuration conf,
                                    ErrorBound bound, NoiseModel noise, Path metadataH5, int threads)
            throws IOException {
        return run(fs, root, rows, codec, source, null, conf, bound, noise, metadataH5, threads);
    }

    /** As above, with the source file already open ({@code sourceHdf}; null to open it here), as compress has it. */
    public static QualityReport run(FileSystem fs, org.apache.hadoop.fs.Path root, List<TileRow> rows,
                                    TileCompressor codec, StackDescriptor source, HdfFile sourceHdf,
                                    Configuration conf, ErrorBound bound, NoiseModel noise, Path metadataH5,
                                    int threads) throws IOException {
        String[] kinds = metadataH5 == null ? null : FrameKinds.fromMetadata(metadataH5, source.frames());
        QualityPlan plan = QualityPlan.of(source.frames(), source.height(), source.width(), kinds);
        ScanGeometry geometry = sourceHdf != null ? geometry(sourceHdf, plan, kinds)
                : geometry(source, conf, plan, kinds);
        if (metadataH5 != null && (geometry.radians() == null || geometry.flat() == null || geometry.dark() == null)) {
            ScanGeometry m = ScanGeometry.read(metadataH5, plan, kinds); // what the source lacks, the archive may hold
            geometry = new ScanGeometry(geometry.radians() != null ? geometry.radians() : m.radians(),
                    geometry.flat() != null ? geometry.flat() : m.flat(), geometry.dark() != null ? geometry.dark() : m.dark());
        }
        QualityAccumulator acc = new QualityAccumulator(plan, bound, noise);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Void>> done = new ArrayList<>();
            int n = Math.max(1, threads);
            for (int k = 0; k < n; k++) {
                int first = k;
                done.add(pool.submit(() -> {
                    try (SlabReader reader = SlabReader.open(source, conf, null)) {
                        for (int i = first; i < rows.size(); i += n) {
                            compare(fs, root, rows.get(i), codec, source, reader, acc);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Cannot compare with the source: interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io
                    : new IOException("Cannot compare with the source: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return acc.finish(geometry.radians(), geometry.flat(), geometry.dark());
    }

    /** The same for a committed archive. */
    public static QualityReport run(ArchiveReader archive, StackDescriptor source, ErrorBound bound,
                                    NoiseModel noise, Path scratch, int threads) throws IOException {
        FileSystem fs = archive.root().getFileSystem(archive.conf());
        return run(fs, archive.root(), archive.rows(), archive.compressor(), source, archive.conf(), bound,
                noise, archive.fetchMetadata(scratch), threads);
    }

    private static void compare(FileSystem fs, org.apache.hadoop.fs.Path root, TileRow row, TileCompressor codec,
                                StackDescriptor source, SlabReader reader, QualityAccumulator acc) throws IOException {
        // The same checked decode every reader uses (CRC32C, identity, pixel_sha256 of the reconstruction)
        Tile tile = CheckedTile.decode(row, CheckedTile.read(fs, root, row), codec,
                new int[] {source.frames(), source.height(), source.width()}, source.dtype(), root.toString());
        short[] src = new short[Math.toIntExact(row.samples())];
        reader.read(row.t0(), row.frames(), row.y0(), row.height(), row.x0(), row.width(), (t, y, x, s, off, len) ->
                System.arraycopy(s, off, src,
                        ((t - row.t0()) * row.height() + (y - row.y0())) * row.width() + (x - row.x0()), len));
        acc.add(row.t0(), row.frames(), row.y0(), row.height(), row.x0(), row.width(), src, tile.samples());
    }

    /** Angles, flats and darks from the source file itself (HDF5), where metadata.h5 may hold them coded. */
    private static ScanGeometry geometry(StackDescriptor source, Configuration conf, QualityPlan plan, String[] kinds) {
        if (source.kind() != StackDescriptor.Kind.HDF5) {
            return ScanGeometry.none();
        }
        try (InputStack in = InputStack.open(source.input(), source.datasetPath(), conf)) {
            return in.hdf() == null ? ScanGeometry.none() : geometry(in.hdf(), plan, kinds);
        } catch (IOException | RuntimeException e) {
            return ScanGeometry.none();
        }
    }

    private static ScanGeometry geometry(HdfFile hdf, QualityPlan plan, String[] kinds) {
        try {
            return ScanGeometry.read(hdf, plan, kinds);
        } catch (RuntimeException e) {
            return ScanGeometry.none();
        }
    }
}
