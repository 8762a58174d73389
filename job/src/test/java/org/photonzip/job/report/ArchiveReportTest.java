package org.photonzip.job.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.cli.Photonzip;
import org.photonzip.generate.GeneratorConfig;
import org.photonzip.generate.Hdf5StackWriter;
import org.photonzip.generate.StackGenerator;
import org.photonzip.io.Hdf5StackSource;
import org.photonzip.job.JobFixtures;
import org.photonzip.job.SparkTests;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.archive.TileRow;
import org.photonzip.plan.TileShape;
import org.photonzip.report.HeadlessBrowser;
import picocli.CommandLine;

/**
 * compress writes a report whose plots render in a real browser and whose numbers are the manifest's; report
 * regenerates it without breaking the archive; explain writes a frame's prediction, residual and scale. The
 * archive, the bench CSV and the explain output are left in {@code target/notebook-inputs} for the notebooks,
 * which .ci/run executes after the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveReportTest {
    static final Path INPUTS = Path.of("target", "notebook-inputs");
    private SparkSession spark;

    @BeforeAll
    void start() throws Exception {
        spark = SparkTests.start("local[2]", Map.of());
        if (Files.exists(INPUTS)) {
            try (Stream<Path> all = Files.walk(INPUTS)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(INPUTS);
        new Hdf5StackWriter(true, false, 1, null).write(new StackGenerator(GeneratorConfig.of(40, 128, 160, 3)),
                INPUTS.resolve("sample.h5"));
        JobFixtures.compress(spark, INPUTS.resolve("sample.h5").toString(), null, INPUTS.resolve("sample.pz").toString(),
                new TileShape(20, 64, 80), true, false, 0);
        JobFixtures.restore(INPUTS.resolve("sample.pz").toString(), INPUTS.resolve("restored.h5"), null, null);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    @Test
    void reportRendersAndAgreesWithTheManifest(@TempDir Path scratch) throws Exception {
        ArchiveReader reader = ArchiveReader.open(INPUTS.resolve("sample.pz").toString(), new Configuration());
        long bytes = reader.rows().stream().mapToLong(TileRow::length).sum();
        long samples = reader.rows().stream().mapToLong(TileRow::samples).sum();
        String bpp = String.format(Locale.ROOT, "%.3f", 8.0 * bytes / samples);
        checkRendered(INPUTS.resolve("sample.pz").resolve("report.html"), scratch.resolve("a"), bpp);

        int rc = Photonzip.commandLine().execute("report", INPUTS.resolve("sample.pz").toString());
        assertEquals(0, rc);
        ArchiveReader again = ArchiveReader.open(INPUTS.resolve("sample.pz").toString(), new Configuration());
        assertEquals(reader.rows(), again.rows(), "regenerating the report leaves the archive valid and unchanged");
        checkRendered(INPUTS.resolve("sample.pz").resolve("report.html"), scratch.resolve("b"), bpp);

        String frames = Files.readString(INPUTS.resolve("sample.pz").resolve("frames.csv"));
        assertEquals(41, frames.lines().count(), "header and one line per frame");
    }

    private static void checkRendered(Path page, Path scratch, String bitsPerPixel) throws Exception {
        Files.createDirectories(scratch);
        String dom = HeadlessBrowser.dumpDom(page, scratch);
        Matcher m = Pattern.compile("<img id=\"([a-z-]+)\"[^>]*data-rendered=\"([^\"]+)\"").matcher(dom);
        int rendered = 0;
        while (m.find()) {
            assertTrue(m.group(2).matches("\\d+x\\d+"), "plot " + m.group(1) + " did not render: " + m.group(2));
            rendered++;
        }
        assertEquals(4, rendered, "heat map, frame plot, residual histogram, stage times");
        assertTrue(dom.contains("data-key=\"bits/pixel\">" + bitsPerPixel + "<"),
                "the report's bits/pixel is the manifest's " + bitsPerPixel);
    }

    @Test
    void explainWritesPredictionResidualAndScaleOfOneFrame() throws Exception {
        Path out = INPUTS.resolve("explain");
        StringWriter text = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setOut(new PrintWriter(text));
        int rc = cli.execute("explain", INPUTS.resolve("sample.pz").toString(), "--frame", "25", "-o", out.toString());
        assertEquals(0, rc, text.toString());
        for (String png : new String[] {"original.png", "prediction.png", "residual.png", "scale.png"}) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
        short[] source = new short[128 * 160];
        try (Hdf5StackSource s = Hdf5StackSource.open(INPUTS.resolve("sample.h5"), Hdf5StackWriter.DATA)) {
            s.read(25, 1, 0, 128, 0, 160, source);
        }
        try (HdfFile f = new HdfFile(out.resolve("explain.h5"))) {
            int[][] original = (int[][]) f.getDatasetByPath("original").getData();
            int[][] prediction = (int[][]) f.getDatasetByPath("prediction").getData();
            int[][] residual = (int[][]) f.getDatasetByPath("residual").getData();
            float[][] scale = (float[][]) f.getDatasetByPath("scale").getData();
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 160; x++) {
                    assertEquals(source[y * 160 + x] & 0xFFFF, original[y][x]);
                    assertEquals(original[y][x], prediction[y][x] + residual[y][x]);
                    assertTrue(scale[y][x] > 0);
                }
            }
        }
    }

    @Test
    void benchWritesTheCsvTheCodecNotebookReads() {
        int rc = Photonzip.commandLine().execute("bench", INPUTS.resolve("sample.h5").toString(),
                "--codecs", "photonzip,zstd-3,deflate", "--csv", INPUTS.resolve("bench.csv").toString());
        assertEquals(0, rc);
        assertTrue(Files.exists(INPUTS.resolve("bench.csv")));
    }
}
