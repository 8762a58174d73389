package org.photonzip.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.archive.Summary;
import org.photonzip.job.compress.CompressJob;
import org.photonzip.job.source.StackDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary tables {@code compress} and {@code info} print. */
final class ArchiveTable {
    private ArchiveTable() {
    }

    static String compressed(CompressJob.Report r) {
        StackDescriptor s = r.stack();
        Summary.Totals t = r.totals();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("archive", r.archive());
        rows.put("source", s.description());
        rows.put("shape", s.shapeString() + " " + s.dtype() + " (" + s.layout()
                + (s.chunks() == null ? "" : ", chunks " + s.chunks()[0] + " x " + s.chunks()[1] + " x " + s.chunks()[2])
                + (s.filters().isEmpty() ? "" : ", " + String.join("+", s.filters())) + ")");
        rows.put("tiles", String.format(Locale.ROOT, "%d (up to %s) in %d tasks of at most %s", t.tiles(), r.tile(),
                t.tasks(), bytes(r.taskBytes())));
        rows.put("model", "classical");
        rows.put("original size", bytes(t.originalBytes()));
        rows.put("compressed size", bytes(t.compressedBytes()));
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", t.bitsPerPixel()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", t.ratio()));
        rows.put("time", String.format(Locale.ROOT, "%.1f s (%.1f MB/s)", t.seconds(), t.megabytesPerSecond()));
        rows.put("read amplification", String.format(Locale.ROOT, "%.3f (%s read, the stack occupies %s)",
                s.readAmplification(t.bytesRead()), bytes(t.bytesRead()), bytes(s.storedBytes())));
        rows.put("verified", r.verification() == null ? "no (run photonzip verify, or compress with --verify)"
                : String.format(Locale.ROOT, "yes: %d tiles decoded and matched in %.1f s", r.verification().tiles(),
                r.verification().seconds()));
        if (!r.notCaptured().isEmpty()) {
            rows.put("not captured", r.notCaptured().size() + " item(s) of the source's metadata; see summary.json");
        }
        return format(rows);
    }

    static String info(ArchiveReader archive) {
        JsonNode j = archive.summary().json();
        JsonNode src = j.path("source");
        JsonNode t = j.path("totals");
        JsonNode meta = j.path("metadata");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("archive", archive.root().toString());
        rows.put("archive id", j.path("archive_id").asText());
        rows.put("created", j.path("created").asText());
        rows.put("source", src.path("input").asText() + ":" + src.path("dataset").asText());
        rows.put("shape", join(src.path("shape")) + " " + src.path("dtype").asText() + " (" + src.path("layout").asText()
                + (src.path("chunks").isArray() ? ", chunks " + join(src.path("chunks")) : "")
                + (src.path("filters").size() > 0 ? ", " + join(src.path("filters")).replace(" x ", "+") : "") + ")");
        rows.put("tiles", j.path("tiles").path("count").asLong() + " (up to " + join(j.path("tiles").path("max_shape"))
                + ") in " + archive.marker().files().keySet().stream().filter(f -> f.startsWith("packs/")).count()
                + " packs");
        JsonNode hash = j.path("codec").path("model_sha256");
        rows.put("model", j.path("codec").path("model_id").asText() + (hash.isNull() ? "" : " (sha256 " + hash.asText() + ")"));
        rows.put("format", "archive v" + j.path("format_version").asInt() + ", tile streams v"
                + j.path("codec").path("tile_format_version").asInt());
        rows.put("original size", bytes(t.path("original_bytes").asLong()));
        rows.put("compressed size", bytes(t.path("compressed_bytes").asLong()));
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", t.path("bits_per_pixel").asDouble()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", t.path("ratio").asDouble()));
        rows.put("time", String.format(Locale.ROOT, "%.1f s (%.1f MB/s, read amplification %.3f)",
                t.path("seconds").asDouble(), t.path("mb_per_s").asDouble(), t.path("read_amplification").asDouble()));
        rows.put("verified at compress", t.path("verified").asBoolean() ? "yes" : "no");
        rows.put("metadata", meta.path("groups").asInt() + " groups, " + meta.path("datasets").asInt() + " datasets, "
                + meta.path("attributes").asInt() + " attributes" + (meta.path("not_captured").size() == 0 ? ""
                : "; not captured: " + meta.path("not_captured").size()));
        return format(rows);
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(" x ", parts);
    }

    static String bytes(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
        }
        if (n >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.2f MB", n / 1e6);
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        return n + " B";
    }

    static String format(Map<String, String> rows) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        String rule = "-".repeat(width + 2) + "+" + "-".repeat(Math.min(100, rows.values().stream()
                .mapToInt(String::length).max().orElse(0) + 2)) + "\n";
        sb.append(rule);
        rows.forEach((k, v) -> sb.append(' ').append(k).append(" ".repeat(width - k.length())).append(" | ")
                .append(v).append('\n'));
        sb.append(rule);
        return sb.toString();
    }
}
