package org.photonzip.spark.night;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One scan's line in the night's record ({@code NIGHT/_night/RUN.jsonl}, docs/nightly.md).
 *
 * @param status        done (archived now), skipped (already archived, counted as done) or failed
 * @param verified      every tile decoded and checked in this run (against the pixels read or the source)
 * @param sourceDeleted the source files were deleted after verification against them
 * @param archiveFiles  relative name -> [bytes, SHA-256] of every archive file but {@code _SUCCESS}
 * @param archiveDigest SHA-256 of {@code _SUCCESS}, which lists every file of the archive
 */
public record ScanRecord(
        String runId,
        int index,
        int count,
        String source,
        String archive,
        String status,
        long sourceBytes,
        long archiveBytes,
        boolean verified,
        boolean sourceDeleted,
        double seconds,
        String error,
        List<SourceFile> sourceFiles,
        Map<String, Object[]> archiveFiles,
        String archiveDigest,
        List<String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public double ratio() {
        return archiveBytes <= 0 ? 0 : (double) sourceBytes / archiveBytes;
    }

    public boolean done() {
        return !status.equals("failed");
    }

    /** One line of JSON, ending in a newline. */
    public byte[] toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", runId)
                .put("scan", index)
                .put("of", count)
                .put("time", Instant.now().toString());
        o.put("source", source).put("archive", archive).put("status", status);
        o.put("source_bytes", sourceBytes).put("archive_bytes", archiveBytes);
        o.put("ratio", Math.round(ratio() * 1000) / 1000.0).put("verified", verified);
        o.put("source_deleted", sourceDeleted).put("seconds", Math.round(seconds * 100) / 100.0);
        if (error == null) {
            o.putNull("error");
        } else {
            o.put("error", error);
        }
        ArrayNode files = o.putArray("source_files");
        for (SourceFile f : sourceFiles) {
            files.addObject()
                    .put("path", f.path())
                    .put("bytes", f.bytes())
                    .put("mtime", f.mtime())
                    .put("sha256", f.sha256());
        }
        ArrayNode parts = o.putArray("archive_files");
        archiveFiles.forEach((name, v) ->
                parts.addObject().put("name", name).put("bytes", (Long) v[0]).put("sha256", (String) v[1]));
        o.put("archive_digest", archiveDigest);
        notes.forEach(o.putArray("notes")::add);
        try {
            byte[] line = JSON.writeValueAsBytes(o);
            byte[] out = java.util.Arrays.copyOf(line, line.length + 1);
            out[line.length] = '\n';
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot encode a night record: " + e.getMessage(), e);
        }
    }
}
