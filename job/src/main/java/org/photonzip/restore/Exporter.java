package org.photonzip.restore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.CheckedTile;
import org.photonzip.archive.Summary;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;

/**
 * Exports an archive to an HDF5 file whose stack is a chunked dataset with the archive's tile streams as its
 * chunks, filter {@link org.photonzip.hdf5.TileStreamFilter} (docs/export.md): the streams are copied as stored
 * ({@code H5Dwrite_chunk}), never re-encoded, so the file is about the archive's size. Everything else is the
 * restore's: the file starts as a copy of {@code metadata.h5}, the coded datasets (flats, darks) are decoded into
 * it, an error-bounded archive's attributes are added, and the file appears under its name only when complete.
 * Every stream is checked before it is copied, on several threads, after the archive's commit record, files and
 * manifest were checked at open: its bytes against the manifest's CRC32C and its header and identity against the
 * row ({@link CheckedTile#checkStream}, no decode); with {@code decode}, also decoded and its samples checked against
 * the manifest's SHA-256, exactly as a restore checks it. Nothing is written for an archive that fails.
 */
public final class Exporter {
    /** What an export did. */
    public record Result(
            String output,
            int[] shape,
            int[] chunk,
            long tiles,
            long streamBytes,
            double seconds,
            List<String> notRestored) {}

    private Exporter() {}

    public static Result export(ArchiveReader archive, String output, boolean overwrite, int threads, boolean decode)
            throws IOException {
        long start = System.nanoTime();
        Summary summary = archive.summary();
        String where = archive.root().toString();
        requireExportable(archive);
        int[] chunk = TileGrid.chunk(archive.rows(), summary.shape(), where);
        Path target = HadoopFiles.path(output);
        FileSystem fs = HadoopFiles.fileSystem(target, archive.conf());
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(output, null, "exists (use --overwrite to replace it)");
        }
        boolean local = HadoopFiles.isLocal(target);
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
            java.nio.file.Path file = work.resolve("exported.h5");
            RestoredStack.Written written;
            long bytes;
            try (RestoredStack stack = RestoredStack.open(
                    archive, archive.fetchMetadata(work), file, Region.whole(summary.shape()), output)) {
                stack.retile(
                        chunk,
                        archive.compressor().model() == null
                                ? null
                                : archive.compressor().model().toBytes());
                bytes = copyStreams(archive, stack.sink(), threads, decode);
                written = stack.finish();
            }
            Published.publish(file, target, fs, local, overwrite, output);
            return new Result(
                    output,
                    summary.shape(),
                    chunk,
                    archive.rows().size(),
                    bytes,
                    (System.nanoTime() - start) / 1e9,
                    written.notRestored());
        } finally {
            LocalFiles.deleteTreeQuietly(work);
        }
    }

    /**
     * The plugin decodes a stream to uint16 little-endian samples; a 16-bit little-endian stack (int16 holds
     * non-negative values) stores exactly those bytes.
     */
    private static void requireExportable(ArchiveReader archive) throws NotExportableException {
        Summary s = archive.summary();
        String order = s.source().byteOrder();
        if (!(s.dtype().equals("uint16") || s.dtype().equals("int16")) || !order.equals("little")) {
            throw new NotExportableException(
                    archive.root().toString(),
                    "its stack is " + s.dtype() + " " + order
                            + "-endian; export writes 16-bit little-endian stacks only (decompress restores it)");
        }
    }

    /** Checks each stream on the workers and writes it, as stored, as the chunk at its origin. */
    private static long copyStreams(ArchiveReader archive, StackSink sink, int threads, boolean decode)
            throws IOException {
        List<TileRow> rows = new ArrayList<>(archive.rows());
        rows.sort(Comparator.comparing(TileRow::pack).thenComparingLong(TileRow::offset));
        int stacks = sink.layouts().size();
        long[] bytes = {0};
        FileSystem fs = HadoopFiles.fileSystem(archive.root(), archive.conf());
        Summary s = archive.summary();
        List<Workers.Job<Checked>> jobs = new ArrayList<>();
        for (TileRow row : rows) {
            jobs.add(() -> {
                byte[] stream = CheckedTile.read(fs, archive.root(), row);
                if (decode) {
                    CheckedTile.decode(
                            row,
                            stream,
                            archive.compressor(),
                            s.shape(),
                            s.dtype(),
                            archive.root().toString());
                } else {
                    CheckedTile.checkStream(
                            row,
                            stream,
                            archive.compressor(),
                            s.shape(),
                            archive.root().toString());
                }
                return new Checked(row, stream);
            });
        }
        try (Workers workers = new Workers(threads)) {
            workers.inOrder(jobs, c -> {
                long[] origin = {c.row.t0(), c.row.y0(), c.row.x0()};
                for (int i = 0; i < stacks; i++) {
                    sink.writeChunk(i, origin, 0, c.stream);
                }
                bytes[0] += c.stream.length;
            });
        }
        return bytes[0];
    }

    private record Checked(TileRow row, byte[] stream) {}
}
