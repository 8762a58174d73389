package org.photonzip.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.source.InputStack;
import org.photonzip.source.SlabStackSource;
import org.photonzip.source.StackDescriptor;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

@Tag("slow")
class DistributedSamplerTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    @Test
    void executorsDrawExactlyTheExamplesTheDriverWould(@TempDir Path dir) throws Exception {
        Path file = JobFixtures.writeStack(dir.resolve("scan.h5"), 40, 96, 160, "uint16", new int[] {1, 96, 160}, 5);
        SparkSession spark = SPARK.session();
        try (InputStack input = InputStack.open(file.toString(), null, new Configuration())) {
            StackDescriptor stack = input.descriptor();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            StackSampler.Sample distributed = DistributedSampler.sample(
                    jsc, stack, jsc.broadcast(new SerializableConfiguration(new Configuration())), 20_000, 3, 17);
            StackSampler.Sample local;
            try (SlabStackSource source = new SlabStackSource(stack, new Configuration())) {
                local = StackSampler.sample(source, 20_000, 3, 17);
            }
            assertTrue(
                    distributed.set().size() > 1000,
                    "examples: " + distributed.set().size());
            assertEquals(local.tilesRead(), distributed.tilesRead());
            assertEquals(local.tilesInStack(), distributed.tilesInStack());
            assertArrayEquals(local.set().inputs(), distributed.set().inputs());
            assertArrayEquals(local.set().residuals(), distributed.set().residuals());
            assertArrayEquals(local.set().energies(), distributed.set().energies());
        } finally {
            SPARK.stop();
        }
    }
}
