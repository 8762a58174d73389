package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveExistsException;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.InvalidArchiveException;
import org.photonzip.archive.TileRow;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.options.ModelChoice;
import org.photonzip.options.ModelUnavailableException;
import org.photonzip.plan.TileShape;
import org.photonzip.source.TestData;
import org.photonzip.source.UnsupportedStackException;

/** Bad inputs and damaged archives get a clear error, and nothing half-written is ever visible. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class BadInputTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    private CompressJob.Report compress(Path input, String dataset, Path archive, String model, boolean overwrite)
            throws IOException {
        return CompressJob.run(
                spark,
                new CompressJob.Request(
                        input.toString(),
                        dataset,
                        archive.toString(),
                        new TileShape(8, 32, 32),
                        ModelChoice.parse(model),
                        false,
                        overwrite,
                        0,
                        1L << 30),
                JobFixtures.quiet());
    }

    /** The names in {@code dir}, hidden ones included: what a failed run must leave unchanged. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void missingInputIsNamedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        NoSuchFileException e = assertThrows(
                NoSuchFileException.class,
                () -> compress(dir.resolve("scan_404.h5"), null, dir.resolve("a.pz"), "auto", false));
        assertTrue(e.getFile().endsWith("scan_404.h5"));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void wrongDatasetPathListsTheCandidates(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 10, 40, 40, "uint16", null, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> compress(input, "/entry/data/projections", dir.resolve("a.pz"), "auto", false));
        assertTrue(e.getMessage().contains("/entry/data/projections"), e.getMessage());
        assertTrue(e.getMessage().contains("/entry/data/data"), e.getMessage());
        assertEquals(List.of("in.h5"), names(dir));
    }

    @Test
    void floatStackIsRejectedNamingItsType(@TempDir Path dir) throws IOException {
        Path tooth = TestData.require("tooth/tooth.h5");
        UnsupportedStackException e = assertThrows(
                UnsupportedStackException.class,
                () -> compress(tooth, "/exchange/data", dir.resolve("a.pz"), "auto", false));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void truncatedHdf5IsReportedAsTruncated(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 20, 64, 64, "uint16", null, 2);
        Path cut = dir.resolve("cut.h5");
        Files.copy(input, cut);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(f.length() * 2 / 3);
        }
        IOException e = assertThrows(IOException.class, () -> compress(cut, null, dir.resolve("a.pz"), "auto", false));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path stub = dir.resolve("stub.h5");
        Files.write(stub, Files.readAllBytes(input), java.nio.file.StandardOpenOption.CREATE_NEW);
        try (RandomAccessFile f = new RandomAccessFile(stub.toFile(), "rw")) {
            f.setLength(300);
        }
        IOException e2 =
                assertThrows(IOException.class, () -> compress(stub, null, dir.resolve("b.pz"), "auto", false));
        assertTrue(e2.getMessage().startsWith("Cannot read"), e2.getMessage());
        assertEquals(List.of("cut.h5", "in.h5", "stub.h5"), names(dir));
    }

    @Test
    void aTaskFailingMidJobLeavesNoArchive(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("signed.h5");
        short[][][] data = new short[16][40][40];
        data[13][7][9] = -5; // an int16 detector that wrapped: not a uint16 value, found only when frame 13 is read
        try (WritableHdfFile hdf = HdfFile.write(input)) {
            hdf.putGroup("entry").putGroup("data").putDataset("data", data);
        }
        Exception e = assertThrows(Exception.class, () -> compress(input, null, dir.resolve("a.pz"), "auto", false));
        assertTrue(
                String.valueOf(e.getMessage()).contains("Unsupported value -5 at frame 13 row 7 column 9"),
                e.getMessage());
        assertEquals(List.of("signed.h5"), names(dir));
    }

    @Test
    void unusableModelRequestsAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 1, 40, 40, "uint16", null, 1);
        ModelUnavailableException e = assertThrows(
                ModelUnavailableException.class, () -> compress(input, null, dir.resolve("a.pz"), "learned", false));
        assertTrue(e.getMessage().contains("single frame"), e.getMessage());
        e = assertThrows(
                ModelUnavailableException.class,
                () -> compress(
                        input,
                        null,
                        dir.resolve("a.pz"),
                        dir.resolve("model.pzm").toString(),
                        false));
        assertTrue(e.getMessage().contains("no such model file"), e.getMessage());
        assertEquals(List.of("in.h5"), names(dir));
    }

    @Test
    void existingArchiveIsRefusedUnlessOverwriteAndReplacedWhole(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 10, 40, 40, "uint16", null, 1);
        Path archive = dir.resolve("a.pz");
        compress(input, null, archive, "auto", false);
        String first = ArchiveReader.open(archive.toString(), new Configuration())
                .marker()
                .archiveId();

        ArchiveExistsException e =
                assertThrows(ArchiveExistsException.class, () -> compress(input, null, archive, "auto", false));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(
                first,
                ArchiveReader.open(archive.toString(), new Configuration())
                        .marker()
                        .archiveId());

        compress(input, null, archive, "auto", true);
        String second = ArchiveReader.open(archive.toString(), new Configuration())
                .marker()
                .archiveId();
        assertNotEquals(first, second);
        assertEquals(List.of("a.pz", "in.h5"), names(dir));
    }

    @Test
    void incompleteArchiveIsRefused(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 10, 40, 40, "uint16", null, 1);
        Path archive = dir.resolve("a.pz");
        compress(input, null, archive, "auto", false);
        Files.delete(archive.resolve(ArchiveLayout.SUCCESS));
        InvalidArchiveException e = assertThrows(
                InvalidArchiveException.class, () -> ArchiveReader.open(archive.toString(), new Configuration()));
        assertTrue(e.getMessage().contains("no _SUCCESS"), e.getMessage());
        ArchiveExistsException exists =
                assertThrows(ArchiveExistsException.class, () -> compress(input, null, archive, "auto", false));
        assertTrue(exists.getMessage().contains("incomplete"), exists.getMessage());
    }

    @Test
    void corruptPackIsFoundByVerifyAndRefusedByDecompress(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 16, 64, 64, "uint16", null, 4);
        Path archive = dir.resolve("a.pz");
        compress(input, null, archive, "auto", false);
        ArchiveReader reader = ArchiveReader.open(archive.toString(), new Configuration());
        TileRow victim = reader.rows().get(reader.rows().size() / 2);
        Path pack = archive.resolve(ArchiveLayout.PACKS).resolve(victim.pack());
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            long at = victim.offset() + victim.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        VerifyJob.Result r =
                VerifyJob.run(jsc, reader, jsc.broadcast(new SerializableConfiguration(new Configuration())), null);
        assertEquals(2, r.failed(), "the tile, and its pack's SHA-256: " + r.failures());
        assertTrue(r.failures().get(0).contains(victim.position()), r.failures().get(0));
        assertTrue(r.failures().get(0).contains("CRC32C"), r.failures().get(0));
        assertTrue(
                r.failures().get(1).contains(victim.pack() + ": field sha256"),
                r.failures().get(1));

        Path out = dir.resolve("out");
        Files.createDirectory(out);
        InvalidArchiveException e = assertThrows(
                InvalidArchiveException.class,
                () -> JobFixtures.restore(archive.toString(), out.resolve("restored.h5"), null, null));
        assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
        assertEquals(List.of(), names(out));
        // A region that avoids the damaged tile still restores.
        TileRow other = reader.rows().stream()
                .filter(t -> !t.pack().equals(victim.pack()) || t.offset() != victim.offset())
                .findFirst()
                .orElseThrow();
        Path part = out.resolve("part.h5");
        JobFixtures.restore(
                archive.toString(),
                part,
                other.t0() + ":" + (other.t0() + 1),
                other.y0() + ":" + (other.y0() + 1) + "," + other.x0() + ":" + (other.x0() + 1));
        assertTrue(Files.exists(part));
        assertFalse(names(out).stream().anyMatch(n -> n.startsWith(".")));
    }

    @Test
    void archiveMovedElsewhereStillReads(@TempDir Path dir) throws IOException {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 10, 40, 40, "uint16", null, 1);
        Path archive = dir.resolve("a.pz");
        CompressJob.Report report = compress(input, null, archive, "auto", false);
        Path moved = dir.resolve("moved.pz");
        Files.move(archive, moved, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(
                report.totals().tiles(),
                ArchiveReader.open(moved.toString(), new Configuration()).rows().size());
    }
}
