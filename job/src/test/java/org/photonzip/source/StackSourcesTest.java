package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertShape;
import static org.photonzip.source.StackAssertions.readAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec parsing ({@code PATH[:DATASET][@A:B]}, local paths and URIs), opening by spec, frame ranges, in-memory stacks. */
class StackSourcesTest {
    @TempDir
    Path dir;

    @Test
    void parsesPathDatasetAndRange() throws IOException {
        Path file = Files.writeString(dir.resolve("scan:1.h5"), "x");
        StackSpec s = StackSpec.parse(file + ":/entry/data/data@100:3100");
        assertEquals(file.toString(), s.path());
        assertEquals("/entry/data/data", s.dataset());
        assertEquals(100, s.first());
        assertEquals(3100, s.end());

        StackSpec plain = StackSpec.parse(file.toString());
        assertEquals(file.toString(), plain.path());
        assertNull(plain.dataset());
        assertFalse(plain.hasRange());

        StackSpec open = StackSpec.parse("tiffs/raw_*.tiff@5:");
        assertEquals("tiffs/raw_*.tiff", open.path());
        assertEquals(5, open.first());
        assertEquals(-1, open.end());

        StackSpec missing = StackSpec.parse("/nowhere/x.h5:/a/b@:7");
        assertEquals("/nowhere/x.h5", missing.path());
        assertEquals("/a/b", missing.dataset());
        assertEquals(7, missing.end());

        assertEquals("name@v2.h5", StackSpec.parse("name@v2.h5").path());
        assertEquals(
                new StackSpec("hdfs://127.0.0.1:8020/scans/a.h5", "/entry/data/data", 3, 9),
                StackSpec.parse("hdfs://127.0.0.1:8020/scans/a.h5:/entry/data/data@3:9"));
        assertEquals(
                new StackSpec("hdfs://nn:8020/scans/a.h5", null, 0, -1), StackSpec.parse("hdfs://nn:8020/scans/a.h5"));
        assertEquals(
                new StackSpec("s3a://bucket/tiffs/raw_*.tiff", null, 0, 5),
                StackSpec.parse("s3a://bucket/tiffs/raw_*.tiff@:5"));
        assertEquals(new StackSpec("file:/data/a.h5", "/x/y", 0, -1), StackSpec.parse("file:/data/a.h5:/x/y"));
        assertEquals(new StackSpec("file:///data/a.h5", "/x", 0, -1), StackSpec.parse("file:///data/a.h5:/x"));
        assertThrows(IllegalArgumentException.class, () -> StackSpec.parse("x.h5@9:3"));
    }

    @Test
    void opensHdf5FrameRange() throws IOException {
        Path k11 = TestData.require("k11-diad/k11-18014/k11-18014-imaging.h5");
        try (StackSource range = StackSources.open(k11 + ":/entry/detector/detector@100:3100");
                StackSource whole = StackSources.open(k11.toString())) {
            assertShape(range, 3000, 22, 26);
            assertTrue(range.description().endsWith("/entry/detector/detector@100:3100"), range.description());
            short[] expected = new short[5 * 22 * 26];
            whole.read(100, 5, 0, 22, 0, 26, expected);
            assertArrayEquals(expected, readAll(range, 5));
            short[] last = new short[22 * 26];
            whole.read(3099, 1, 0, 22, 0, 26, last);
            short[] got = new short[22 * 26];
            range.read(2999, 1, 0, 22, 0, 26, got);
            assertArrayEquals(last, got);
            assertThrows(IndexOutOfBoundsException.class, () -> range.read(2999, 2, 0, 1, 0, 1, new short[2]));
            assertThrows(IndexOutOfBoundsException.class, () -> whole.read(3200, 2, 0, 1, 0, 1, new short[2]));
            assertThrows(IndexOutOfBoundsException.class, () -> whole.read(0, 1, 21, 2, 0, 1, new short[2]));
            assertThrows(IndexOutOfBoundsException.class, () -> whole.read(0, 1, 0, 1, -1, 1, new short[2]));
            assertThrows(IllegalArgumentException.class, () -> whole.read(0, 1, 0, 2, 0, 2, new short[3]));
            short[] untouched = {7};
            whole.read(5, 0, 0, 1, 0, 1, untouched);
            assertEquals(7, untouched[0]);
        }
    }

