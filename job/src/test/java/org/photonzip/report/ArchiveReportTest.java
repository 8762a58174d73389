package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.cli.Photonzip;
import org.photonzip.fs.LocalFiles;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;
import picocli.CommandLine;

/**
 * compress writes a report whose plots render in a real browser and whose numbers are the manifest's; report
 * renders it again outside the archive, which stays as committed; a damaged report fails verify; explain writes a frame's prediction, residual and scale. The
 * archive, the bench CSV and the explain output are left in {@code target/notebook-inputs} for the notebooks,
 * which .ci/run executes after the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class ArchiveReportTest {
    static final Path INPUTS = Path.of("target", "notebook-inputs");

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @BeforeAll
    void start() throws Exception {
        LocalFiles.deleteTree(INPUTS);
        Files.createDirectories(INPUTS);
        new Hdf5StackWriter(true, false, 1, null)
                .write(new StackGenerator(GeneratorConfig.of(40, 128, 160, 3)), INPUTS.resolve("sample.h5"));
        JobFixtures.compress(
                spark,
                INPUTS.resolve("sample.h5").toString(),
                null,
                INPUTS.resolve("sample.pz").toString(),
                new TileShape(20, 64, 80),
                true,
                false,
                0);
        JobFixtures.restore(INPUTS.resolve("sample.pz").toString(), INPUTS.resolve("restored.h5"), null, null);
        // The same sample error-bounded, and its restored copy, for the "what the bound changed" notebook.
        CompressJob.run(
                spark,
                new CompressJob.Request(
                        INPUTS.resolve("sample.h5").toString(),
                        null,
                        INPUTS.resolve("bounded.pz").toString(),
                        new TileShape(20, 64, 80),
                        ModelChoice.parse("auto"),
                        true,
                        false,
                        0,
                        1L << 30,
                        BoundRequest.parse(null, "0.5")),
                JobFixtures.quiet());
        JobFixtures.restore(INPUTS.resolve("bounded.pz").toString(), INPUTS.resolve("bounded-restored.h5"), null, null);
    }

    @Test
    void boundedReportRendersItsSection(@TempDir Path scratch) throws Exception {
        Path page = INPUTS.resolve("bounded.pz").resolve("report.html");
        String dom = HeadlessBrowser.dumpDom(page, scratch);
        for (String id : new String[] {
            "quality-error",
            "quality-rmse-sigma",
            "quality-psnr",
            "quality-ssim",
            "quality-histogram",
            "quality-spectrum",
            "quality-reconstruction"
        }) {
            Matcher m = Pattern.compile("<img id=\"" + id + "\"[^>]*data-rendered=\"(\\d+x\\d+)\"")
                    .matcher(dom);
            assertTrue(m.find(), id + " did not render");
        }
        assertTrue(dom.contains("error-bounded (lossy)"), "the page says the archive is lossy");
    }

    @Test
    void reportRendersAndAgreesWithTheManifest(@TempDir Path scratch) throws Exception {
        ArchiveReader reader = ArchiveReader.open(INPUTS.resolve("sample.pz").toString(), new Configuration());
        long bytes = reader.rows().stream().mapToLong(TileRow::length).sum();
        long samples = reader.rows().stream().mapToLong(TileRow::samples).sum();
        String bpp = String.format(Locale.ROOT, "%.3f", 8.0 * bytes / samples);
        checkRendered(INPUTS.resolve("sample.pz").resolve("report.html"), scratch.resolve("a"), bpp);

        Path archive = INPUTS.resolve("sample.pz");
        Map<String, String> committed = hashes(archive);
        Path page = scratch.resolve("again.html");
        assertEquals(0, Photonzip.commandLine().execute("report", archive.toString(), "-o", page.toString()));
        assertEquals(committed, hashes(archive), "a committed archive is never written to");
        checkRendered(page, scratch.resolve("b"), bpp);
        assertEquals(
                1,
                Photonzip.commandLine().execute("report", archive.toString(), "-o", page.toString()),
                "an existing page is not replaced without --overwrite");
        assertEquals(
                2,
                Photonzip.commandLine()
                        .execute(
                                "report",
                                archive.toString(),
                                "-o",
                                archive.resolve("report.html").toString()),
                "nothing is written inside the archive");
        assertEquals(committed, hashes(archive));

        String frames = Files.readString(INPUTS.resolve("sample.pz").resolve("frames.csv"));
        assertEquals(41, frames.lines().count(), "header and one line per frame");
    }

    /**
     * The committed report's residual histogram and heat map, which the executor that encoded the middle tile
     * computed, are the ones the archive's decoded middle tile gives (what {@code report} draws): lossless,
     * error-bounded, and with one tile across the detector (the heat map then of finer blocks of that tile).
     */
    @Test
    void sampleTileFiguresAreTheDecodedMiddleTiles(@TempDir Path scratch) throws Exception {
        Path whole = scratch.resolve("one-tile-across.pz");
        JobFixtures.compress(
                spark,
                INPUTS.resolve("sample.h5").toString(),
                null,
                whole.toString(),
                new TileShape(20, 128, 160),
                true,
                false,
                0);
        for (Path archive : new Path[] {INPUTS.resolve("sample.pz"), INPUTS.resolve("bounded.pz"), whole}) {
            ReportData decoded =
                    ArchiveReport.load(ArchiveReader.open(archive.toString(), new Configuration()), scratch);
            ResidualHistogram h = decoded.residuals();
            ReportData.TileGrid g = decoded.tiles();
            String html = Files.readString(archive.resolve("report.html"));
            assertArrayEquals(
                    Charts.residualHistogram(h.centres(), h.observed(), h.predicted()),
                    plot(html, "residual-histogram"),
                    archive.toString());
            assertArrayEquals(
                    Charts.tileHeatMap(g.bpp(), g.y0(), g.heights(), g.x0(), g.widths(), g.title()),
                    plot(html, "tile-heatmap"),
                    archive.toString());
        }
    }

    private static byte[] plot(String html, String id) {
        Matcher m = Pattern.compile("<img id=\"" + id + "\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        assertTrue(m.find(), "no " + id);
        return java.util.Base64.getDecoder().decode(m.group(1));
    }

    /** A damaged report.html: verify refuses the archive, naming the file; a restore, which never reads it, works. */
    @Test
    void aDamagedReportFailsVerifyButNotTheSamples(@TempDir Path scratch) throws Exception {
        Path copy = scratch.resolve("copy.pz");
        org.photonzip.archive.ArchiveDamage.copy(INPUTS.resolve("sample.pz"), copy);
        Path report = copy.resolve("report.html");
        org.photonzip.archive.ArchiveDamage.flipBit(report, Files.size(report) * 4);
        StringWriter err = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("verify", copy.toString(), "--master", "local[1]"));
        assertTrue(err.toString().contains("report.html"), err.toString());
        assertEquals(
                0,
                Photonzip.commandLine()
                        .execute(
                                "decompress",
                                copy.toString(),
                                scratch.resolve("r.h5").toString()));
        try (HdfFile source = new HdfFile(INPUTS.resolve("sample.h5"));
                HdfFile restored = new HdfFile(scratch.resolve("r.h5"))) {
            assertTrue(
                    java.util.Arrays.deepEquals(
                            new Object[] {
                                source.getDatasetByPath("/entry/data/data").getData()
                            },
                            new Object[] {
                                restored.getDatasetByPath("/entry/data/data").getData()
                            }),
                    "every sample as the source's");
        }
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> m = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                m.put(
                        dir.relativize(p).toString(),
                        java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    private static void checkRendered(Path page, Path scratch, String bitsPerPixel) throws Exception {
        Files.createDirectories(scratch);
        String dom = HeadlessBrowser.dumpDom(page, scratch);
        Matcher m = Pattern.compile("<img id=\"([a-z-]+)\"[^>]*data-rendered=\"([^\"]+)\"")
                .matcher(dom);
        int rendered = 0;
        while (m.find()) {
            assertTrue(m.group(2).matches("\\d+x\\d+"), "plot " + m.group(1) + " did not render: " + m.group(2));
            rendered++;
        }
        assertEquals(4, rendered, "heat map, frame plot, residual histogram, stage times");
        assertTrue(
                dom.contains("data-key=\"bits/pixel\">" + bitsPerPixel + "<"),
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
        String sample = INPUTS.resolve("sample.h5").toString();
        try (StackSource s = StackSources.open(StackSpec.of(sample, Hdf5StackWriter.DATA))) {
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
        int rc = Photonzip.commandLine()
                .execute(
                        "bench",
                        INPUTS.resolve("sample.h5").toString(),
                        "--codecs",
                        "photonzip,zstd-3,deflate",
                        "--csv",
                        INPUTS.resolve("bench.csv").toString());
        assertEquals(0, rc);
        assertTrue(Files.exists(INPUTS.resolve("bench.csv")));
    }
}
