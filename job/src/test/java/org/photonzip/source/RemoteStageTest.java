package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;

/**
 * The staged copy byte for byte (here from file:// paths, which the stage treats like any Hadoop file system): the
 * source's length, its every byte outside the stack's samples, zeros (holes) inside them, and gone after close.
 */
class RemoteStageTest {
    @Test
    void contiguousStackIsOneHole(@TempDir java.nio.file.Path dir) throws Exception {
        assertStagedWithoutTheStack(
                JobFixtures.writeStack(dir.resolve("contiguous.h5"), 12, 40, 56, "uint16", null, 3), dir, 1);
    }

    @Test
    void chunkedStackLeavesEachChunkOut(@TempDir java.nio.file.Path dir) throws Exception {
        assertStagedWithoutTheStack(
                JobFixtures.writeStack(dir.resolve("chunked.h5"), 12, 40, 56, "uint16", new int[] {5, 40, 56}, 4),
                dir,
                1); // jhdf writes the three chunks back to back: one merged range
    }

    /**
     * The files external links name are staged whole at their paths relative to the linking file (transitively),
     * an absolute target also by its name beside the linking file (where the library looks for it), a missing one
     * not at all; the master, which holds no stack here, is staged whole.
     */
    @Test
    void linkedFilesAreStagedWhereTheLibraryLooks(@TempDir java.nio.file.Path dir) throws Exception {
        org.photonzip.hdf5.NativeHdf5.load();
        java.nio.file.Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("sub"));
        Files.createDirectories(src.resolve("far"));
        java.nio.file.Path abs = src.resolve("far/abs.h5");
        hdf5(src.resolve("sub/rel.h5"), new String[][] {{"../far/abs.h5", "/"}});
        hdf5(abs, new String[0][]);
        hdf5(src.resolve("master.h5"), new String[][] {{"sub/rel.h5", "/"}, {abs.toString(), "/"}, {"absent.h5", "/x"}
        });
        Configuration conf = new Configuration();
        java.nio.file.Path base = Files.createDirectories(dir.resolve("stage-base"));
        conf.set(RemoteStage.DIR_KEY, base.toString());
        Path master = new Path(src.resolve("master.h5").toUri());
        long length = Files.size(src.resolve("master.h5"));
        try (RemoteStage stage =
                RemoteStage.stage(new RemoteStage.Source(master, length, master, length, conf), new long[0][])) {
            java.nio.file.Path staged = stage.master().getParent();
            assertEquals(3, stage.stats().files());
            assertEquals(stage.stats().sourceBytes(), stage.stats().bytesStaged(), "no stack: nothing left out");
            assertArrayEquals(
                    Files.readAllBytes(src.resolve("sub/rel.h5")), Files.readAllBytes(staged.resolve("sub/rel.h5")));
            assertArrayEquals(Files.readAllBytes(abs), Files.readAllBytes(staged.resolve("far/abs.h5")));
            assertArrayEquals(Files.readAllBytes(abs), Files.readAllBytes(staged.resolve("abs.h5")), "alias");
            assertFalse(Files.exists(staged.resolve("absent.h5")));
            try (var all = Files.walk(stage.directory())) {
                assertEquals(4, all.filter(Files::isRegularFile).count(), "master, rel.h5, abs.h5 and its alias");
            }
        }
        try (var left = Files.list(base)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** An HDF5 file with one group and external links {target file, object} named link0, link1, ... */
    private static void hdf5(java.nio.file.Path file, String[][] links) {
        long f = hdf.hdf5lib.H5.H5Fcreate(
                file.toString(),
                hdf.hdf5lib.HDF5Constants.H5F_ACC_TRUNC,
                hdf.hdf5lib.HDF5Constants.H5P_DEFAULT,
                hdf.hdf5lib.HDF5Constants.H5P_DEFAULT);
        try {
            long p = hdf.hdf5lib.HDF5Constants.H5P_DEFAULT;
            hdf.hdf5lib.H5.H5Gclose(hdf.hdf5lib.H5.H5Gcreate(f, "g", p, p, p));
            for (int i = 0; i < links.length; i++) {
                hdf.hdf5lib.H5.H5Lcreate_external(links[i][0], links[i][1], f, "g/link" + i, p, p);
            }
        } finally {
            hdf.hdf5lib.H5.H5Fclose(f);
        }
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
        try (RemoteStage stage =
                RemoteStage.stage(new RemoteStage.Source(remote, bytes.length, remote, bytes.length, conf), holes)) {
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
