package org.photonzip.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopChannelTest {
    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    @Test
    void readsWhatWasAskedAndCountsEveryByteFetched(@TempDir Path dir) throws Exception {
        byte[] data = random(3 << 20);
        Path file = Files.write(dir.resolve("f.bin"), data);
        LongAdder shared = new LongAdder();
        try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file.toString()), new Configuration(), shared)) {
            assertEquals(data.length, ch.size());
            byte[] big = new byte[1 << 20];
            ch.readFully(1000, big, 0, big.length);
            assertArrayEquals(Arrays.copyOfRange(data, 1000, 1000 + big.length), big);
            assertEquals(big.length, ch.bytesRead(), "large reads go straight to storage, exactly");

            // Small reads (metadata) go through whole cached blocks: repeated ones cost nothing more.
            ByteBuffer small = ByteBuffer.allocate(100);
            ch.position(2_000_000).read(small);
            assertArrayEquals(Arrays.copyOfRange(data, 2_000_000, 2_000_100), small.array());
            long afterOne = ch.bytesRead();
            assertEquals(big.length + HadoopChannel.BLOCK, afterOne);
            ch.position(2_000_050).read(ByteBuffer.allocate(20));
            assertEquals(afterOne, ch.bytesRead());
            assertEquals(ch.bytesRead(), shared.sum());

            assertThrows(EOFException.class, () -> ch.readFully(data.length - 10, new byte[20], 0, 20));
            assertEquals(-1, ch.position(data.length).read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void smallFilesAreFetchedOnceWhole(@TempDir Path dir) throws Exception {
        byte[] data = random(50_000);
        Path file = Files.write(dir.resolve("frame.tif"), data);
        try (HadoopChannel ch = HadoopChannel.open(HadoopFiles.path(file.toString()), new Configuration(), null)) {
            byte[] a = new byte[30_000];
            ch.readFully(8, a, 0, a.length);
            ch.position(49_000).read(ByteBuffer.allocate(1000));
            assertArrayEquals(Arrays.copyOfRange(data, 8, 30_008), a);
            assertEquals(data.length, ch.bytesRead());
        }
    }

    @Test
    void localPathsAndUrisBecomeQualifiedHadoopPaths(@TempDir Path dir) throws Exception {
        assertEquals("file", HadoopFiles.path(dir.toString()).toUri().getScheme());
        assertTrue(
                HadoopFiles.path(dir.toString())
                        .getName()
                        .equals(dir.getFileName().toString()),
                "an existing directory keeps its name (no trailing slash)");
        assertEquals(
                "raw_0000?.tiff",
                HadoopFiles.path("hdfs://nn:8020/scans/raw_0000?.tiff").getName());
        assertTrue(HadoopFiles.hasAtomicDirectoryRename(HadoopFiles.path("hdfs://nn/x")));
        assertTrue(!HadoopFiles.hasAtomicDirectoryRename(HadoopFiles.path("s3a://bucket/x")));
        assertTrue(HadoopFiles.hasAtomicDirectoryRename(HadoopFiles.path(dir.toString())));
    }
}
