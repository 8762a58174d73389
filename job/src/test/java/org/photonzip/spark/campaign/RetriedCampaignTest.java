package org.photonzip.spark.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.restore.Region;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;
import org.photonzip.spark.RestoredFiles;

/**
 * A task killed after writing its hidden file and before the rename (as a dying executor would): the retried
 * attempt writes under its own hidden name and completes, the campaign exits 0, and the driver removes the dead
 * attempt's file, so nothing but the outputs and the record is left.
 */
@Tag("slow")
class RetriedCampaignTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark("local[2,2]").with(ArchiveRestore.KILL_FIRST_ATTEMPT, "2");

    @Test
    void aKilledAttemptIsRetriedAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        SparkSession spark = SPARK.session();
        try {
            Files.createDirectories(dir.resolve("raw"));
            for (int i = 1; i <= 3; i++) {
                Path raw =
                        JobFixtures.writeStack(dir.resolve("raw/s" + i + ".h5"), 6 + i, 24, 32, "uint16", null, 70 + i);
                JobFixtures.compress(
                        spark,
                        raw.toString(),
                        null,
                        dir.resolve("night/s" + i + ".pz").toString(),
                        null,
                        false,
                        false,
                        0);
            }
            Path out = dir.resolve("out");
            CampaignPlan.Plan plan = CampaignPlan.plan(
                    List.of(dir.resolve("night").toString()),
                    out + "/",
                    spark.sparkContext().hadoopConfiguration());
            Campaign.Outcome o = Campaign.run(
                    spark,
                    plan,
                    new Campaign.Options(null, null, false, false, e -> String.valueOf(e.getMessage()), e -> false),
                    JobFixtures.quiet());
            assertEquals(0, o.exitCode(), o.records().toString());
            for (int i = 1; i <= 3; i++) {
                RestoredFiles.assertStackEquals(
                        dir.resolve("raw/s" + i + ".h5").toString(),
                        out.resolve("s" + i + ".h5"),
                        "/entry/data/data",
                        Region.whole(new int[] {6 + i, 24, 32}));
            }
            try (Stream<Path> left = Files.list(out)) {
                assertEquals(
                        List.of("_restore", "s1.h5", "s2.h5", "s3.h5"),
                        left.map(p -> p.getFileName().toString()).sorted().toList());
            }
        } finally {
            SPARK.stop();
        }
    }
}
