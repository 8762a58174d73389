package org.photonzip.job.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code _SUCCESS}, the commit point written last: which archive this is, and every file it
 * consists of with its length. Readers trust nothing in the directory that this file does not list.
 *
 * @param archiveId the archive's id (also in summary.json)
 * @param tiles     number of manifest rows
 * @param files     every file of the archive (relative path, e.g. {@code packs/part-...pz}) and its length
 */
public record CommitMarker(String archiveId, long tiles, Map<String, Long> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ArchiveLayout.FORMAT);
        root.put("format_version", ArchiveLayout.VERSION);
        root.put("archive_id", archiveId);
        root.put("tiles", tiles);
        ArrayNode list = root.putArray("files");
        files.forEach((name, length) -> list.addObject().put("name", name).put("bytes", length));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode _SUCCESS: " + e.getMessage(), e);
        }
    }

    /** Parses a marker; throws {@link InvalidArchiveException} when it is not one. */
    public static CommitMarker parse(byte[] json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !ArchiveLayout.FORMAT.equals(root.path("format").asText())) {
                throw new InvalidArchiveException("Invalid archive " + where + ": _SUCCESS is not a photonzip commit marker");
            }
            int version = root.path("format_version").asInt(-1);
            if (version < 1 || version > ArchiveLayout.VERSION) {
                throw new InvalidArchiveException("Unsupported archive " + where + ": format version " + version
                        + " (this build reads 1.." + ArchiveLayout.VERSION + ")");
            }
            Map<String, Long> files = new LinkedHashMap<>();
            for (JsonNode f : root.path("files")) {
                files.put(f.path("name").asText(), f.path("bytes").asLong());
            }
            return new CommitMarker(root.path("archive_id").asText(), root.path("tiles").asLong(), files);
        } catch (IOException e) {
            throw new InvalidArchiveException("Invalid archive " + where + ": _SUCCESS is not valid JSON ("
                    + e.getMessage() + ")");
        }
    }
}
