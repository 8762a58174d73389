package org.photonzip.spark.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
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
 * A campaign from and to a real HDFS (in-process MiniDFSCluster): archives on hdfs://, outputs on hdfs://
 * restored to executor-local scratch and uploaded; every value equals the source, no hidden file is left; the night
 * read as a data source.
 */
@Tag("slow")
class HdfsCampaignTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    @Test
    void restoresANightFromAndToHdfs(@TempDir java.nio.file.Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        SparkSession spark = null;
        try {
            cluster.waitActive();
            String hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
            spark = SPARK.session(Map.of("spark.hadoop.fs.defaultFS", hdfs));
            int[][] shapes = {{8, 32, 40}, {10, 24, 48}};
            for (int i = 0; i < shapes.length; i++) {
                java.nio.file.Path raw = JobFixtures.writeStack(
                        dir.resolve("s" + i + ".h5"), shapes[i][0], shapes[i][1], shapes[i][2], "uint16", null, 40 + i);
                JobFixtures.compress(spark, raw.toString(), null, hdfs + "/night/s" + i + ".pz", null, false, false, 0);
            }
            CampaignPlan.Plan plan = CampaignPlan.plan(
                    List.of(hdfs + "/night"),
                    hdfs + "/out/",
                    spark.sparkContext().hadoopConfiguration());
            Campaign.Outcome o = Campaign.run(
                    spark,
                    plan,
                    new Campaign.Options(null, "2:20,:", false, false, e -> String.valueOf(e.getMessage()), e -> false),
                    JobFixtures.quiet());
            assertEquals(0, o.exitCode(), o.records().toString());
            FileSystem fs = cluster.getFileSystem();
            for (int i = 0; i < shapes.length; i++) {
                java.nio.file.Path local = dir.resolve("r" + i + ".h5");
                fs.copyToLocalFile(new Path("/out/s" + i + ".h5"), new Path(local.toUri()));
                RestoredFiles.assertStackEquals(
                        dir.resolve("s" + i + ".h5").toString(),
                        local,
                        "/entry/data/data",
                        new Region(0, shapes[i][0], 2, 20, 0, shapes[i][2]));
            }
            assertEquals(
                    List.of("_restore", "s0.h5", "s1.h5"),
                    Arrays.stream(fs.listStatus(new Path("/out")))
                            .map(FileStatus::getPath)
                            .map(Path::getName)
                            .sorted()
                            .toList(),
                    "no hidden file left");
            assertEquals(2, o.count("done"));

            // The same night as a data source on HDFS (partitions with the block's hosts): one row per tile of frame 3.
            long tiles = 0;
            for (int i = 0; i < shapes.length; i++) {
                tiles += org.photonzip.archive.ArchiveReader.open(
                                hdfs + "/night/s" + i + ".pz",
                                spark.sparkContext().hadoopConfiguration())
                        .rows()
                        .stream()
                        .filter(r -> r.overlaps(3, 4, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE))
                        .count();
            }
            assertEquals(
                    tiles,
                    spark.read()
                            .format("photonzip")
                            .load(hdfs + "/night")
                            .where("frame = 3")
                            .count());
        } finally {
            if (spark != null) {
                SPARK.stop();
            }
            cluster.shutdown(true);
        }
    }
}
