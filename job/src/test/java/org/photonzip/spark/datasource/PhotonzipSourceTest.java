package org.photonzip.spark.datasource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code spark.read.format("photonzip")}: a one-frame query of a 64-tile archive decodes only its 16 tiles and
 * equals the source; a damaged tile fails the query.
 */
@Tag("slow")
class PhotonzipSourceTest {
    /** Adaptive execution off, so that the executed plan is the one that ran and holds the scan's metrics. */
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark().with("spark.sql.adaptive.enabled", "false");

    /** A query's rows and the tiles its scans decoded (their {@link TilesDecoded} metric, summed by Spark). */
    private record Result(List<Row> rows, long decoded) {}

    private static Result run(Dataset<Row> query) {
        List<Row> rows = query.collectAsList();
        return new Result(rows, decoded(query.queryExecution().executedPlan()));
    }

    private static long decoded(SparkPlan plan) {
        long n = plan.metrics().get(TilesDecoded.NAME).isDefined()
                ? plan.metrics().get(TilesDecoded.NAME).get().value()
                : 0;
        for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
            n += decoded(child);
        }
        return n;
    }

    @Test
    void aOneFrameQueryDecodesOnlyTheTilesCoveringItAndEqualsTheSource(@TempDir Path dir) throws Exception {
        SparkSession spark = SPARK.session();
        try {
            Path input = JobFixtures.writeStack(dir.resolve("s.h5"), 16, 64, 64, "uint16", null, 3);
            String archive = dir.resolve("s.pz").toString();
            JobFixtures.compress(spark, input.toString(), null, archive, TileShape.parse("4x16x16"), false, false, 0);

            Result frame = run(spark.read().format("photonzip").load(archive).where("frame = 5"));
            List<Row> rows = frame.rows();
            assertEquals(16, frame.decoded(), "tiles decoded for one frame of 64 tiles");
            assertEquals(16, rows.size());
            short[] image = new short[64 * 64];
            for (Row r : rows) {
                assertEquals(5, r.getInt(r.fieldIndex("frame")));
                assertEquals("uint16", r.getString(r.fieldIndex("dtype")));
                int y0 = r.getInt(r.fieldIndex("y0"));
                int x0 = r.getInt(r.fieldIndex("x0"));
                int h = r.getInt(r.fieldIndex("height"));
                int w = r.getInt(r.fieldIndex("width"));
                byte[] b = (byte[]) r.get(r.fieldIndex("samples"));
                assertEquals(h * w * 2, b.length);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = 2 * (y * w + x);
                        image[(y0 + y) * 64 + x0 + x] = (short) ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8);
                    }
                }
            }
            short[] expected = new short[64 * 64];
            try (StackSource source = StackSources.open(input.toString())) {
                source.read(5, 1, 0, 64, 0, 64, expected);
            }
            assertArrayEquals(expected, image, "frame 5 as the source has it");

            // Column pruning: a query without samples reads the checked manifest and decodes nothing.
            Result count = run(spark.read()
                    .format("photonzip")
                    .load(archive)
                    .where("y0 = 16 AND frame >= 8")
                    .groupBy()
                    .count());
            assertEquals(0, count.decoded(), "a count decodes no tile");
            assertEquals(8 * 4, count.rows().get(0).getLong(0));
            Result samples = run(spark.read()
                    .format("photonzip")
                    .load(archive)
                    .where("y0 = 16 AND frame >= 8")
                    .select("frame", "samples"));
            assertEquals(8, samples.decoded(), "one row of tiles, frames 8..15");
            assertEquals(8 * 4, samples.rows().size());

            // frames= and roi=: only the 2 tiles overlapping the region are decoded, and rows are cut to it.
            Result region = run(spark.read()
                    .format("photonzip")
                    .option("frames", "5:6")
                    .option("roi", "0:16,20:40")
                    .load(archive));
            List<Row> cut = region.rows().stream()
                    .sorted(java.util.Comparator.comparingInt(r -> r.getInt(r.fieldIndex("x0"))))
                    .toList();
            assertEquals(2, region.decoded(), "options frames= and roi=: 2 tiles");
            assertEquals(2, cut.size());
            assertEquals(
                    List.of(20, 32),
                    cut.stream().map(r -> r.getInt(r.fieldIndex("x0"))).toList());
            assertEquals(
                    List.of(12, 8),
                    cut.stream().map(r -> r.getInt(r.fieldIndex("width"))).toList());
            for (Row r : cut) {
                assertEquals(0, r.getInt(r.fieldIndex("y0")));
                assertEquals(16, r.getInt(r.fieldIndex("height")));
                int x0 = r.getInt(r.fieldIndex("x0"));
                int w = r.getInt(r.fieldIndex("width"));
                byte[] b = (byte[]) r.get(r.fieldIndex("samples"));
                assertEquals(16 * w * 2, b.length);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = 2 * (y * w + x);
                        assertEquals(
                                expected[y * 64 + x0 + x],
                                (short) ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8),
                                "frame 5, y " + y + ", x " + (x0 + x));
                    }
                }
            }

            // A damaged tile fails the query: never rows of wrong values.
            Path pack;
            try (var packs = java.nio.file.Files.list(dir.resolve("s.pz/packs"))) {
                pack = packs.findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(pack);
            bytes[bytes.length / 2] ^= 0x10;
            java.nio.file.Files.write(pack, bytes);
            Exception e = assertThrows(
                    Exception.class,
                    () -> spark.read().format("photonzip").load(archive).collectAsList());
            String said = String.valueOf(e.getMessage())
                    + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(said.contains("CRC32C"), said);
        } finally {
            SPARK.stop();
        }
    }

    /**
     * The two queries docs/reprocessing.md shows, on a night of two scans: the mean intensity per frame across every
     * scan in one query (a UDF sums each tile-frame's samples), and a sinogram (one detector row over all frames of
     * one scan, from only the tiles holding that row); both equal to what the sources give.
     */
    @Test
    void theMeanPerFrameOfANightAndASinogramEqualTheSources(@TempDir Path dir) throws Exception {
        SparkSession spark = SPARK.session();
        try {
            int frames = 6;
            int h = 40;
            int w = 48;
            Path[] inputs = {
                JobFixtures.writeStack(dir.resolve("a.h5"), frames, h, w, "uint16", null, 11),
                JobFixtures.writeStack(dir.resolve("b.h5"), frames, h, w, "uint16", null, 12)
            };
            Path night = java.nio.file.Files.createDirectories(dir.resolve("night"));
            for (Path in : inputs) {
                String name = in.getFileName().toString().replace(".h5", ".pz");
                JobFixtures.compress(
                        spark,
                        in.toString(),
                        null,
                        night.resolve(name).toString(),
                        TileShape.parse("4x16x16"),
                        false,
                        false,
                        0);
            }
            spark.udf()
                    .register(
                            "sum_u16",
                            (org.apache.spark.sql.api.java.UDF1<byte[], Long>) b -> {
                                long sum = 0;
                                for (int i = 0; i < b.length; i += 2) {
                                    sum += (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
                                }
                                return sum;
                            },
                            org.apache.spark.sql.types.DataTypes.LongType);

            spark.read().format("photonzip").load(night.toString()).createOrReplaceTempView("night");
            List<Row> means = spark.sql("SELECT archive, frame, SUM(sum_u16(samples)) / SUM(height * width) AS mean "
                            + "FROM night GROUP BY archive, frame ORDER BY archive, frame")
                    .collectAsList();
            assertEquals(2 * frames, means.size());
            short[] frame = new short[h * w];
            for (int k = 0; k < inputs.length; k++) {
                try (StackSource source = StackSources.open(inputs[k].toString())) {
                    for (int t = 0; t < frames; t++) {
                        source.read(t, 1, 0, h, 0, w, frame);
                        long sum = 0;
                        for (short v : frame) {
                            sum += v & 0xFFFF;
                        }
                        Row r = means.get(k * frames + t);
                        assertTrue(r.getString(0).endsWith(k == 0 ? "a.pz" : "b.pz"), r.getString(0));
                        assertEquals(t, r.getInt(1));
                        assertEquals((double) sum / (h * w), r.getDouble(2), 1e-9, "mean of frame " + t);
                    }
                }
            }

            int row = 21; // inside the second row of 16-row tiles
            Result held = run(spark.read()
                    .format("photonzip")
                    .load(night.resolve("b.pz").toString())
                    .where("y0 <= " + row + " AND y0 > " + (row - 16)));
            List<Row> tiles = held.rows();
            assertEquals(2 * 3, held.decoded(), "only the tiles holding the row");
            short[] sinogram = new short[frames * w];
            for (Row r : tiles) {
                int y0 = r.getInt(r.fieldIndex("y0"));
                int x0 = r.getInt(r.fieldIndex("x0"));
                int tw = r.getInt(r.fieldIndex("width"));
                byte[] b = (byte[]) r.get(r.fieldIndex("samples"));
                int t = r.getInt(r.fieldIndex("frame"));
                for (int x = 0; x < tw; x++) {
                    int i = 2 * ((row - y0) * tw + x);
                    sinogram[t * w + x0 + x] = (short) ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8);
                }
            }
            short[] expected = new short[frames * w];
            try (StackSource source = StackSources.open(inputs[1].toString())) {
                source.read(0, frames, row, 1, 0, w, expected);
            }
            assertArrayEquals(expected, sinogram, "row " + row + " of b over all frames");
        } finally {
            SPARK.stop();
        }
    }
}
