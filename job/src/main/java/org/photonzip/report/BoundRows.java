package org.photonzip.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The rows saying whether an archive is lossless or error-bounded, from summary.json's codec.error_bound. */
public final class BoundRows {
    private BoundRows() {
    }

    public static Map<String, String> of(JsonNode summary) {
        Map<String, String> rows = new LinkedHashMap<>();
        JsonNode b = summary.path("codec").path("error_bound");
        if (b.isMissingNode() || b.isNull()) {
            rows.put("mode", "lossless (restores every value bit for bit)");
            return rows;
        }
        boolean absolute = "absolute".equals(b.path("mode").asText());
        rows.put("mode", "ERROR-BOUNDED (LOSSY): restored values differ from the source by up to the bound");
        rows.put("error bound", absolute ? "|restored − source| ≤ " + b.path("bound").asInt() + " counts"
                : String.format(Locale.ROOT, "|restored − source| ≤ ⌊%s·σ(prediction)⌋ (at most %d counts)",
                b.path("bound").asText(), b.path("max_pixel_bound").asInt()));
        JsonNode m = b.path("noise_model");
        rows.put("noise model", m.isObject() ? String.format(Locale.ROOT,
                "σ² = %.5g·max(I − %.4g, 0) + %.4g², from %s", m.path("gain").asDouble(), m.path("dark").asDouble(),
                m.path("read_noise").asDouble(), b.path("noise_model_origin").asText())
                : "none (" + b.path("noise_model_origin").asText() + ")");
        return rows;
    }
}
