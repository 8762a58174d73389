package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.codec.bound.ErrorBound;
import org.photonzip.codec.bound.NoiseModel;
import org.photonzip.plan.TileShape;
import org.photonzip.quality.FrameErrors;
import org.photonzip.quality.QualityReport;
import org.photonzip.source.FrameKinds;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.spark.BoundedQualityRun;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;

/**
 * The quality pass through a real archive: a lossless archive of a generated scan (flats, darks, angles in its
 * metadata) compared with a copy of the scan moved by uniform errors of at most δ, so that the restored data
 * differ from that "source" exactly as a bounded archive's would. Its figures must match a direct computation
 * over both files, and the report must show them and read them back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class BoundedQualityRunTest {
    static final int T = 36;
    static final int H = 48;
    static final int W = 64;
    static final int DELTA = 4;

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @TempDir
    Path dir;

    @Test
    void figuresMatchADirectComputationAndTheReportShowsThem() throws Exception {
        Path scan = dir.resolve("scan.h5");
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(GeneratorConfig.of(T, H, W, 5)), scan);
        String archive = dir.resolve("scan.pz").toString();
        JobFixtures.compress(spark, scan.toString(), null, archive, new TileShape(12, 24, 32), false, false, 0);
        short[] original = readAll(scan);
        short[] moved = original.clone();
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < moved.length; i++) {
            moved[i] = (short) Math.max(0, Math.min(65535, (original[i] & 0xFFFF) + r.nextInt(2 * DELTA + 1) - DELTA));
        }
        Path source = writeStack(dir.resolve("moved.h5"), moved, scan);

        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        ErrorBound bound = ErrorBound.absolute(DELTA);
        QualityReport q;
        try (InputStack in = InputStack.open(source.toString(), Hdf5StackWriter.DATA, new Configuration())) {
            q = BoundedQualityRun.run(
                    reader,
                    in.descriptor(),
                    bound,
                    NoiseModel.of(1.2, 100, 4),
                    Files.createDirectories(dir.resolve("tmp")),
                    2);
        }
        for (int t = 0; t < T; t++) {
            long sq = 0;
            int max = 0;
            for (int i = t * H * W; i < (t + 1) * H * W; i++) {
                int e = (original[i] & 0xFFFF) - (moved[i] & 0xFFFF);
                sq += (long) e * e;
                max = Math.max(max, Math.abs(e));
            }
            FrameErrors.Stats s = q.errors().frame(t);
            assertEquals(max, s.maxAbsError(), "frame " + t);
            assertEquals(sq, s.sumSq(), 0, "frame " + t);
            assertEquals((long) H * W, s.samples());
        }
        assertEquals(DELTA, q.overall().maxAbsError());
        assertEquals("from the file", q.angles(), "the generator's rotation_angle");
        assertEquals("flat/dark-corrected", q.correction(), "the generator's flats and darks");
        assertTrue(q.worstReconstruction() < 0.5, "±4 counts: " + q.worstReconstruction());
        assertEquals("white", q.spectrum().verdict());

        String[] kinds = FrameKinds.fromMetadata(reader.fetchMetadata(dir.resolve("tmp")), T);
        QualityData data = QualityFigures.of(q, kinds);
        FileSystem fs = reader.root().getFileSystem(reader.conf());
        QualityFile.write(fs, reader.root(), data);
        QualityData back = QualityFile.read(fs, reader.root());
        assertNotNull(back);
        assertEquals(data.overall().size(), back.overall().size());
        for (int i = 0; i < data.overall().size(); i++) {
            assertEquals(
                    String.join("=", data.overall().get(i)),
                    String.join("=", back.overall().get(i)));
        }
        assertEquals(q.errors().frame(3).psnr(), back.frames().psnr()[3], 0);
        ReportData page = ArchiveReport.load(reader, Files.createDirectories(dir.resolve("tmp2")));
        String html = ReportPage.render(page);
        assertTrue(html.contains("error-bounded (lossy)"), "the section says the archive is lossy");
        for (String id : new String[] {
            "quality-error",
            "quality-rmse-sigma",
            "quality-psnr",
            "quality-ssim",
            "quality-histogram",
            "quality-spectrum",
            "quality-reconstruction"
        }) {
            assertTrue(html.contains("<img id=\"" + id + "\""), id);
        }
        assertTrue(Files.readString(Path.of(reader.root().toUri()).resolve(QualityFile.FRAMES))
                        .lines()
                        .count()
                == T + 1);
    }

    static short[] readAll(Path file) throws Exception {
        short[] all = new short[T * H * W];
        try (StackSource s = StackSources.open(StackSpec.of(file.toString(), Hdf5StackWriter.DATA))) {
            s.read(0, T, 0, H, 0, W, all);
        }
        return all;
    }

    /** The moved samples, with the scan's own flats and darks beside them (as the source file has them). */
    static Path writeStack(Path file, short[] samples, Path scan) {
        short[][][] data = new short[T][H][W];
        for (int t = 0; t < T; t++) {
            for (int y = 0; y < H; y++) {
                System.arraycopy(samples, (t * H + y) * W, data[t][y], 0, W);
            }
        }
        Object flats;
        Object darks;
        try (HdfFile in = new HdfFile(scan)) {
            flats = narrow(
                    (int[][][]) in.getDatasetByPath(Hdf5StackWriter.FLATS).getData());
            darks = narrow(
                    (int[][][]) in.getDatasetByPath(Hdf5StackWriter.DARKS).getData());
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            var g = hdf.putGroup("entry").putGroup("data");
            g.putDataset(
                    "data", data, DatasetCreationOptions.builder().unsigned().build());
            g.putDataset(
                    "flats", flats, DatasetCreationOptions.builder().unsigned().build());
            g.putDataset(
                    "darks", darks, DatasetCreationOptions.builder().unsigned().build());
        }
        return file;
    }

    private static short[][][] narrow(int[][][] v) {
        short[][][] out = new short[v.length][v[0].length][v[0][0].length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                for (int k = 0; k < v[i][j].length; k++) {
                    out[i][j][k] = (short) v[i][j][k];
                }
            }
        }
        return out;
    }
}
