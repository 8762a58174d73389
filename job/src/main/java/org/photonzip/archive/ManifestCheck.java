package org.photonzip.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.photonzip.codec.Tile;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.tiles.TileCompressor;

/**
 * Validates a manifest against its commit record and summary before any row is used: each row's pack is listed,
 * its byte range lies inside that pack and overlaps no other row's, its length is positive and at most what a
 * stream of its shape can take, its tile lies inside the stack, and the tiles cover the stack exactly once.
 * After this, a row may size an allocation.
 */
final class ManifestCheck {
    private ManifestCheck() {}

    /**
     * The most bytes a tile stream of {@code samples} samples can take (the stored method's, the largest), and
     * at most what one Java array holds.
     */
    static long maxStreamLength(long samples) {
        return Math.min(TileFormat.HEADER_BYTES + 2 * samples, Integer.MAX_VALUE - 8);
    }

    static void check(List<TileRow> rows, CommitMarker marker, Summary summary, boolean hasModel, String where) {
        if (rows.size() != marker.tiles()) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + ArchiveLayout.MANIFEST + " has "
                    + rows.size() + " rows, _SUCCESS field tiles says " + marker.tiles());
        }
        int[] shape = summary.shape();
        for (int i = 0; i < rows.size(); i++) {
            checkRow(i, rows.get(i), marker, summary.datasetPath(), shape, hasModel, where);
        }
        checkRanges(rows, where);
        List<String> coverage = Coverage.problems(rows, shape);
        if (!coverage.isEmpty()) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + ArchiveLayout.MANIFEST
                    + ": the tiles do not cover the stack exactly once: " + coverage.get(0));
        }
    }

    private static void checkRow(
            int i, TileRow r, CommitMarker marker, String dataset, int[] shape, boolean hasModel, String where) {
        String at = "Invalid archive " + where + ": " + ArchiveLayout.MANIFEST + " row " + i + " (" + r.position()
                + "): field ";
        ArchivePaths.checkedPack(r.pack(), where, ArchiveLayout.MANIFEST + " row " + i + " field pack");
        FileEntry pack = marker.files().get(ArchiveLayout.PACKS + "/" + r.pack());
        if (pack == null) {
            throw new InvalidArchiveException(at + "pack names " + r.pack() + ", which _SUCCESS does not list");
        }
        if (!r.dataset().equals(dataset)) {
            throw new InvalidArchiveException(at + "dataset is " + r.dataset() + ", the summary's stack is " + dataset);
        }
        if (!Coverage.within(r, shape)) {
            throw new InvalidArchiveException(at + "t0/y0/x0/frames/height/width: the tile lies outside the stack "
                    + shape[0] + "x" + shape[1] + "x" + shape[2]);
        }
        if ((double) r.frames() * r.height() * r.width() > Tile.MAX_SAMPLES) {
            throw new InvalidArchiveException(
                    at + "frames/height/width: the tile holds more than " + Tile.MAX_SAMPLES + " samples");
        }
        if (r.offset() < 0) {
            throw new InvalidArchiveException(at + "offset is " + r.offset() + ", negative");
        }
        long max = maxStreamLength(r.samples());
        if (r.length() <= 0 || r.length() > max) {
            throw new InvalidArchiveException(at + "length is " + r.length() + ", expected 1.." + max
                    + " for a tile of " + r.samples() + " samples");
        }
        if (r.offset() > pack.bytes() - r.length()) {
            throw new InvalidArchiveException(at + "offset/length: bytes [" + r.offset() + ", "
                    + (r.offset() + r.length()) + ") do not lie within " + r.pack() + " (" + pack.bytes() + " bytes)");
        }
        if (r.crc32c() < 0 || r.crc32c() > 0xFFFF_FFFFL) {
            throw new InvalidArchiveException(at + "crc32c is " + r.crc32c() + ", not an unsigned 32-bit value");
        }
        if (!FileEntry.isSha256(r.pixelSha256())) {
            throw new InvalidArchiveException(at + "pixel_sha256 is not 64 lowercase hex digits");
        }
        boolean learned = TileCompressor.LEARNED.equals(r.modelId());
        if (!learned && !TileCompressor.CLASSICAL.equals(r.modelId()) || learned && !hasModel) {
            throw new InvalidArchiveException(at + "model_id is " + r.modelId()
                    + (learned ? ", but the archive has no model file" : ", expected classical or learned"));
        }
    }

    /** No two rows share bytes of a pack (the writer appends each stream once). */
    private static void checkRanges(List<TileRow> rows, String where) {
        Map<String, List<TileRow>> byPack = new HashMap<>();
        for (TileRow r : rows) {
            byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r);
        }
        for (List<TileRow> list : byPack.values()) {
            list.sort(Comparator.comparingLong(TileRow::offset));
            for (int i = 1; i < list.size(); i++) {
                TileRow a = list.get(i - 1);
                TileRow b = list.get(i);
                if (b.offset() < a.offset() + a.length()) {
                    throw new InvalidArchiveException("Invalid archive " + where + ": " + ArchiveLayout.MANIFEST
                            + ": field offset: " + b.position() + " and " + a.position() + " share bytes of "
                            + b.pack() + " (at " + b.offset() + ")");
                }
            }
        }
    }
}
