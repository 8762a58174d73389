package org.photonzip.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;

/**
 * The one place that knows summary.json's keys (docs/archive-format.md): writes a {@link Summary} and reads one
 * back, checking before any field is used what readers act on (the stack's dataset, dtype, shape and layout, the
 * tile count, the model's hash, the error bound, the coded datasets, the source record): a wrong dtype or shape
 * would restore wrong data. Fields no reader acts on are read leniently, as they are only shown.
 */
final class SummaryJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> DTYPES = Set.of("uint16", "int16", "uint8", "int8");
    static final String BOUND = "error_bound";
    static final String SOURCE_RECORD = "source_record";

    /** Parses in this JVM: compress hands the summary it built to the report instead of reading it back. */
    static final java.util.concurrent.atomic.AtomicLong PARSES = new java.util.concurrent.atomic.AtomicLong();

    private SummaryJson() {}

    // ---- writing ----

    static byte[] write(Summary s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ArchiveLayout.FORMAT);
        root.put("format_version", s.formatVersion());
        root.put("archive_id", s.archiveId());
        root.put("created", s.created());
        root.put("photonzip_version", s.photonzipVersion());
        writeSource(root.putObject("source"), s.source());
        writeMetadata(root.putObject("metadata"), s.metadata());

        ObjectNode tiles = root.putObject("tiles");
        ints(tiles.putArray("max_shape"), s.tiles().maxShape());
        tiles.put("count", s.tiles().count());
        tiles.put("tasks", s.tiles().tasks());
        tiles.put("task_memory_bytes", s.tiles().taskMemoryBytes());

        ObjectNode codec = root.putObject("codec");
        Summary.Codec c = s.codec();
        codec.put("tile_format_version", c.tileFormatVersion());
        codec.put("model_id", c.modelId());
        if (c.modelSha256() == null) {
            codec.putNull("model_sha256");
        } else {
            codec.put("model_sha256", c.modelSha256());
        }
        codec.put("pixel_hash", c.pixelHash());
        codec.put("pack_checksum", c.packChecksum());
        if (c.bound() != null) {
            writeBound(codec.putObject(BOUND), c.bound());
        }

        ObjectNode t = root.putObject("totals");
        Summary.Figures f = s.totals();
        t.put("samples", f.samples());
        t.put("original_bytes", f.originalBytes());
        t.put("compressed_bytes", f.compressedBytes());
        t.put("bits_per_pixel", f.bitsPerPixel());
        t.put("ratio", f.ratio());
        t.put("seconds", f.seconds());
        t.put("mb_per_s", f.mbPerSecond());
        t.put("bytes_read", f.bytesRead());
        t.put("read_amplification", f.readAmplification());
        t.put("verified", f.verified());

        ObjectNode spark = root.putObject("spark");
        spark.put("master", s.spark().master());
        spark.put("parallelism", s.spark().parallelism());
        if (s.sourceRecord() != null) {
            writeSourceRecord(root.putObject(SOURCE_RECORD), s.sourceRecord());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode summary.json: " + e.getMessage(), e);
        }
    }

    private static void writeSource(ObjectNode src, Summary.Source s) {
        src.put("input", s.input());
        src.put("kind", s.kind());
        if (s.tiffFiles() == null) {
            src.put("file", s.file());
            src.put("dataset_in_file", s.datasetInFile());
        } else {
            src.put("tiff_files", s.tiffFiles());
        }
        src.put("dataset", s.dataset());
        src.put("dtype", s.dtype());
        ints(src.putArray("shape"), s.shape());
        src.put("byte_order", s.byteOrder());
        src.put("layout", s.layout());
        if (s.chunks() != null) {
            ints(src.putArray("chunks"), s.chunks());
        } else {
            src.putNull("chunks");
        }
        ArrayNode filters = src.putArray("filters");
        s.filters().forEach(filters::add);
        src.put("file_bytes", s.fileBytes());
        src.put("stack_bytes", s.stackBytes());
        src.put("stored_bytes", s.storedBytes());
        ObjectNode attributes = src.putObject("attributes");
        s.attributes().forEach(attributes::put);
    }

    private static void writeMetadata(ObjectNode meta, Summary.Metadata m) {
        meta.put("file", m.file());
        meta.put("groups", m.groups());
        meta.put("datasets", m.datasets());
        meta.put("attributes", m.attributes());
        ArrayNode skipped = meta.putArray("not_captured");
        if (m.notCaptured() != null) {
            m.notCaptured().forEach(skipped::add);
        }
        if (m.coded().isEmpty()) {
            return;
        }
        meta.put("samples_file", ArchiveLayout.METADATA_SAMPLES);
        ArrayNode coded = meta.putArray("coded");
        for (CodedDataset e : m.coded()) {
            ObjectNode o = coded.addObject();
            o.put("path", e.path());
            o.put("dtype", e.dtype());
            ints(o.putArray("shape"), e.shape());
            o.put("sample_sha256", e.sha256());
            ArrayNode parts = o.putArray("parts");
            for (CodedDataset.Part p : e.parts()) {
                parts.addObject()
                        .put("t0", p.t0())
                        .put("frames", p.frames())
                        .put("y0", p.y0())
                        .put("rows", p.rows())
                        .put("offset", p.offset())
                        .put("length", p.length())
                        .put("sample_sha256", p.sha256());
            }
        }
    }

    private static void writeBound(ObjectNode b, BoundRecord r) {
        b.put("lossy", true);
        b.put("mode", r.mode());
        if (r.bound() instanceof ErrorBound.Absolute a) {
            b.put("bound", a.n());
        } else {
            ErrorBound.NoiseScaled n = (ErrorBound.NoiseScaled) r.bound();
            b.put("bound", n.k());
            b.put("k_fixed", n.kFixed());
        }
        b.put("max_pixel_bound", r.bound().maxBound());
        b.put("description", r.bound().describe());
        NoiseModel noise = r.noise();
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
        b.put("noise_model_origin", r.origin());
    }

    private static void writeSourceRecord(ObjectNode r, SourceRecord record) {
        ArrayNode fs = r.putArray("files");
        for (SourceRecord.File f : record.files()) {
            ObjectNode o =
                    fs.addObject().put("path", f.path()).put("bytes", f.bytes()).put("mtime", f.mtime());
            if (f.sha256() == null) {
                o.putNull("sha256");
            } else {
                o.put("sha256", f.sha256());
            }
        }
        ArrayNode n = r.putArray("not_held");
        record.notHeld().forEach(n::add);
    }

    private static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    // ---- reading ----

    static Summary parse(byte[] json, CommitMarker marker, String where) {
        PARSES.incrementAndGet();
        ObjectNode root;
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode o)
                    || !ArchiveLayout.FORMAT.equals(o.path("format").asText())) {
                throw new InvalidArchiveException(
                        "Invalid archive " + where + ": summary.json is not a photonzip summary");
            }
            root = o;
        } catch (IOException e) {
            throw new InvalidArchiveException(
                    "Invalid archive " + where + ": summary.json is not valid JSON (" + e.getMessage() + ")", e);
        }
        check(root, marker, where);
        BoundRecord bound = readBound(root.path("codec").path(BOUND));
        String id = root.path("archive_id").asText("summary.json");
        List<CodedDataset> coded = readCoded(root.path("metadata").path("coded"), id);
        SourceRecord sourceRecord = readSourceRecord(root.path(SOURCE_RECORD));

        JsonNode src = root.path("source");
        JsonNode chunks = src.path("chunks");
        Map<String, String> attributes = new LinkedHashMap<>();
        src.path("attributes")
                .fields()
                .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Summary.Source source = new Summary.Source(
                src.path("input").asText(),
                src.path("kind").asText(),
                text(src.path("file")),
                text(src.path("dataset_in_file")),
                src.has("tiff_files") ? src.path("tiff_files").asInt() : null,
                src.path("dataset").asText(),
                src.path("dtype").asText(),
                ints(src.path("shape")),
                src.path("byte_order").asText("little"),
                src.path("layout").asText(),
                chunks.isArray() ? ints(chunks) : null,
                texts(src.path("filters")),
                src.path("file_bytes").asLong(),
                src.path("stack_bytes").asLong(),
                src.path("stored_bytes").asLong(),
                attributes);
        JsonNode meta = root.path("metadata");
        Summary.Metadata metadata = new Summary.Metadata(
                meta.path("file").asText(),
                meta.path("groups").asInt(),
                meta.path("datasets").asInt(),
                meta.path("attributes").asInt(),
                meta.path("not_captured").isArray() ? texts(meta.path("not_captured")) : null,
                coded);
        JsonNode tiles = root.path("tiles");
        Summary.Tiles t = new Summary.Tiles(
                ints(tiles.path("max_shape")),
                tiles.path("count").asLong(),
                tiles.path("tasks").asInt(),
                tiles.path("task_memory_bytes").asLong());
        JsonNode codec = root.path("codec");
        Summary.Codec c = new Summary.Codec(
                codec.path("tile_format_version").asInt(),
                codec.path("model_id").asText(),
                text(codec.path("model_sha256")),
                codec.path("pixel_hash").asText(),
                codec.path("pack_checksum").asText(),
                bound);
        JsonNode f = root.path("totals");
        Summary.Figures figures = new Summary.Figures(
                f.path("samples").asLong(),
                f.path("original_bytes").asLong(),
                f.path("compressed_bytes").asLong(),
                f.path("bits_per_pixel").asDouble(),
                f.path("ratio").asDouble(),
                f.path("seconds").asDouble(),
                f.path("mb_per_s").asDouble(),
                f.path("bytes_read").asLong(),
                f.path("read_amplification").asDouble(),
                f.path("verified").asBoolean());
        JsonNode spark = root.path("spark");
        return new Summary(
                root.path("format_version").asInt(),
                root.path("archive_id").asText(),
                root.path("created").asText(),
                root.path("photonzip_version").asText(),
                source,
                metadata,
                t,
                c,
                figures,
                new Summary.Spark(
                        spark.path("master").asText(), spark.path("parallelism").asInt()),
                sourceRecord);
    }

    /** The checks of the fields readers act on, in order; each message names the field and what it should be. */
    private static void check(JsonNode root, CommitMarker marker, String where) {
        String at = "Invalid archive " + where + ": " + ArchiveLayout.SUMMARY + " field ";
        JsonNode version = root.path("format_version");
        if (!version.isInt() || version.asInt() != marker.version()) {
            throw new InvalidArchiveException(
                    at + "format_version is " + version + ", _SUCCESS says " + marker.version());
        }
        if (!marker.archiveId().equals(root.path("archive_id").asText(null))) {
            throw new InvalidArchiveException(
                    at + "archive_id is " + root.path("archive_id") + ", _SUCCESS says " + marker.archiveId());
        }
        JsonNode src = root.path("source");
        String dataset = src.path("dataset").isTextual() ? src.path("dataset").asText() : "";
        if (!dataset.startsWith("/") || dataset.length() > 4096) {
            throw new InvalidArchiveException(
                    at + "source.dataset is " + src.path("dataset") + ", expected an HDF5 path");
        }
        if (!DTYPES.contains(src.path("dtype").asText(""))) {
            throw new InvalidArchiveException(
                    at + "source.dtype is " + src.path("dtype") + ", expected one of " + DTYPES);
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

    /** {@code codec.error_bound}, or null for a lossless archive. */
    private static BoundRecord readBound(JsonNode b) {
        if (b.isMissingNode() || b.isNull()) {
            return null;
        }
        try {
            JsonNode m = b.path("noise_model");
            NoiseModel noise = m.isObject()
                    ? new NoiseModel(
                            m.path("gain_fixed").asInt(-1),
                            m.path("dark_fixed").asInt(-1),
                            m.path("read_fixed").asInt(-1))
                    : null;
            String mode = b.path("mode").asText();
            ErrorBound bound =
                    switch (mode) {
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
            throw new InvalidArchiveException(
                    "Invalid archive: summary.json codec." + BOUND + ": " + e.getMessage(), e);
        }
    }

    /** {@code metadata.coded}: none in archives written before it. */
    private static List<CodedDataset> readCoded(JsonNode coded, String where) {
        List<CodedDataset> out = new ArrayList<>();
        if (coded.isMissingNode() || coded.isNull()) {
            return out;
        }
        if (!coded.isArray()) {
            throw invalid(where, "metadata.coded is not an array");
        }
        for (JsonNode e : coded) {
            JsonNode shape = e.path("shape");
            if (!shape.isArray() || shape.size() != 3 || !e.path("parts").isArray()) {
                throw invalid(
                        where, "metadata.coded entry " + e.path("path").asText("?") + " lacks its shape or parts");
            }
            int[] dims = new int[3];
            for (int i = 0; i < 3; i++) {
                dims[i] = number(shape.get(i), where, "shape");
            }
            List<CodedDataset.Part> parts = new ArrayList<>();
            for (JsonNode p : e.path("parts")) {
                parts.add(new CodedDataset.Part(
                        number(p.path("t0"), where, "t0"),
                        number(p.path("frames"), where, "frames"),
                        number(p.path("y0"), where, "y0"),
                        number(p.path("rows"), where, "rows"),
                        length(p.path("offset"), where, "offset"),
                        length(p.path("length"), where, "length"),
                        text(p.path("sample_sha256"), where)));
            }
            out.add(new CodedDataset(
                    text(e.path("path"), where),
                    text(e.path("dtype"), where),
                    dims,
                    text(e.path("sample_sha256"), where),
                    parts));
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

    /** {@code source_record}, or null when the archive has none (written before it existed). */
    private static SourceRecord readSourceRecord(JsonNode r) {
        if (r.isMissingNode() || r.isNull()) {
            return null;
        }
        if (!r.path("files").isArray() || !r.path("not_held").isArray()) {
            throw new InvalidArchiveException(
                    "Invalid archive: summary.json " + SOURCE_RECORD + " lacks files or not_held");
        }
        List<SourceRecord.File> files = new ArrayList<>();
        for (JsonNode f : r.path("files")) {
            if (!f.path("path").isTextual() || !f.path("bytes").canConvertToLong()) {
                throw new InvalidArchiveException("Invalid archive: summary.json " + SOURCE_RECORD + ".files: " + f);
            }
            files.add(new SourceRecord.File(
                    f.path("path").asText(),
                    f.path("bytes").asLong(),
                    f.path("mtime").asLong(),
                    f.path("sha256").isTextual() ? f.path("sha256").asText() : null));
        }
        List<String> notHeld = new ArrayList<>();
        r.path("not_held").forEach(n -> notHeld.add(n.asText()));
        return new SourceRecord(files, notHeld);
    }

    /** Text, or null where the field is missing or null. */
    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int[] ints(JsonNode array) {
        if (!array.isArray()) {
            return new int[0];
        }
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }
}
