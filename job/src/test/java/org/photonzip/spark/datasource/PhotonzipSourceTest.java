package org.photonzip.spark.datasource;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.SparkTests;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spark.read.format("photonzip")}: a one-frame query of a 64-tile archive decodes only its 16 tiles and
 * equals the source; a damaged tile fails the query.
 */
class PhotonzipSourceTest {
    @Test
    void aOneFrameQueryDecodesOnlyTheTilesCoveringItAndEqualsTheSource(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTests.start("local[2]", Map.of());
        try {
            Path input = JobFixtures.writeStack(dir.resolve("s.h5"), 16, 64, 64, "uint16", null, 3);
            String archive = dir.resolve("s.pz").toString();
            JobFixtures.compress(spark, input.toString(), null, archive, TileShape.parse("4x16x16"), false, false, 0);

            long before = TileReaderFactory.DECODED.get();
            Dataset<Row> frame = spark.read().format("photonzip").load(archive).where("frame = 5");
            List<Row> rows = frame.collectAsList();
            assertEquals(16, TileReaderFactory.DECODED.get() - before, "tiles decoded for one frame of 64 tiles");
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

            before = TileReaderFactory.DECODED.get();
            long n = spark.read().format("photonzip").load(archive).where("y0 = 16 AND frame >= 8").count();
            assertEquals(8, TileReaderFactory.DECODED.get() - before, "one row of tiles, frames 8..15");
            assertEquals(8 * 4, n);

            before = TileReaderFactory.DECODED.get();
            n = spark.read().format("photonzip").option("frames", "5:6").option("roi", "0:16,20:40").load(archive)
                    .count();
            assertEquals(2, TileReaderFactory.DECODED.get() - before, "options frames= and roi=: 2 tiles");
            assertEquals(2, n);

            // A damaged tile fails the query: never rows of wrong values.
            Path pack;
            try (var packs = java.nio.file.Files.list(dir.resolve("s.pz/packs"))) {
                pack = packs.findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(pack);
            bytes[bytes.length / 2] ^= 0x10;
            java.nio.file.Files.write(pack, bytes);
            Exception e = assertThrows(Exception.class,
                    () -> spark.read().format("photonzip").load(archive).collectAsList());
            String said = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
            assertTrue(said.contains("CRC32C"), said);
        } finally {
            spark.stop();
        }
    }
}
