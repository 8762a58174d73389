package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code summary.json} {@value #FIELD}: the source files as they were archived (length, modification time,
 * SHA-256) and what of them the archive does not hold besides {@code metadata.not_captured} (docs/archive-format.md).
 * Deleting a source later (a re-run with {@code --skip-existing --delete-source-after-verify}) needs it: the file
 * must still hash as it did when it was archived. Archives written before it have none, and keep their sources.
 *
 * @param files   each source file as archived
 * @param notHeld content of the source files the archive does not hold (TIFF tags, other content of a linked file)
 */
public record SourceRecord(List<File> files, List<String> notHeld) {
    public static final String FIELD = "source_record";

    /** A source file; {@code sha256} null when it could not be hashed. */
    public record File(String path, long bytes, long mtime, String sha256) {
    }

    public SourceRecord {
        files = List.copyOf(files);
        notHeld = List.copyOf(notHeld);
    }

    public void write(JsonNode summary) {
        ObjectNode r = ((ObjectNode) summary).putObject(FIELD);
        ArrayNode fs = r.putArray("files");
        for (File f : files) {
            ObjectNode o = fs.addObject().put("path", f.path()).put("bytes", f.bytes()).put("mtime", f.mtime());
            if (f.sha256() == null) {
                o.putNull("sha256");
            } else {
                o.put("sha256", f.sha256());
            }
        }
        ArrayNode n = r.putArray("not_held");
        notHeld.forEach(n::add);
    }

    /** The record of a summary, or null when the archive has none (written before it existed). */
    public static SourceRecord read(Summary summary) {
        JsonNode r = summary.json().path(FIELD);
        if (r.isMissingNode() || r.isNull()) {
            return null;
        }
        if (!r.path("files").isArray() || !r.path("not_held").isArray()) {
            throw new InvalidArchiveException("Invalid archive: summary.json " + FIELD + " lacks files or not_held");
        }
        List<File> files = new ArrayList<>();
        for (JsonNode f : r.path("files")) {
            if (!f.path("path").isTextual() || !f.path("bytes").canConvertToLong()) {
                throw new InvalidArchiveException("Invalid archive: summary.json " + FIELD + ".files: " + f);
            }
            files.add(new File(f.path("path").asText(), f.path("bytes").asLong(), f.path("mtime").asLong(),
                    f.path("sha256").isTextual() ? f.path("sha256").asText() : null));
        }
        List<String> notHeld = new ArrayList<>();
        r.path("not_held").forEach(n -> notHeld.add(n.asText()));
        return new SourceRecord(files, notHeld);
    }
}
