package org.photonzip.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.TileRow;
import org.photonzip.plan.TileShape;
import org.photonzip.restore.Region;

/**
 * A task attempt killed mid-write (its pack torn, its rows never returned) is retried by Spark; the archive
 * references only the retry's pack, the torn one is deleted at commit, and every value restores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class RetryTest {
    // local[2,2]: two threads, and a task may fail once and be retried.
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,2]").with("spark.photonzip.test.killFirstAttempt", "1:2");

    private final SparkSession spark = SPARK.session();

    @Test
    void killedAttemptLeavesACorrectArchive(@TempDir Path dir) throws Exception {
        Path input = JobFixtures.writeStack(dir.resolve("in.h5"), 32, 64, 96, "uint16", new int[] {1, 64, 96}, 8);
        String archive = dir.resolve("a.pz").toString();
        CompressJob.Report report =
                JobFixtures.compress(spark, input.toString(), null, archive, new TileShape(16, 32, 32), true, false, 0);
        assertEquals(2, report.totals().tasks());
        assertEquals(12, report.totals().tiles());
        assertTrue(report.verification().ok());

        ArchiveReader reader = ArchiveReader.open(archive, new Configuration());
        Set<String> referenced =
                reader.rows().stream().map(TileRow::pack).collect(Collectors.toCollection(TreeSet::new));
        Set<String> onDisk;
        try (Stream<Path> s = Files.list(Path.of(archive).resolve(ArchiveLayout.PACKS))) {
            onDisk = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(referenced, onDisk, "only the packs of committed attempts remain");
        assertEquals(2, referenced.size());
        assertTrue(
                referenced.stream().anyMatch(p -> p.startsWith("part-00001-1-")), "task 1's retry wrote " + referenced);
        assertTrue(referenced.stream().anyMatch(p -> p.startsWith("part-00000-0-")), referenced.toString());

        Path restored = dir.resolve("out.h5");
        JobFixtures.restore(archive, restored, null, null);
        RestoredFiles.assertStackEquals(
                input.toString(), restored, "/entry/data/data", Region.whole(new int[] {32, 64, 96}));
    }
}
