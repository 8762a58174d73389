package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * {@code codec.error_bound} in summary.json (docs/archive-format.md, "Error-bounded archives"): present only in
 * bounded archives, so a lossless archive's summary is what it always was. Holds the mode, the bound, the
 * noise model (fixed-point integers as the streams store them, and their values) and where the model came
 * from. Every bounded tile stream carries its own bound too; this record is what readers show and check first.
 *
 * @param noise  the scan's fitted noise model (the bound's own for a noise bound; for an absolute bound the
 *               one the report scales errors by), or null when none could be fitted
 * @param origin where the noise model came from
 */
public record BoundRecord(ErrorBound bound, NoiseModel noise, String origin) {
    public static final String FIELD = "error_bound";

    public String mode() {
        return bound instanceof ErrorBound.Absolute ? "absolute" : "noise";
    }

    /** The bound as the user gave it: N counts, or K noise standard deviations. */
    public double value() {
        return bound instanceof ErrorBound.Absolute a ? a.n() : ((ErrorBound.NoiseScaled) bound).k();
    }

    public void write(JsonNode summary) {
        ObjectNode b = ((ObjectNode) summary.path("codec")).putObject(FIELD);
        b.put("lossy", true);
        b.put("mode", mode());
        if (bound instanceof ErrorBound.Absolute a) {
            b.put("bound", a.n());
        } else {
            ErrorBound.NoiseScaled n = (ErrorBound.NoiseScaled) bound;
            b.put("bound", n.k());
            b.put("k_fixed", n.kFixed());
        }
        b.put("max_pixel_bound", bound.maxBound());
        b.put("description", bound.describe());
        if (noise == null) {
            b.putNull("noise_model");
        } else {
            ObjectNode m = b.putObject("noise_model");
            m.put("gain", noise.gain());
            m.put("dark", noise.dark());
            m.put("read_noise", noise.readNoise());
            m.put("gain_fixed", noise.gainFixed());
            m.put("dark_fixed", noise.darkFixed());
            m.put("read_fixed", noise.readFixed());
            m.put("variance", "gain * max(I - dark, 0) + read_noise^2");
        }
        b.put("noise_model_origin", origin);
    }

    /** The record of a summary, or null for a lossless archive. */
    public static BoundRecord read(Summary summary) {
        JsonNode b = summary.json().path("codec").path(FIELD);
        if (b.isMissingNode() || b.isNull()) {
            return null;
        }
        try {
            JsonNode m = b.path("noise_model");
            NoiseModel noise = m.isObject() ? new NoiseModel(m.path("gain_fixed").asInt(-1),
                    m.path("dark_fixed").asInt(-1), m.path("read_fixed").asInt(-1)) : null;
            String mode = b.path("mode").asText();
            ErrorBound bound = switch (mode) {
                case "absolute" -> ErrorBound.absolute(b.path("bound").asInt(-1));
                case "noise" -> {
                    if (noise == null) {
                        throw new IllegalArgumentException("a noise bound without its noise_model");
                    }
                    yield new ErrorBound.NoiseScaled(b.path("k_fixed").asInt(-1), noise);
                }
                default -> throw new IllegalArgumentException("unknown mode \"" + mode + "\"");
            };
            return new BoundRecord(bound, noise, b.path("noise_model_origin").asText(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidArchiveException("Invalid archive: summary.json codec." + FIELD + ": " + e.getMessage(), e);
        }
    }
}
