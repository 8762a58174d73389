package org.photonzip.archive;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.photonzip.PhotonzipVersion;
import org.photonzip.codec.format.TileFormat;
import org.photonzip.source.StackDescriptor;

/**
 * {@code summary.json}: the human-readable description of an archive (docs/archive-format.md): the source's layout,
 * what was captured besides the stack, the tiling, the codec and model, and the totals. An immutable value;
 * {@link SummaryJson}, the one place that knows the file's keys, writes it ({@link #toJson}) and reads and checks it
 * ({@link #parse}).
 *
 * @param formatVersion    the archive format version
 * @param created          when the archive was written (ISO-8601)
 * @param photonzipVersion the version of photonzip that wrote it
 * @param sourceRecord     the source files as archived, or null (archives written before it, or by plain compress)
 */
public record Summary(
        int formatVersion,
        String archiveId,
        String created,
        String photonzipVersion,
        Source source,
        Metadata metadata,
        Tiles tiles,
        Codec codec,
        Figures totals,
        Spark spark,
        SourceRecord sourceRecord) {
    /** {@code pixel_hash}: how the manifest's pixel hashes are computed. */
    static final String PIXEL_HASH = "sha256 of uint16 little-endian samples, t y x order";
    /** {@code pack_checksum}: what each row's checksum covers. */
    static final String PACK_CHECKSUM = "crc32c of each tile stream";

    /**
     * The stack as it was read. {@code file} and {@code datasetInFile} are those of an HDF5 source (else null),
     * {@code tiffFiles} the number of files of a TIFF series (else null); {@code chunks} null when not chunked.
     */
    public record Source(
            String input,
            String kind,
            String file,
            String datasetInFile,
            Integer tiffFiles,
            String dataset,
            String dtype,
            int[] shape,
            String byteOrder,
            String layout,
            int[] chunks,
            List<String> filters,
            long fileBytes,
            long stackBytes,
            long storedBytes,
            Map<String, String> attributes) {
        public Source {
            shape = shape.clone();
            chunks = chunks == null ? null : chunks.clone();
            filters = List.copyOf(filters);
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        @Override
        public int[] chunks() {
            return chunks == null ? null : chunks.clone();
        }

        public boolean isHdf5() {
            return "hdf5".equals(kind);
        }
    }

    /**
     * What {@code metadata.h5} holds, and the datasets coded in {@code metadata-samples.pz} (§5.1).
     *
     * @param notCaptured what of the source's metadata was not captured; null when the summary does not say
     */
    public record Metadata(
            String file, int groups, int datasets, int attributes, List<String> notCaptured, List<CodedDataset> coded) {
        public Metadata {
            notCaptured = notCaptured == null ? null : List.copyOf(notCaptured);
            coded = List.copyOf(coded);
        }
    }

    /** The tiling: the largest tile's shape, the number of tiles and tasks, each task's slab budget. */
    public record Tiles(int[] maxShape, long count, int tasks, long taskMemoryBytes) {
        public Tiles {
            maxShape = maxShape.clone();
        }

        @Override
        public int[] maxShape() {
            return maxShape.clone();
        }
    }

    /**
     * The codec: tile stream version, model (its SHA-256 null for the classical codec), and the error bound of a
     * bounded archive (null when lossless).
     */
    public record Codec(
            int tileFormatVersion,
            String modelId,
            String modelSha256,
            String pixelHash,
            String packChecksum,
            BoundRecord bound) {}

    /** The totals as recorded (ratios and rates rounded to four decimals). */
    public record Figures(
            long samples,
            long originalBytes,
            long compressedBytes,
            double bitsPerPixel,
            double ratio,
            double seconds,
            double mbPerSecond,
            long bytesRead,
            double readAmplification,
            boolean verified) {}

    /** The Spark master and default parallelism the archive was written with. */
    public record Spark(String master, int parallelism) {}

    /** Figures of one compress run. */
    public record Totals(
            long tiles,
            int tasks,
            long samples,
            long compressedBytes,
            long bytesRead,
            double seconds,
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

    /** What {@code metadata.h5} holds, as the driver captured it. */
    public record MetadataCapture(
            int groups, int datasets, int attributes, List<String> skipped, List<CodedDataset> coded) {
        public MetadataCapture(int groups, int datasets, int attributes, List<String> skipped) {
            this(groups, datasets, attributes, skipped, List.of());
        }
    }

    /** The summary of a new archive, stamped with this build's {@link PhotonzipVersion} and the current time. */
    public static Summary create(
            String archiveId,
            StackDescriptor s,
            Map<String, String> stackAttributes,
            int[] tileShape,
            long taskBytes,
            String modelId,
            String modelHash,
            MetadataCapture metadata,
            Totals totals,
            String sparkMaster,
            int parallelism) {
        boolean hdf5 = s.kind() == StackDescriptor.Kind.HDF5;
        Source source = new Source(
                s.input(),
                s.kind().name().toLowerCase(Locale.ROOT),
                hdf5 ? s.file() : null,
                hdf5 ? s.dataset() : null,
                hdf5 ? null : s.tiffFiles().size(),
                s.datasetPath(),
                s.dtype(),
                new int[] {s.frames(), s.height(), s.width()},
                s.bigEndian() ? "big" : "little",
                s.layout(),
                s.chunks(),
                s.filters(),
                s.fileBytes(),
                s.sourceBytes(),
                s.storedBytes(),
                stackAttributes);
        Metadata meta = new Metadata(
                ArchiveLayout.METADATA,
                metadata.groups(),
                metadata.datasets(),
                metadata.attributes(),
                metadata.skipped(),
                metadata.coded());
        Figures figures = new Figures(
                totals.samples(),
                totals.originalBytes(),
                totals.compressedBytes(),
                round(totals.bitsPerPixel()),
                round(totals.ratio()),
                round(totals.seconds()),
                round(totals.megabytesPerSecond()),
                totals.bytesRead(),
                round(s.readAmplification(totals.bytesRead())),
                totals.verified());
        return new Summary(
                ArchiveLayout.VERSION,
                archiveId,
                Instant.now().toString(),
                PhotonzipVersion.NUMBER,
                source,
                meta,
                new Tiles(tileShape, totals.tiles(), totals.tasks(), taskBytes),
                new Codec(TileFormat.VERSION, modelId, modelHash, PIXEL_HASH, PACK_CHECKSUM, null),
                figures,
                new Spark(sparkMaster, parallelism),
                null);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** This summary with the error bound of a bounded archive ({@code codec.error_bound}). */
    public Summary withBound(BoundRecord bound) {
        Codec c = new Codec(
                codec.tileFormatVersion(),
                codec.modelId(),
                codec.modelSha256(),
                codec.pixelHash(),
                codec.packChecksum(),
                bound);
        return new Summary(
                formatVersion,
                archiveId,
                created,
                photonzipVersion,
                source,
                metadata,
                tiles,
                c,
                totals,
                spark,
                sourceRecord);
    }

    /** This summary with the record of the source files as archived. */
    public Summary withSourceRecord(SourceRecord record) {
        return new Summary(
                formatVersion,
                archiveId,
                created,
                photonzipVersion,
                source,
                metadata,
                tiles,
                codec,
                totals,
                spark,
                record);
    }

    /**
     * Reads a committed archive's summary.json and checks, before any is used, the fields readers act on against
     * its {@code _SUCCESS} (format version, archive id, tile count) and their own rules (dataset, dtype, shape,
     * chunks, layout, byte order, model hash, error bound, coded datasets, source record).
     *
     * @throws InvalidArchiveException naming the field and what is wrong with it
     */
    public static Summary parse(byte[] json, CommitMarker marker, String where) {
        return SummaryJson.parse(json, marker, where);
    }

    /** How many summaries {@link #parse} read in this JVM. */
    public static long parses() {
        return SummaryJson.PARSES.get();
    }

    /** summary.json's bytes (pretty-printed JSON). */
    public byte[] toJson() {
        return SummaryJson.write(this);
    }

    /** The error bound of a bounded archive, or null when it is lossless. */
    public BoundRecord bound() {
        return codec.bound();
    }

    /** The datasets whose samples are coded in {@code metadata-samples.pz} (none in archives written before it). */
    public List<CodedDataset> codedDatasets() {
        return metadata.coded();
    }

    public String datasetPath() {
        return source.dataset();
    }

    public String dtype() {
        return source.dtype();
    }

    public int[] shape() {
        return source.shape();
    }

    /** The source's chunk shape, or null when it was not chunked. */
    public int[] chunks() {
        return source.chunks();
    }

    public String layout() {
        return source.layout();
    }
}