    @Test
    void opensTiffGlobWithRange() throws IOException {
        Path tiffs = TestData.require("savu-i13/tiffs");
        try (StackSource s = StackSources.open(tiffs.resolve("raw_*.tiff") + "@90:")) {
            assertShape(s, 1, 135, 160);
            assertEquals(21362, StackAssertions.value(s, 0, 134, 159));
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StackSources.open(tiffs + ":/entry/data"));
        assertTrue(e.getMessage().contains("TIFF"), e.getMessage());
    }

    @Test
    void errorsNameWhatIsWrong() {
        NoSuchFileException missing = assertThrows(
                NoSuchFileException.class,
                () -> StackSources.open(dir.resolve("absent.h5") + ":/entry/data/data@0:10"));
        assertTrue(missing.getMessage().contains("absent.h5"), missing.getMessage());
        Path psi = TestData.require("psi-neutron-ct/stack.h5");
        IllegalArgumentException range =
                assertThrows(IllegalArgumentException.class, () -> StackSources.open(psi + "@300:400"));
        assertTrue(range.getMessage().contains("300:400") && range.getMessage().contains("376"), range.getMessage());
    }

    /** A path given as a {@code file:} URI reads the same samples as the plain path: one reader for every scheme. */
    @Test
    void fileUriReadsTheSameAsThePath() throws IOException {
        Path k11 = TestData.require("k11-diad/k11-18014/k11-18014-imaging.h5");
        Path tiffs = TestData.require("savu-i13/tiffs");
        try (StackSource plain = StackSources.open(k11 + ":/entry/detector/detector@0:200");
                StackSource uri = StackSources.open(k11.toUri() + ":/entry/detector/detector@0:200");
                StackSource tiffPlain = StackSources.open(tiffs.toString());
                StackSource tiffUri = StackSources.open(tiffs.toUri().toString())) {
            assertArrayEquals(readAll(plain, 200), readAll(uri, 200));
            assertArrayEquals(readAll(tiffPlain, 91), readAll(tiffUri, 91));
        }
    }

    @Test
    void hasDatasetAnswersWithoutThrowing() throws IOException {
        Path psi = TestData.require("psi-neutron-ct/stack.h5");
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        assertTrue(StackSources.hasDataset(psi.toString(), "/entry/data/flats", conf));
        assertTrue(StackSources.hasDataset(psi.toUri().toString(), "/entry/data/darks", conf));
        assertFalse(StackSources.hasDataset(psi.toString(), "/entry/data/nope", conf));
        assertFalse(StackSources.hasDataset(psi.toString(), "/entry/data", conf));
        assertFalse(StackSources.hasDataset(dir.resolve("absent.h5").toString(), "/entry/data/data", conf));
        assertFalse(StackSources.hasDataset(dir.toString(), "/entry/data/data", conf));
        Path junk = Files.writeString(dir.resolve("junk.h5"), "not hdf5");
        assertFalse(StackSources.hasDataset(junk.toString(), "/entry/data/data", conf));
    }

    @Test
    void notHdf5IsAnIoError() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.h5"), "not an hdf5 file at all");
        IOException e = assertThrows(IOException.class, () -> StackSources.open(junk.toString()));
        assertTrue(e.getMessage().contains("junk.h5"), e.getMessage());
    }

    @Test
    void inMemoryStackReadsBlocks() throws IOException {
        short[] data = new short[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (i * 2500);
        }
        InMemoryStack s = InMemoryStack.wrap("mem", 2, 3, 4, data);
        assertArrayEquals(data, readAll(s, 2));
        StackAssertions.assertSubBlocksMatch(s, data, 2);
        short[] block = new short[2];
        s.read(1, 1, 2, 1, 1, 2, block);
        assertArrayEquals(new short[] {data[21], data[22]}, block);
        assertThrows(IllegalArgumentException.class, () -> s.read(0, 2, 0, 3, 0, 4, new short[5]));
        assertThrows(IllegalArgumentException.class, () -> InMemoryStack.wrap("bad", 2, 3, 4, new short[5]));
        FrameRangeSource tail = FrameRangeSource.of(s, 1, 2);
        assertEquals("mem@1:2", tail.description());
        assertEquals(data[12] & 0xFFFF, StackAssertions.value(tail, 0, 0, 0));
    }
}
