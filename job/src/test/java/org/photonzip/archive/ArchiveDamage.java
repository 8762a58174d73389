package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.photonzip.codec.SampleHash;

/**
 * What an adversary does to an archive on disk: flip bits, truncate, rewrite the manifest or the summary, and
 * re-state {@code _SUCCESS} (lengths, hashes, tile count) so that it matches what was changed.
 */
public final class ArchiveDamage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArchiveDamage() {}

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    /** Every file _SUCCESS lists, but the derived report (readers ignore it), relative to the archive. */
    public static List<String> files(Path archive) throws IOException {
        List<String> names = new ArrayList<>(marker(archive).files().keySet());
        names.remove(ArchiveLayout.REPORT);
        names.add(ArchiveLayout.SUCCESS);
        return names;
    }

    public static CommitMarker marker(Path archive) throws IOException {
        return CommitMarker.parse(Files.readAllBytes(archive.resolve(ArchiveLayout.SUCCESS)), archive.toString());
    }

    public static void flipBit(Path file, long bit) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[(int) (bit / 8)] ^= (byte) (1 << (bit % 8));
        Files.write(file, b);
    }

    public static void truncate(Path file, long length) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, (int) length));
    }

    /** Re-states the listed length and SHA-256 of {@code names} in _SUCCESS, as a careful forger would. */
    public static void restate(Path archive, String... names) throws IOException {
        CommitMarker m = marker(archive);
        Map<String, FileEntry> files = new LinkedHashMap<>(m.files());
        for (String n : names) {
            byte[] b = Files.readAllBytes(archive.resolve(n));
            files.put(n, new FileEntry(b.length, m.version() >= 2 ? ArchiveFiles.sha256(b) : null));
        }
        Files.write(
                archive.resolve(ArchiveLayout.SUCCESS),
                new CommitMarker(m.version(), m.archiveId(), m.tiles(), files).toJson());
    }

    public static List<TileRow> rows(Path archive) throws IOException {
        return Manifest.readParquet(
                new org.apache.hadoop.fs.Path(
                        archive.resolve(ArchiveLayout.MANIFEST).toUri()),
                new Configuration(),
                Long.MAX_VALUE);
    }

    /**
     * Replaces the manifest (Parquet and CSV) with {@code change(rows)} and re-states everything that counts or
     * hashes them: _SUCCESS's files and tiles, and summary.json's tiles.count.
     */
    public static void rewriteRows(Path archive, UnaryOperator<List<TileRow>> change) throws IOException {
        List<TileRow> rows = change.apply(new ArrayList<>(rows(archive)));
        FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
        Files.delete(archive.resolve(ArchiveLayout.MANIFEST));
        Files.delete(archive.resolve(ArchiveLayout.MANIFEST_CSV));
        Manifest.writeParquet(
                rows,
                fs,
                new org.apache.hadoop.fs.Path(
                        archive.resolve(ArchiveLayout.MANIFEST).toUri()),
                new Configuration());
        Manifest.writeCsv(
                rows,
                fs,
                new org.apache.hadoop.fs.Path(
                        archive.resolve(ArchiveLayout.MANIFEST_CSV).toUri()));
        editSummary(archive, s -> ((ObjectNode) s.path("tiles")).put("count", rows.size()));
        for (String crc :
                new String[] {"." + ArchiveLayout.MANIFEST + ".crc", "." + ArchiveLayout.MANIFEST_CSV + ".crc"}) {
            Files.deleteIfExists(archive.resolve(crc));
        }
        CommitMarker m = marker(archive);
        Files.write(
                archive.resolve(ArchiveLayout.SUCCESS),
                new CommitMarker(m.version(), m.archiveId(), rows.size(), m.files()).toJson());
        restate(archive, ArchiveLayout.MANIFEST, ArchiveLayout.MANIFEST_CSV, ArchiveLayout.SUMMARY);
    }

    /** Edits summary.json's tree and re-states it in _SUCCESS. */
    public static void editSummary(Path archive, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Path file = archive.resolve(ArchiveLayout.SUMMARY);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        restate(archive, ArchiveLayout.SUMMARY);
    }

    /** Replaces summary.json by an edit of its typed record (as compress would write it) and re-states it. */
    public static void editRecord(Path archive, java.util.function.UnaryOperator<Summary> edit) throws IOException {
        CommitMarker marker =
                CommitMarker.parse(Files.readAllBytes(archive.resolve(ArchiveLayout.SUCCESS)), archive.toString());
        Path file = archive.resolve(ArchiveLayout.SUMMARY);
        Files.write(
                file,
                edit.apply(Summary.parse(Files.readAllBytes(file), marker, archive.toString()))
                        .toJson());
        restate(archive, ArchiveLayout.SUMMARY);
    }

    public static JsonNode summary(Path archive) throws IOException {
        return JSON.readTree(archive.resolve(ArchiveLayout.SUMMARY).toFile());
    }

    /**
     * A consistent one-tile forgery: the tile of row {@code index} gets one sample changed, is coded again with its
     * identity and appended to its pack, and its row (length, offset, CRC32C, pixel hash), the manifest, the pack's
     * listing and _SUCCESS are re-stated, so that every check but the archive's digest passes.
     */
    public static void forgeTile(Path archive, int index) throws IOException {
        ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
        TileRow row = reader.rows().get(index);
        org.photonzip.codec.Tile tile = reader.decodeTile(row);
        tile.samples()[0] = (short) ((tile.samples()[0] & 0xFFFF) ^ 1);
        byte[] stream =
                reader.compressor().encode(tile, row.identity(reader.summary().shape())).stream();
        Path pack = archive.resolve(ArchiveLayout.PACKS).resolve(row.pack());
        long offset = Files.size(pack);
        Files.write(pack, stream, java.nio.file.StandardOpenOption.APPEND);
        TileRow forged = new TileRow(
                row.dataset(),
                row.t0(),
                row.frames(),
                row.y0(),
                row.height(),
                row.x0(),
                row.width(),
                row.pack(),
                offset,
                stream.length,
                PackWriter.crc32c(stream, 0, stream.length),
                SampleHash.of(tile.samples()),
                row.bitsPerPixel(),
                row.modelId());
        rewriteRows(archive, rows -> {
            rows.set(index, forged);
            return rows;
        });
        restate(archive, ArchiveLayout.PACKS + "/" + row.pack());
    }

    /** A row with other values in some fields. */
    public static TileRow with(TileRow r, int t0, int y0, int x0, long offset, long length) {
        return new TileRow(
                r.dataset(),
                t0,
                r.frames(),
                y0,
                r.height(),
                x0,
                r.width(),
                r.pack(),
                offset,
                length,
                r.crc32c(),
                r.pixelSha256(),
                r.bitsPerPixel(),
                r.modelId());
    }

    public static TileRow pointingAt(TileRow r, TileRow source, String pack, long offset) {
        return new TileRow(
                r.dataset(),
                r.t0(),
                r.frames(),
                r.y0(),
                r.height(),
                r.x0(),
                r.width(),
                pack,
                offset,
                source.length(),
                source.crc32c(),
                source.pixelSha256(),
                source.bitsPerPixel(),
                source.modelId());
    }
}
