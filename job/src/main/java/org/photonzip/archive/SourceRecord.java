package org.photonzip.archive;

import java.util.List;

/**
 * {@code summary.json}'s {@code source_record} ({@link Summary#sourceRecord()}): the source files as they were archived (length, modification time,
 * SHA-256) and what of them the archive does not hold besides {@code metadata.not_captured} (docs/archive-format.md).
 * Deleting a source later (a re-run with {@code --skip-existing --delete-source-after-verify}) needs it: the file
 * must still hash as it did when it was archived. Archives written before it have none, and keep their sources.
 *
 * @param files   each source file as archived
 * @param notHeld content of the source files the archive does not hold (TIFF tags, other content of a linked file)
 */
public record SourceRecord(List<File> files, List<String> notHeld) {
    /** A source file; {@code sha256} null when it could not be hashed. */
    public record File(String path, long bytes, long mtime, String sha256) {}

    public SourceRecord {
        files = List.copyOf(files);
        notHeld = List.copyOf(notHeld);
    }
}
