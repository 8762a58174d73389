package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code _SUCCESS}, the commit point written last: which archive this is, and every file it
 * consists of with its length and (from version 2) its SHA-256. Readers open nothing this record does not list.
 *
 * @param version   the archive format version the record was written in
 * @param archiveId the archive's id (also in summary.json)
 * @param tiles     number of manifest rows
 * @param files     every file of the archive but {@code _SUCCESS} (relative path, e.g. {@code packs/part-...pz})
 */
public record CommitMarker(int version, String archiveId, long tiles, Map<String, FileEntry> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public CommitMarker {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ArchiveLayout.FORMAT);
        root.put("format_version", version);
        root.put("archive_id", archiveId);
        root.put("tiles", tiles);
        ArrayNode list = root.putArray("files");
        files.forEach((name, f) -> {
            ObjectNode o = list.addObject().put("name", name).put("bytes", f.bytes());
            if (f.sha256() != null) {
                o.put("sha256", f.sha256());
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode _SUCCESS: " + e.getMessage(), e);
        }
    }

    /** Parses and checks a record; throws {@link InvalidArchiveException} naming the field when it is not one. */
    public static CommitMarker parse(byte[] json, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid(where, "is not valid JSON (" + e.getMessage() + ")");
        }
        if (root == null
                || !root.isObject()
                || !ArchiveLayout.FORMAT.equals(root.path("format").asText())) {
            throw invalid(where, "is not a photonzip commit record (field format)");
        }
        JsonNode v = root.path("format_version");
        if (!v.isInt() || v.asInt() < 1) {
            throw invalid(where, "field format_version is " + v + ", expected a positive integer");
        }
        if (v.asInt() > ArchiveLayout.VERSION) {
            throw new UnsupportedArchiveException("Unsupported archive " + where + ": format version " + v.asInt()
                    + " (this build reads 1.." + ArchiveLayout.VERSION + ")");
        }
        int version = v.asInt();
        JsonNode tiles = root.path("tiles");
        if (!tiles.canConvertToLong() || !tiles.isIntegralNumber() || tiles.asLong() <= 0) {
            throw invalid(where, "field tiles is " + tiles + ", expected a positive integer");
        }
        if (!root.path("archive_id").isTextual()) {
            throw invalid(where, "field archive_id is missing");
        }
        if (!root.path("files").isArray()) {
            throw invalid(where, "field files is missing");
        }
        Map<String, FileEntry> files = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode f : root.path("files")) {
            String field = "files[" + i++ + "]";
            String name = ArchivePaths.checked(
                    f.path("name").isTextual() ? f.path("name").asText() : null, where + "/_SUCCESS", field + ".name");
            JsonNode bytes = f.path("bytes");
            if (!bytes.isIntegralNumber() || !bytes.canConvertToLong() || bytes.asLong() < 0) {
                throw invalid(where, field + ".bytes of " + name + " is " + bytes + ", expected a length");
            }
            String sha = f.path("sha256").isTextual() ? f.path("sha256").asText() : null;
            if (version >= 2 && !FileEntry.isSha256(sha)) {
                throw invalid(
                        where,
                        field + ".sha256 of " + name + " is " + f.path("sha256")
                                + ", expected 64 lowercase hex digits");
            }
            if (files.put(name, new FileEntry(bytes.asLong(), version >= 2 ? sha : null)) != null) {
                throw invalid(where, field + ".name lists " + name + " twice");
            }
        }
        return new CommitMarker(version, root.path("archive_id").asText(), tiles.asLong(), files);
    }

    private static InvalidArchiveException invalid(String where, String what) {
        return new InvalidArchiveException("Invalid archive " + where + ": _SUCCESS " + what);
    }
}
