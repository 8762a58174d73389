package org.photonzip.spark.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;

/**
 * One archive's line in a campaign's record ({@code OUTPUT/_restore/RUN.jsonl}, docs/reprocessing.md).
 *
 * @param output        the output file, as a qualified path ({@code file:/...}, {@code hdfs://...})
 * @param status        done (restored now), skipped (restored by an earlier run, output unchanged) or failed
 * @param archiveDigest SHA-256 of the archive's {@code _SUCCESS}, which lists every file of the archive
 * @param shape         frames, rows, columns of the restored stack (null when nothing was restored)
 * @param region        the part restored, {@code t0:t1,y0:y1,x0:x1} of the archived stack
 * @param outputBytes   size of the output file
 * @param outputSha256  SHA-256 of the output file as restored
 * @param tileFailed    the failure was a tile failing its checks (exit code 3)
 */
public record RestoreRecord(
        String runId,
        int index,
        int count,
        String archive,
        String archiveDigest,
        String output,
        int[] shape,
        String region,
        long outputBytes,
        String outputSha256,
        double seconds,
        String status,
        String error,
        boolean tileFailed)
        implements Serializable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean done() {
        return !status.equals("failed");
    }

    static RestoreRecord failed(
            String runId,
            int index,
            int count,
            String archive,
            String digest,
            String output,
            double seconds,
            String error,
            boolean tileFailed) {
        return new RestoreRecord(
                runId,
                index,
                count,
                archive,
                digest,
                output,
                null,
                null,
                0,
                null,
                seconds,
                "failed",
                error,
                tileFailed);
    }

    /** This record as a later run that kept its output reports it. */
    RestoreRecord skippedIn(String runId, int index, int count) {
        return new RestoreRecord(
                runId,
                index,
                count,
                archive,
                archiveDigest,
                output,
                shape,
                region,
                outputBytes,
                outputSha256,
                0,
                "skipped",
                null,
                false);
    }

    /** The same archive, restored the same way, to the same file. */
    boolean sameRestore(String archiveDigest, String output, String region) {
        return done()
                && this.archiveDigest != null
                && this.archiveDigest.equals(archiveDigest)
                && this.output.equals(output)
                && region.equals(this.region);
    }

    /** One line of JSON, ending in a newline. */
    public byte[] toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", runId)
                .put("archive_index", index)
                .put("of", count)
                .put("time", Instant.now().toString());
        o.put("archive", archive).put("archive_digest", archiveDigest).put("output", output);
        if (shape == null) {
            o.putNull("shape");
        } else {
            Arrays.stream(shape).forEach(o.putArray("shape")::add);
        }
        o.put("region", region).put("output_bytes", outputBytes).put("output_sha256", outputSha256);
        o.put("seconds", Math.round(seconds * 100) / 100.0)
                .put("status", status)
                .put("error", error);
        o.put("tile_failed", tileFailed);
        try {
            byte[] line = JSON.writeValueAsBytes(o);
            byte[] out = Arrays.copyOf(line, line.length + 1);
            out[line.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a restore record: " + e.getMessage(), e);
        }
    }

    /** The record of one line; null for a line that is not one (a torn last line of a killed run). */
    static RestoreRecord parse(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.hasNonNull("output") || !o.hasNonNull("status")) {
                return null;
            }
            int[] shape = null;
            if (o.path("shape").isArray()) {
                shape = new int[o.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = o.get("shape").get(i).asInt();
                }
            }
            return new RestoreRecord(
                    o.path("run_id").asText(),
                    o.path("archive_index").asInt(),
                    o.path("of").asInt(),
                    text(o, "archive"),
                    text(o, "archive_digest"),
                    text(o, "output"),
                    shape,
                    text(o, "region"),
                    o.path("output_bytes").asLong(),
                    text(o, "output_sha256"),
                    o.path("seconds").asDouble(),
                    text(o, "status"),
                    text(o, "error"),
                    o.path("tile_failed").asBoolean());
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }
}
