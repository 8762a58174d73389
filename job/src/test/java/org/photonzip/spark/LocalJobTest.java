package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.Coverage;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.plan.TileShape;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.TestData;

/** End to end on embedded Spark (local[2]): compress, verify, decompress, compare, on real and synthetic stacks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class LocalJobTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    static Stream<Arguments> realData() {
        return Stream.of(
                Arguments.of("k11-diad/k11-18014.nxs", null, true),
                Arguments.of("psi-neutron-ct/stack.h5", "/entry/data/data", false),
                Arguments.of("psi-stepwedge/stack.h5", null, false),
                Arguments.of("savu-i13/tiffs", null, true));
    }

    @ParameterizedTest(name = "{0} verify={2}")
    @MethodSource("realData")
    void realDataRoundTripsBitExactWithItsMetadata(String file, String dataset, boolean verify, @TempDir Path dir)
            throws Exception {
        String input = TestData.require(file).toString();
        String archive = dir.resolve("scan.pz").toString();
        CompressJob.Report report = JobFixtures.compress(spark, input, dataset, archive, null, verify, false, 0);

        if (verify) {
            assertTrue(
                    report.verification().ok(),
                    () -> report.verification().failures().toString());
            assertEquals(report.totals().tiles(), report.verification().tiles());
        }
        double amplification = report.stack().readAmplification(report.totals().bytesRead());
        assertTrue(amplification >= 0.99 && amplification <= 1.2, "read amplification " + amplification);
        assertTrue(
                report.totals().bitsPerPixel() < 12.0,
                "bits/pixel " + report.totals().bitsPerPixel());

        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        assertEquals(
                List.of(), Coverage.problems(reader.rows(), reader.summary().shape()));
        try (InputStack source = InputStack.open(input, dataset, new Configuration())) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            VerifyJob.Result against = VerifyJob.run(
                    jsc,
                    reader,
                    jsc.broadcast(new SerializableConfiguration(new Configuration())),
                    source.descriptor());
            assertTrue(against.ok(), () -> against.failures().toString());
            assertEquals(source.descriptor().samples(), against.samples());
        }

        Path restored = dir.resolve("restored.h5");
        Restorer.Result r = JobFixtures.restore(archive, restored, null, null);
        assertEquals(reader.rows().size(), r.tiles());
        String stackPath = reader.summary().datasetPath();
        String spec = dataset == null ? input : input + ":" + dataset;
        RestoredFiles.assertStackEquals(
                spec, restored, stackPath, Region.whole(reader.summary().shape()));
        if (file.endsWith(".h5") || file.endsWith(".nxs")) {
            RestoredFiles.assertMetadataEquals(
                    Path.of(input), restored, stackPath, reader.summary().chunks(), report.notCaptured());
            H5py.require();
            H5py.assertSameAsSource(Path.of(input), restored);
        }
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("uint16", null, 0L),
                Arguments.of("int16", new int[] {4, 16, 40}, 100L << 10),
                Arguments.of("uint8", new int[] {1, 33, 70}, 40L << 10));
    }

    /** Contiguous and chunked sources, 8- and 16-bit, tasks split into row bands and column ranges by a small budget. */
    @ParameterizedTest(name = "{0} chunks {1} task budget {2}")
    @MethodSource("layouts")
    void syntheticStacksKeepDtypeAndLayout(String dtype, int[] chunks, long taskBytes, @TempDir Path dir)
            throws Exception {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 24, 100, 140, dtype, chunks, 3);
        String archive = dir.resolve("a.pz").toString();
        CompressJob.Report report = JobFixtures.compress(
                spark, input.toString(), null, archive, new TileShape(8, 32, 32), false, false, taskBytes);
        assertEquals(3 * 4 * 5, report.totals().tiles());
        if (taskBytes > 0) {
            assertTrue(report.totals().tasks() > 3, "tasks " + report.totals().tasks());
        }
        // Every stored sample byte is fetched once; each task also reads the file's metadata (a few blocks).
        long read = report.totals().bytesRead();
        long stored = report.stack().storedBytes();
        assertTrue(
                read >= stored && read <= stored + report.totals().tasks() * (128L << 10),
                "read " + read + " bytes for " + stored + " stored in "
                        + report.totals().tasks() + " tasks");

        Path restored = dir.resolve("out.h5");
        JobFixtures.restore(archive, restored, null, null);
        RestoredFiles.assertStackEquals(
                input.toString(), restored, "/entry/data/data", Region.whole(new int[] {24, 100, 140}));
        RestoredFiles.assertMetadataEquals(input, restored, "/entry/data/data", chunks, report.notCaptured());
    }

    @Test
    void frameRangeAndRegionRestoreExactlyDecodingOnlyTheirTiles(@TempDir Path dir) throws Exception {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 40, 64, 80, "uint16", new int[] {1, 64, 80}, 5);
        String archive = dir.resolve("a.pz").toString();
        JobFixtures.compress(spark, input.toString(), null, archive, new TileShape(16, 32, 32), false, false, 0);
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        int total = reader.rows().size();

        Path frames = dir.resolve("frames.h5");
        Restorer.Result r1 = JobFixtures.restore(archive, frames, "14:30", null);
        RestoredFiles.assertStackEquals(input.toString(), frames, "/entry/data/data", new Region(14, 30, 0, 64, 0, 80));
        assertEquals(2 * 2 * 3, r1.tiles(), "frames 14..29 lie in two of three frame runs");

        Path roi = dir.resolve("roi.h5");
        Restorer.Result r2 = JobFixtures.restore(archive, roi, "3:9", "33:60,5:27");
        RestoredFiles.assertStackEquals(input.toString(), roi, "/entry/data/data", new Region(3, 9, 33, 60, 5, 27));
        assertEquals(1, r2.tiles());
        assertTrue(r2.tiles() < total);
        try (io.jhdf.HdfFile part = new io.jhdf.HdfFile(roi)) {
            io.jhdf.api.Dataset d = part.getDatasetByPath("/entry/data/data");
            assertArrayEquals(
                    new int[] {3, 9},
                    (int[]) d.getAttribute(Restorer.FRAMES_ATTRIBUTE).getData(),
                    "a partial restore says which part it holds");
            assertArrayEquals(new int[] {33, 60, 5, 27}, (int[])
                    d.getAttribute(Restorer.ROI_ATTRIBUTE).getData());
        }
    }

    @Test
    void manifestIsQueryableWithSparkSql(@TempDir Path dir) throws Exception {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 20, 40, 60, "uint16", null, 9);
        String archive = dir.resolve("a.pz").toString();
        CompressJob.Report report = JobFixtures.compress(
                spark, input.toString(), null, archive, new TileShape(10, 20, 30), false, false, 0);
        Dataset<Row> manifest = spark.read().parquet(archive + "/manifest.parquet");
        assertEquals(report.totals().tiles(), manifest.count());
        Row sums = manifest.selectExpr("sum(length)", "sum(frames * height * width)", "count(distinct pack)")
                .first();
        assertEquals(report.totals().compressedBytes(), sums.getLong(0));
        assertEquals(report.totals().samples(), sums.getLong(1));
        assertEquals(report.totals().tasks(), sums.getLong(2));
        List<TileRow> rows = ArchiveReader.open(archive, new Configuration()).rows();
        assertEquals(
                rows.size(),
                spark.read()
                        .option("header", true)
                        .csv(archive + "/manifest.csv")
                        .count());
        try (StackSource s = StackSources.open(input.toString())) {
            assertEquals(s.samples(), rows.stream().mapToLong(TileRow::samples).sum());
        }
    }
}
