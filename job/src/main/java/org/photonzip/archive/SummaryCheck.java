package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Validates the fields of {@code summary.json} that readers act on (the stack's dataset, dtype, shape and
 * layout, the tile count, the model's name) before any is used: a wrong dtype or shape would restore wrong data.
 */
final class SummaryCheck {
    static final Set<String> DTYPES = Set.of("uint16", "int16", "uint8", "int8");

    private SummaryCheck() {
    }

    static void check(Summary summary, CommitMarker marker, String where) {
        JsonNode root = summary.json();
        String at = "Invalid archive " + where + ": " + ArchiveLayout.SUMMARY + " field ";
        JsonNode version = root.path("format_version");
        if (!version.isInt() || version.asInt() != marker.version()) {
            throw new InvalidArchiveException(at + "format_version is " + version + ", _SUCCESS says "
                    + marker.version());
        }
        if (!marker.archiveId().equals(root.path("archive_id").asText(null))) {
            throw new InvalidArchiveException(at + "archive_id is " + root.path("archive_id") + ", _SUCCESS says "
                    + marker.archiveId());
        }
        JsonNode src = root.path("source");
        String dataset = src.path("dataset").isTextual() ? src.path("dataset").asText() : "";
        if (!dataset.startsWith("/") || dataset.length() > 4096) {
            throw new InvalidArchiveException(at + "source.dataset is " + src.path("dataset")
                    + ", expected an HDF5 path");
        }
        if (!DTYPES.contains(src.path("dtype").asText(""))) {
            throw new InvalidArchiveException(at + "source.dtype is " + src.path("dtype") + ", expected one of "
                    + DTYPES);
        }
        positiveInts(src.path("shape"), at + "source.shape");
        if (!src.path("chunks").isNull() && !src.path("chunks").isMissingNode()) {
            positiveInts(src.path("chunks"), at + "source.chunks");
        }
        if (!src.path("layout").isTextual()) {
            throw new InvalidArchiveException(at + "source.layout is " + src.path("layout") + ", expected text");
        }
        JsonNode order = src.path("byte_order");
        if (!order.isMissingNode() && !Set.of("little", "big").contains(order.asText(""))) {
            throw new InvalidArchiveException(at + "source.byte_order is " + order + ", expected little or big");
        }
        JsonNode count = root.path("tiles").path("count");
        if (!count.isIntegralNumber() || count.asLong() != marker.tiles()) {
            throw new InvalidArchiveException(at + "tiles.count is " + count + ", _SUCCESS says " + marker.tiles());
        }
        JsonNode model = root.path("codec").path("model_sha256");
        if (!model.isNull() && !model.isMissingNode() && !FileEntry.isSha256(model.asText(null))) {
            throw new InvalidArchiveException(at + "codec.model_sha256 is " + model + ", expected null or a SHA-256");
        }
    }

    private static void positiveInts(JsonNode array, String field) {
        boolean ok = array.isArray() && array.size() == 3;
        for (int i = 0; ok && i < 3; i++) {
            ok = array.get(i).isInt() && array.get(i).asInt() > 0;
        }
        if (!ok) {
            throw new InvalidArchiveException(field + " is " + array + ", expected three positive 32-bit integers");
        }
    }
}
