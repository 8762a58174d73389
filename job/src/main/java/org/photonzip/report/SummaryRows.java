package org.photonzip.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The label/value rows that describe an archive, from its summary.json: for {@code info} and the report. */
public final class SummaryRows {
    private SummaryRows() {
    }

    public static Map<String, String> of(JsonNode j, String root, long packs) {
        JsonNode src = j.path("source");
        JsonNode t = j.path("totals");
        JsonNode meta = j.path("metadata");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("archive", root);
        rows.put("archive id", j.path("archive_id").asText());
        rows.put("created", j.path("created").asText());
        rows.put("source", src.path("input").asText() + ":" + src.path("dataset").asText());
        rows.put("shape", join(src.path("shape")) + " " + src.path("dtype").asText() + " (" + src.path("layout").asText()
                + (src.path("chunks").isArray() ? ", chunks " + join(src.path("chunks")) : "")
                + (src.path("filters").size() > 0 ? ", " + join(src.path("filters")).replace(" x ", "+") : "") + ")");
        rows.put("tiles", j.path("tiles").path("count").asLong() + " (up to " + join(j.path("tiles").path("max_shape"))
                + ") in " + packs + " packs");
        JsonNode hash = j.path("codec").path("model_sha256");
        rows.put("model", j.path("codec").path("model_id").asText() + (hash.isNull() ? "" : " (sha256 " + hash.asText() + ")"));
        rows.putAll(BoundRows.of(j));
        rows.put("format", "archive v" + j.path("format_version").asInt() + ", tile streams v"
                + j.path("codec").path("tile_format_version").asInt());
        rows.put("original size", ArchiveBytes.format(t.path("original_bytes").asLong()));
        rows.put("compressed size", ArchiveBytes.format(t.path("compressed_bytes").asLong()));
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", t.path("bits_per_pixel").asDouble()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", t.path("ratio").asDouble()));
        rows.put("time", String.format(Locale.ROOT, "%.1f s (%.1f MB/s, read amplification %.3f)",
                t.path("seconds").asDouble(), t.path("mb_per_s").asDouble(), t.path("read_amplification").asDouble()));
        rows.put("verified at compress", t.path("verified").asBoolean() ? "yes" : "no");
        rows.put("metadata", meta.path("groups").asInt() + " groups, " + meta.path("datasets").asInt() + " datasets, "
                + meta.path("attributes").asInt() + " attributes" + (meta.path("not_captured").size() == 0 ? ""
                : "; not captured: " + meta.path("not_captured").size()));
        return rows;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(" x ", parts);
    }
}
