package org.photonzip.spark;

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
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.DecodedTile;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.quality.QualityAccumulator;
import org.photonzip.quality.QualityPlan;
import org.photonzip.quality.QualityReport;
import org.photonzip.source.FrameKinds;
import org.photonzip.source.InputStack;
import org.photonzip.source.ScanGeometry;
import org.photonzip.source.SlabReader;
import org.photonzip.source.StackDescriptor;
import org.photonzip.tiles.TileCompressor;

/**
 * Compares a bounded archive with its source on the driver, tile by tile on a few threads: each tile is decoded
 * (with each sample's bound as coded) and the same block read from the source, so memory stays at a few tiles
 * plus the plan's sinograms and spectrum windows ({@link QualityPlan}). A stack of up to {@value #FULL_SAMPLES}
 * samples is compared whole; a larger one in whole frames: the tiles of evenly spaced frame ranges holding about
 * 1/{@value #SHARE} of its samples (at least one range), and of those every k-th frame where one range holds
 * more. The figures (SSIM, reconstructions) cost more than the decode, and comparing everything cost as much
 * as the compress itself (issue 18: 42 % of a lossy compress). {@code verify --against} checks every value.
 */
public final class BoundedQualityRun {
    static final long FULL_SAMPLES = 1L << 21;
    static final int SHARE = 16;
    /** The kind of a frame the pass did not compare. */
    static final String NOT_COMPARED = "not compared";

    private BoundedQualityRun() {}

