package org.photonzip.source;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staged copy byte for byte (here from file:// paths, which the stage treats like any Hadoop file system): the
 * source's length, its every byte outside the stack's samples, zeros (holes) inside them, and gone after close.
 */
class RemoteStageTest {
    @Test
    void contiguousStackIsOneHole(@TempDir java.nio.file.Path dir) throws Exception {
        assertStagedWithoutTheStack(JobFixtures.writeStack(dir.resolve("contiguous.h5"), 12, 40, 56, "uint16", null, 3),
                dir, 1);
    }

    @Test
    void chunkedStackLeavesEachChunkOut(@TempDir java.nio.file.Path dir) throws Exception {
        assertStagedWithoutTheStack(JobFixtures.writeStack(dir.resolve("chunked.h5"), 12, 40, 56, "uint16",
                new int[]{5, 40, 56}, 4), dir, 1); // jhdf writes the three chunks back to back: one merged range
    }

    private static void assertStagedWithoutTheStack(java.nio.file.Path source, java.nio.file.Path dir, int ranges)
            throws Exception {
        Configuration conf = new Configuration();
        java.nio.file.Path base = Files.createDirectories(dir.resolve("stage-base"));
        conf.set(RemoteStage.DIR_KEY, base.toString());
        byte[] bytes = Files.readAllBytes(source);
        long[][] holes;
        long stack;
        try (HdfFile hdf = new HdfFile(source)) {
            Dataset ds = hdf.getDatasetByPath("/entry/data/data");
            holes = RawHdf5Layout.storageRanges(hdf, ds);
            stack = ds.getStorageInBytes();
        }
        assertEquals(ranges, holes.length);
        long holeBytes = 0;
        for (long[] h : holes) {
            holeBytes += h[1] - h[0];
        }
        assertTrue(stack >= 12L * 40 * 56 * 2, "edge chunks are stored whole: " + stack);
        assertEquals(stack, holeBytes, "the holes are exactly the stack's stored samples");
        Path remote = new Path(source.toUri());
        java.nio.file.Path stagedDir;
        try (RemoteStage stage = RemoteStage.stage(new RemoteStage.Source(remote, bytes.length, remote, bytes.length,
                conf), holes)) {
            stagedDir = stage.directory();
            assertTrue(stagedDir.startsWith(base));
            byte[] staged = Files.readAllBytes(stage.master());
            assertEquals(bytes.length, staged.length);
            byte[] expected = bytes.clone();
            for (long[] h : holes) {
                java.util.Arrays.fill(expected, (int) h[0], (int) h[1], (byte) 0);
            }
            assertArrayEquals(expected, staged);
            assertFalse(java.util.Arrays.equals(bytes, staged), "the stack's samples were not copied");
            RemoteStage.Stats s = stage.stats();
            assertEquals(1, s.files());
            assertEquals(bytes.length, s.sourceBytes());
            assertEquals(bytes.length - stack, s.bytesStaged());
        }
        assertFalse(Files.exists(stagedDir));
        try (var left = Files.list(base)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
