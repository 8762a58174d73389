package org.photonzip.archive;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The manifest: one row per tile, as one Parquet file (queryable with Spark SQL, pandas / pyarrow) and the same
 * rows as CSV for tools without Parquet. Written by the driver in a single step, read back without Spark.
 */
public final class Manifest {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message photonzip_tile {
              required binary dataset (STRING);
              required int32 t0;
              required int32 frames;
              required int32 y0;
              required int32 height;
              required int32 x0;
              required int32 width;
              required binary pack (STRING);
              required int64 offset;
              required int64 length;
              required int64 crc32c;
              required binary pixel_sha256 (STRING);
              required double bits_per_pixel;
              required binary model_id (STRING);
            }
            """);
    static final String CSV_HEADER =
            "dataset,t0,frames,y0,height,x0,width,pack,offset,length,crc32c,pixel_sha256," + "bits_per_pixel,model_id";

    private static final String MANIFEST_NAME = ArchiveLayout.MANIFEST;

    private Manifest() {}

    public static void writeParquet(List<TileRow> rows, FileSystem fs, Path file, Configuration conf)
            throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new NewFile(fs, file))
                .withType(SCHEMA)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.GZIP)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            for (TileRow r : rows) {
                writer.write(groups.newGroup()
                        .append("dataset", r.dataset())
                        .append("t0", r.t0())
                        .append("frames", r.frames())
                        .append("y0", r.y0())
                        .append("height", r.height())
                        .append("x0", r.x0())
                        .append("width", r.width())
                        .append("pack", r.pack())
                        .append("offset", r.offset())
                        .append("length", r.length())
                        .append("crc32c", r.crc32c())
                        .append("pixel_sha256", r.pixelSha256())
                        .append("bits_per_pixel", r.bitsPerPixel())
                        .append("model_id", r.modelId()));
            }
        }
    }

    public static List<TileRow> readParquet(FileSystem fs, Path file, Configuration conf) throws IOException {
        return readParquet(file, conf, Long.MAX_VALUE);
    }

    /**
     * The rows of a manifest; refuses one with more than {@code maxRows} rows (reading stops there) or that is
     * not a manifest, as an {@link InvalidArchiveException} naming the file.
     */
    static List<TileRow> readParquet(Path file, Configuration conf, long maxRows) throws IOException {
        List<TileRow> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file)
                .withConf(conf)
                .build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                if (rows.size() >= maxRows) {
                    throw new InvalidArchiveException("Invalid archive " + file.getParent() + ": " + MANIFEST_NAME
                            + " has more than the " + maxRows + " rows _SUCCESS field tiles says");
                }
                rows.add(new TileRow(
                        g.getString("dataset", 0),
                        g.getInteger("t0", 0),
                        g.getInteger("frames", 0),
                        g.getInteger("y0", 0),
                        g.getInteger("height", 0),
                        g.getInteger("x0", 0),
                        g.getInteger("width", 0),
                        g.getString("pack", 0),
                        g.getLong("offset", 0),
                        g.getLong("length", 0),
                        g.getLong("crc32c", 0),
                        g.getString("pixel_sha256", 0),
                        g.getDouble("bits_per_pixel", 0),
                        g.getString("model_id", 0)));
            }
        } catch (InvalidArchiveException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            // Parquet reports damage as assorted runtime exceptions (decoding, schema, missing fields).
            throw new InvalidArchiveException(
                    "Invalid archive " + file.getParent() + ": " + MANIFEST_NAME + " is not a readable manifest (" + e
                            + ")",
                    e);
        }
        return rows;
    }

    public static void writeCsv(List<TileRow> rows, FileSystem fs, Path file) throws IOException {
        try (FSDataOutputStream out = fs.create(file, false);
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER);
            w.write('\n');
            for (TileRow r : rows) {
                w.write(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%d,%d,%d,%d,%s,%d,%d,%d,%s,%.6f,%s%n",
                        csv(r.dataset()),
                        r.t0(),
                        r.frames(),
                        r.y0(),
                        r.height(),
                        r.x0(),
                        r.width(),
                        csv(r.pack()),
                        r.offset(),
                        r.length(),
                        r.crc32c(),
                        r.pixelSha256(),
                        r.bitsPerPixel(),
                        csv(r.modelId())));
            }
        }
    }

    /** A Parquet output file created exclusively on a given file system (not the one the path's scheme maps to). */
    private record NewFile(FileSystem fs, Path path) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }

    private static String csv(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
