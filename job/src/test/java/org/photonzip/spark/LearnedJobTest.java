package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.archive.TileRow;
import org.photonzip.codec.learned.ModelFile;
import org.photonzip.model.ModelFiles;
import org.photonzip.model.StackTraining;
import org.photonzip.options.ModelChoice;
import org.photonzip.options.ModelUnavailableException;
import org.photonzip.plan.TileShape;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.tiles.TileCompressor;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;
import org.photonzip.training.TrainingOptions;

/**
 * The learned model through the job: a pre-trained model file is stored once in the archive, tiles that it
 * codes smaller reference it, verify and decompress read it back from the archive, and the restored stack is
 * bit-exact. A corrupted model file in an archive is refused, never used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class LearnedJobTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @Test
    void preTrainedModelRoundTripsThroughTheArchive(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("scan.h5");
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(GeneratorConfig.of(24, 96, 96, 5)), input);
        ModelFile model;
        try (StackSource source = StackSources.open(StackSpec.of(input.toString(), Hdf5StackWriter.DATA))) {
            model = StackTraining.train(
                            source,
                            "test",
                            60_000,
                            4,
                            TrainingOptions.defaults().withSeconds(20).withMaxEpochs(6),
                            line -> {})
                    .trained()
                    .model();
        }
        Path modelFile = dir.resolve("beamline.pzm");
        ModelFiles.write(model, modelFile);

        String archive = dir.resolve("scan.pz").toString();
        CompressJob.Report report = CompressJob.run(
                spark,
                new CompressJob.Request(
                        input.toString(),
                        null,
                        archive,
                        new TileShape(12, 48, 48),
                        ModelChoice.parse(modelFile.toString()).withInference("java"),
                        true,
                        false,
                        0,
                        1L << 30),
                JobFixtures.quiet());
        assertTrue(report.verification().ok());

        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        assertArrayEquals(model.toBytes(), Files.readAllBytes(Path.of(archive, ArchiveLayout.MODEL)));
        assertEquals(model.hashHex(), reader.summary().codec().modelSha256());
        long learned = reader.rows().stream()
                .map(TileRow::modelId)
                .filter(TileCompressor.LEARNED::equals)
                .count();
        long classical = reader.rows().stream()
                .map(TileRow::modelId)
                .filter(TileCompressor.CLASSICAL::equals)
                .count();
        assertEquals(reader.rows().size(), learned + classical);
        assertTrue(learned > 0, "some tiles chose the learned model");
        // The result table's model row says so (it used to print "classical" whatever the model).
        assertEquals(
                "learned " + model.hashHex().substring(0, 12) + " (" + learned + " of "
                        + reader.rows().size() + " tiles; the others classical)",
                report.model());

        Path restored = dir.resolve("restored.h5");
        JobFixtures.restore(archive, restored, null, null);
        try (StackSource a = StackSources.open(StackSpec.of(input.toString(), Hdf5StackWriter.DATA));
                StackSource b = StackSources.open(StackSpec.of(restored.toString(), Hdf5StackWriter.DATA))) {
            short[] x = new short[(int) a.samples()];
            short[] y = new short[(int) b.samples()];
            a.read(0, a.frames(), 0, a.height(), 0, a.width(), x);
            b.read(0, b.frames(), 0, b.height(), 0, b.width(), y);
            assertArrayEquals(x, y);
        }

        byte[] bad = Files.readAllBytes(Path.of(archive, ArchiveLayout.MODEL));
        bad[bad.length / 2] ^= 1;
        Files.write(Path.of(archive, ArchiveLayout.MODEL), bad);
        InvalidArchiveException e =
                assertThrows(InvalidArchiveException.class, () -> ArchiveReader.open(archive, new Configuration())
                        .compressor());
        assertTrue(e.getMessage().contains("model.pzm has SHA-256"), e.getMessage()); // refused at open, before use
    }

    @Test
    void missingOrCorruptModelFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 4, 16, 16, "uint16", null, 1);
        Path junk = Files.write(dir.resolve("junk.pzm"), new byte[100]);
        for (Path model : new Path[] {dir.resolve("absent.pzm"), junk}) {
            String archive = dir.resolve("out-" + model.getFileName() + ".pz").toString();
            ModelUnavailableException e = assertThrows(
                    ModelUnavailableException.class,
                    () -> CompressJob.run(
                            spark,
                            new CompressJob.Request(
                                    input.toString(),
                                    null,
                                    archive,
                                    null,
                                    ModelChoice.parse(model.toString()),
                                    false,
                                    false,
                                    0,
                                    1L << 30),
                            JobFixtures.quiet()));
            assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
            assertTrue(Files.notExists(Path.of(archive)), "nothing written");
        }
    }
}
