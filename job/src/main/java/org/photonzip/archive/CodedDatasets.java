package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.photonzip.hdf5.MetadataSamples;

import java.util.ArrayList;
import java.util.List;

/** {@code summary.json}'s {@code metadata.coded}: the datasets kept in {@code metadata-samples.pz} (§5.1). */
final class CodedDatasets {
    private CodedDatasets() {
    }

    static void write(ObjectNode metadata, List<MetadataSamples.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        metadata.put("samples_file", MetadataSamples.FILE);
        ArrayNode coded = metadata.putArray("coded");
        for (MetadataSamples.Entry e : entries) {
            ObjectNode o = coded.addObject();
            o.put("path", e.path());
            o.put("dtype", e.dtype());
            ArrayNode shape = o.putArray("shape");
            for (int v : e.shape()) {
                shape.add(v);
            }
            o.put("sample_sha256", e.sha256());
            ArrayNode parts = o.putArray("parts");
            for (MetadataSamples.Part p : e.parts()) {
                parts.addObject().put("t0", p.t0()).put("frames", p.frames()).put("y0", p.y0()).put("rows", p.rows())
                        .put("offset", p.offset()).put("length", p.length()).put("sample_sha256", p.sha256());
            }
        }
    }

    static List<MetadataSamples.Entry> read(JsonNode coded, String where) {
        List<MetadataSamples.Entry> out = new ArrayList<>();
        if (coded.isMissingNode() || coded.isNull()) {
            return out;
        }
        if (!coded.isArray()) {
            throw invalid(where, "metadata.coded is not an array");
        }
        for (JsonNode e : coded) {
            JsonNode shape = e.path("shape");
            if (!shape.isArray() || shape.size() != 3 || !e.path("parts").isArray()) {
                throw invalid(where, "metadata.coded entry " + e.path("path").asText("?") + " lacks its shape or parts");
            }
            int[] dims = new int[3];
            for (int i = 0; i < 3; i++) {
                dims[i] = number(shape.get(i), where, "shape");
            }
            List<MetadataSamples.Part> parts = new ArrayList<>();
            for (JsonNode p : e.path("parts")) {
                parts.add(new MetadataSamples.Part(number(p.path("t0"), where, "t0"),
                        number(p.path("frames"), where, "frames"), number(p.path("y0"), where, "y0"),
                        number(p.path("rows"), where, "rows"), length(p.path("offset"), where, "offset"),
                        length(p.path("length"), where, "length"), text(p.path("sample_sha256"), where)));
            }
            out.add(new MetadataSamples.Entry(text(e.path("path"), where), text(e.path("dtype"), where), dims,
                    text(e.path("sample_sha256"), where), List.copyOf(parts)));
        }
        return out;
    }

    private static int number(JsonNode n, String where, String field) {
        if (!n.canConvertToInt() || n.asInt() < 0) {
            throw invalid(where, "metadata.coded field " + field + " is not a non-negative int32: " + n);
        }
        return n.asInt();
    }

    private static long length(JsonNode n, String where, String field) {
        if (!n.canConvertToLong() || n.asLong() < 0) {
            throw invalid(where, "metadata.coded field " + field + " is not a non-negative int64: " + n);
        }
        return n.asLong();
    }

    private static String text(JsonNode n, String where) {
        if (!n.isTextual()) {
            throw invalid(where, "metadata.coded has a missing text field");
        }
        return n.asText();
    }

    private static InvalidArchiveException invalid(String where, String reason) {
        return new InvalidArchiveException("Invalid archive " + where + ": summary.json " + reason);
    }
}
