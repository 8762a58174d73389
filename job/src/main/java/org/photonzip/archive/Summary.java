package org.photonzip.archive;

import org.photonzip.hdf5.MetadataSamples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.source.StackDescriptor;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code summary.json}: the human-readable description of an archive (docs/archive-format.md): the source's layout,
 * what was captured besides the stack, the tiling, the codec and model, and the totals.
 */
public final class Summary {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private Summary(ObjectNode root) {
        this.root = root;
    }

    /** Figures of one compress run. */
    public record Totals(long tiles, int tasks, long samples, long compressedBytes, long bytesRead, double seconds,
                         boolean verified) {
        public long originalBytes() {
            return samples * 2;
        }

        public double bitsPerPixel() {
            return samples == 0 ? 0 : 8.0 * compressedBytes / samples;
        }

        public double ratio() {
            return compressedBytes == 0 ? 0 : (double) originalBytes() / compressedBytes;
        }

        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : originalBytes() / 1e6 / seconds;
        }
    }

    public static Summary create(String archiveId, StackDescriptor s, java.util.Map<String, String> stackAttributes,
                                 int[] tileShape, long taskBytes,
                                 String modelId, String modelHash, MetadataCapture metadata, Totals totals,
                                 String sparkMaster, int parallelism) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ArchiveLayout.FORMAT);
        root.put("format_version", ArchiveLayout.VERSION);
        root.put("archive_id", archiveId);
        root.put("created", Instant.now().toString());
        root.put("photonzip_version", org.photonzip.PhotonzipVersion.NUMBER);

        ObjectNode src = root.putObject("source");
        src.put("input", s.input());
        src.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (s.kind() == StackDescriptor.Kind.HDF5) {
            src.put("file", s.file());
            src.put("dataset_in_file", s.dataset());
        } else {
            src.put("tiff_files", s.tiffFiles().size());
        }
        src.put("dataset", s.datasetPath());
        src.put("dtype", s.dtype());
        ArrayNode shape = src.putArray("shape");
        shape.add(s.frames()).add(s.height()).add(s.width());
        src.put("byte_order", s.bigEndian() ? "big" : "little");
        src.put("layout", s.layout());
        if (s.chunks() != null) {
            ArrayNode chunks = src.putArray("chunks");
            for (int c : s.chunks()) {
                chunks.add(c);
            }
        } else {
            src.putNull("chunks");
        }
        ArrayNode filters = src.putArray("filters");
        s.filters().forEach(filters::add);
        src.put("file_bytes", s.fileBytes());
        src.put("stack_bytes", s.sourceBytes());
        src.put("stored_bytes", s.storedBytes());
        ObjectNode attributes = src.putObject("attributes");
        stackAttributes.forEach(attributes::put);

        ObjectNode meta = root.putObject("metadata");
        meta.put("file", ArchiveLayout.METADATA);
        meta.put("groups", metadata.groups());
        meta.put("datasets", metadata.datasets());
        meta.put("attributes", metadata.attributes());
        ArrayNode skipped = meta.putArray("not_captured");
        metadata.skipped().forEach(skipped::add);
        CodedDatasets.write(meta, metadata.coded());

        ObjectNode tiles = root.putObject("tiles");
        ArrayNode ts = tiles.putArray("max_shape");
        for (int v : tileShape) {
            ts.add(v);
        }
        tiles.put("count", totals.tiles());
        tiles.put("tasks", totals.tasks());
        tiles.put("task_memory_bytes", taskBytes);

        ObjectNode codec = root.putObject("codec");
        codec.put("tile_format_version", TileFormat.VERSION);
        codec.put("model_id", modelId);
        if (modelHash == null) {
            codec.putNull("model_sha256");
        } else {
            codec.put("model_sha256", modelHash);
        }
        codec.put("pixel_hash", "sha256 of uint16 little-endian samples, t y x order");
        codec.put("pack_checksum", "crc32c of each tile stream");

        ObjectNode t = root.putObject("totals");
        t.put("samples", totals.samples());
        t.put("original_bytes", totals.originalBytes());
        t.put("compressed_bytes", totals.compressedBytes());
        t.put("bits_per_pixel", round(totals.bitsPerPixel()));
        t.put("ratio", round(totals.ratio()));
        t.put("seconds", round(totals.seconds()));
        t.put("mb_per_s", round(totals.megabytesPerSecond()));
        t.put("bytes_read", totals.bytesRead());
        t.put("read_amplification", round(s.readAmplification(totals.bytesRead())));
        t.put("verified", totals.verified());

        ObjectNode spark = root.putObject("spark");
        spark.put("master", sparkMaster);
        spark.put("parallelism", parallelism);
        return new Summary(root);
    }

    /** What {@code metadata.h5} holds. */
    public record MetadataCapture(int groups, int datasets, int attributes, List<String> skipped,
                                  List<MetadataSamples.Entry> coded) {
        public MetadataCapture(int groups, int datasets, int attributes, List<String> skipped) {
            this(groups, datasets, attributes, skipped, List.of());
        }
    }

    /** The datasets whose samples are coded in {@code metadata-samples.pz} (none in archives written before it). */
    public List<MetadataSamples.Entry> codedDatasets() {
        return CodedDatasets.read(root.path("metadata").path("coded"), where());
    }

    private String where() {
        return root.path("archive_id").asText("summary.json");
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    public static Summary parse(byte[] json, String where) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode o) || !ArchiveLayout.FORMAT.equals(o.path("format").asText())) {
                throw new InvalidArchiveException("Invalid archive " + where + ": summary.json is not a photonzip summary");
            }
            return new Summary(o);
        } catch (IOException e) {
            throw new InvalidArchiveException("Invalid archive " + where + ": summary.json is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode summary.json: " + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        return root;
    }

    public String datasetPath() {
        return root.path("source").path("dataset").asText();
    }

    public String dtype() {
        return root.path("source").path("dtype").asText("uint16");
    }

    public int[] shape() {
        return ints(root.path("source").path("shape"));
    }

    /** The source's chunk shape, or null when it was not chunked. */
    public int[] chunks() {
        JsonNode c = root.path("source").path("chunks");
        return c.isArray() ? ints(c) : null;
    }

    public String layout() {
        return root.path("source").path("layout").asText();
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }
}
