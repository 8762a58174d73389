package org.photonzip.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.BoundRecord;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.quality.ErrorHistogram;
import org.photonzip.quality.QualityReport;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.spark.BoundedQualityRun;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;

/**
 * Issue 18, "the lossy report alarms without cause" and "building the report is 42 % of a lossy compress": the
 * pass compares each sample with the bound it was coded with (a noise bound at the codec's prediction, not
 * re-estimated at the source value), compares a large stack in a bounded sample of whole frames, and labels
 * its axes in fixed decimals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class HonestQualityTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @Test
    void aNoiseBoundedArchiveIsWithinTheBoundsItWasCodedWith(@TempDir Path dir) throws Exception {
        Path scan = dir.resolve("scan.h5");
        GeneratorConfig cfg = GeneratorConfig.builder()
                .frames(24)
                .height(64)
                .width(64)
                .seed(3)
                .flats(4)
                .darks(4)
                .build();
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(cfg), scan);
        String archive = dir.resolve("scan.pz").toString();
        CompressJob.run(
                spark,
                new CompressJob.Request(
                        scan.toString(),
                        null,
                        archive,
                        new TileShape(8, 32, 32),
                        ModelChoice.parse("classical"),
                        false,
                        false,
                        0,
                        1L << 30,
                        BoundRequest.parse(null, "0.5")),
                JobFixtures.quiet());
        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        BoundRecord bound = reader.summary().bound();
        QualityReport q;
        try (InputStack in = InputStack.open(scan.toString(), null, new Configuration())) {
            q = BoundedQualityRun.run(
                    reader,
                    in.descriptor(),
                    bound.bound(),
                    bound.noise(),
                    Files.createDirectories(dir.resolve("tmp")),
                    2);
            // What the pass reported before: the bound re-estimated at the source value flags samples the codec
            // coded within their bound at its prediction.
            ErrorHistogram estimated = new ErrorHistogram(bound.bound());
            short[] source = readAll(scan);
            short[] restored = readAll(restore(archive, dir));
            estimated.add(source, 0, restored, 0, source.length);
            assertTrue(estimated.result().beyondBound() > 0, "the estimate alarms on this scan");
        }
        assertEquals(0, q.histogram().beyondBound(), "every sample is within the bound it was coded with");
        assertTrue(q.histogram().codedBounds());
        String row = QualityFigures.overall(q).stream()
                .filter(r -> r[0].equals("samples beyond their bound"))
                .findFirst()
                .orElseThrow()[1];
        assertEquals("0 (each sample against the bound it was coded with)", row);
    }

    private static short[] readAll(Path file) throws Exception {
        try (StackSource s = StackSources.open(StackSpec.of(file.toString(), Hdf5StackWriter.DATA))) {
            short[] all = new short[s.frames() * s.height() * s.width()];
            s.read(0, s.frames(), 0, s.height(), 0, s.width(), all);
            return all;
        }
    }

    private static Path restore(String archive, Path dir) throws Exception {
        Path out = dir.resolve("restored.h5");
        JobFixtures.restore(archive, out, null, null);
        return out;
    }

    @Test
    void axisLabelsUseFixedDecimals() {
        java.text.NumberFormat ssim = QualityCharts.fixed(0.99901, 0.99909);
        assertEquals("0.999050", ssim.format(0.99905));
        assertFalse(ssim.format(0.99905).contains("E"));
        assertEquals("12", QualityCharts.fixed(0, 300).format(12.0));
    }
}