    /**
     * The tiles the pass compares: all of them for a stack of up to {@value #FULL_SAMPLES} samples, else those of
     * evenly spaced frame ranges (a range: the tiles sharing a first frame and frame count) holding about
     * 1/{@value #SHARE} of the samples, at least one range.
     */
    static List<TileRow> sampled(List<TileRow> rows, long samples) {
        java.util.TreeMap<Long, List<TileRow>> ranges = new java.util.TreeMap<>();
        for (TileRow r : rows) {
            ranges.computeIfAbsent(((long) r.t0() << 32) | r.frames(), k -> new ArrayList<>())
                    .add(r);
        }
        int n = ranges.size();
        if (samples <= FULL_SAMPLES || n <= 1) {
            return rows;
        }
        long budget = Math.max(FULL_SAMPLES, samples / SHARE);
        int k = (int) Math.max(1, Math.min(n, Math.round((double) n * budget / samples)));
        List<List<TileRow>> all = new ArrayList<>(ranges.values());
        List<TileRow> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            out.addAll(all.get((int) ((j + 0.5) * n / k)));
        }
        return out;
    }

    /** Every how many frames of the tiles {@code compared} the pass compares one: 1 up to its budget. */
    static int frameStride(List<TileRow> compared, long samples) {
        if (samples <= FULL_SAMPLES) {
            return 1;
        }
        long picked = compared.stream().mapToLong(TileRow::samples).sum();
        long budget = Math.max(FULL_SAMPLES, samples / SHARE);
        return (int) Math.max(1, Math.round((double) picked / budget));
    }

    /**
     * {@code kinds} (null: all projections) with the frames the pass does not compare marked so: those no tile of
     * {@code compared} holds, and those off the {@code stride} from each tile's first frame.
     */
    static String[] comparedKinds(String[] kinds, List<TileRow> compared, int stride, int frames) {
        boolean[] seen = new boolean[frames];
        for (TileRow r : compared) {
            for (int t = r.t0(); t < r.t0() + r.frames(); t += stride) {
                seen[t] = true;
            }
        }
        String[] out = new String[frames];
        for (int t = 0; t < frames; t++) {
            out[t] = !seen[t] ? NOT_COMPARED : kinds == null ? "projection" : kinds[t];
        }
        return out;
    }

    /** The archive's tiles ({@code rows}, decoded with {@code codec}) at {@code root} against {@code source}. */
    public static QualityReport run(
            FileSystem fs,
            org.apache.hadoop.fs.Path root,
            List<TileRow> rows,
            TileCompressor codec,
            StackDescriptor source,
            Configuration conf,
            ErrorBound bound,
            NoiseModel noise,
            Path metadataH5,
            int threads)
            throws IOException {
        return run(fs, root, rows, codec, source, null, conf, bound, noise, metadataH5, threads);
    }

    /** As above, with the source file already open ({@code sourceHdf}; null to open it here), as compress has it. */
    public static QualityReport run(
            FileSystem fs,
            org.apache.hadoop.fs.Path root,
            List<TileRow> rows,
            TileCompressor codec,
            StackDescriptor source,
            HdfFile sourceHdf,
            Configuration conf,
            ErrorBound bound,
            NoiseModel noise,
            Path metadataH5,
            int threads)
            throws IOException {
        String[] all = metadataH5 == null ? null : FrameKinds.fromMetadata(metadataH5, source.frames());
        List<TileRow> compared = sampled(rows, source.samples());
        int stride = frameStride(compared, source.samples());
        String[] kinds = compared == rows && stride == 1 ? all : comparedKinds(all, compared, stride, source.frames());
        QualityPlan plan = QualityPlan.of(source.frames(), source.height(), source.width(), kinds);
        // angles are counted over all the frames
        ScanGeometry geometry = sourceHdf != null ? geometry(sourceHdf, plan, all) : geometry(source, conf, plan, all);
        if (metadataH5 != null && (geometry.radians() == null || geometry.flat() == null || geometry.dark() == null)) {
            ScanGeometry m = ScanGeometry.read(metadataH5, plan, all); // what the source lacks, the archive may hold
            geometry = new ScanGeometry(
                    geometry.radians() != null ? geometry.radians() : m.radians(),
                    geometry.flat() != null ? geometry.flat() : m.flat(),
                    geometry.dark() != null ? geometry.dark() : m.dark());
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
                        for (int i = first; i < compared.size(); i += n) {
                            compare(fs, root, compared.get(i), codec, source, reader, acc, stride);
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
            throw e.getCause() instanceof IOException io
                    ? io
                    : new IOException("Cannot compare with the source: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return acc.finish(geometry.radians(), geometry.flat(), geometry.dark());
    }

    /** The same for a committed archive. */
    public static QualityReport run(
            ArchiveReader archive,
            StackDescriptor source,
            ErrorBound bound,
            NoiseModel noise,
            Path scratch,
            int threads)
            throws IOException {
        FileSystem fs = archive.root().getFileSystem(archive.conf());
        return run(
                fs,
                archive.root(),
                archive.rows(),
                archive.compressor(),
                source,
                archive.conf(),
                bound,
                noise,
                archive.fetchMetadata(scratch),
                threads);
    }

    private static void compare(
            FileSystem fs,
            org.apache.hadoop.fs.Path root,
            TileRow row,
            TileCompressor codec,
            StackDescriptor source,
            SlabReader reader,
            QualityAccumulator acc,
            int stride)
            throws IOException {
        // The same checked decode every reader uses (CRC32C, identity, pixel_sha256 of the reconstruction)
        DecodedTile tile = CheckedTile.decodeWithBounds(
                row,
                CheckedTile.read(fs, root, row),
                codec,
                new int[] {source.frames(), source.height(), source.width()},
                source.dtype(),
                root.toString());
        short[] src = new short[Math.toIntExact(row.samples())];
        reader.read(
                row.t0(),
                row.frames(),
                row.y0(),
                row.height(),
                row.x0(),
                row.width(),
                (t, y, x, s, off, len) -> System.arraycopy(
                        s,
                        off,
                        src,
                        ((t - row.t0()) * row.height() + (y - row.y0())) * row.width() + (x - row.x0()),
                        len));
        short[] restored = tile.tile().samples();
        if (stride == 1) {
            acc.add(
                    row.t0(),
                    row.frames(),
                    row.y0(),
                    row.height(),
                    row.x0(),
                    row.width(),
                    src,
                    restored,
                    tile.pixelBounds());
            return;
        }
        int frame = row.height() * row.width();
        for (int dt = 0; dt < row.frames(); dt += stride) {
            int from = dt * frame;
            int[] bounds = tile.pixelBounds();
            acc.add(
                    row.t0() + dt,
                    1,
                    row.y0(),
                    row.height(),
                    row.x0(),
                    row.width(),
                    java.util.Arrays.copyOfRange(src, from, from + frame),
                    java.util.Arrays.copyOfRange(restored, from, from + frame),
                    bounds == null ? null : java.util.Arrays.copyOfRange(bounds, from, from + frame));
        }
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
