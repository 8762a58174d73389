package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertSubBlocksMatch;
import static org.photonzip.source.StackAssertions.readAll;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.photonzip.spark.H5py;

/**
 * The one reader against libhdf5: datasets written by h5py in every layout (contiguous, chunked raw, chunked gzip,
 * compact, chunks never written), element type and byte order it accepts, every value compared with what h5py
 * reads back. Both of its read paths are covered: raw byte ranges (unfiltered) and jhdf (filtered, compact).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5LayoutsTest {
    private Path dir;

    @BeforeAll
    void write(@TempDir Path base) throws IOException, InterruptedException {
        H5py.require();
        dir = base;
        Path script = Path.of("src/test/resources/source/make_layouts.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
    }

    @ParameterizedTest
    @CsvSource({
        "be_contiguous, uint16, true, contiguous",
        "be_chunked_gzip, uint16, true, chunked",
        "le_chunked_raw, uint16, false, chunked",
        "be_chunked_raw, uint16, true, chunked",
        "i2_be_contiguous, int16, true, contiguous",
        "i2_chunked_gzip, int16, false, chunked",
        "u1_chunked_gzip, uint8, false, chunked",
        "u1_contiguous, uint8, false, contiguous",
        "sparse_raw, uint16, false, chunked",
        "sparse_gzip, uint16, false, chunked",
        "sparse_fill_raw, uint16, false, chunked",
        "be_sparse_fill_raw, uint16, true, chunked",
        "u1_sparse_fill_raw, uint8, false, chunked",
        "full_fill_gzip, uint16, false, chunked",
        "i1_compact, int8, true, compact",
    })
    void readsWhatLibhdf5Reads(String name, String dtype, boolean bigEndian, String layout) throws IOException {
        byte[] expectedBytes = Files.readAllBytes(dir.resolve(name + ".u16"));
        short[] expected = new short[expectedBytes.length / 2];
        ByteBuffer.wrap(expectedBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(expected);
        try (SlabStackSource s = StackAssertions.open(dir.resolve("layouts.h5"), "/" + name)) {
            StackDescriptor d = s.descriptor();
            assertEquals(List.of(dtype, bigEndian, layout), List.of(d.dtype(), d.bigEndian(), d.layout()), name);
            assertEquals(expected.length, s.samples(), name);
            short[] all = readAll(s, s.frames());
            assertArrayEquals(expected, all, name);
            assertSubBlocksMatch(s, all, s.frames());
        }
    }

    /**
     * Chunks never written read as the fill value; where the reader cannot apply it (jhdf's filtered reads give 0)
     * or no uint16 holds it, the dataset is refused at open, naming the count, rather than read as zeros.
     */
    @ParameterizedTest
    @CsvSource({"sparse_fill_gzip, fill value 517", "sparse_fill_negative, fill value -1"})
    void fillValuesThatCannotBeReadAreRefused(String name, String why) {
        UnsupportedStackException e = assertThrows(
                UnsupportedStackException.class, () -> StackAssertions.open(dir.resolve("layouts.h5"), "/" + name));
        assertTrue(
                e.getMessage().contains(name)
                        && e.getMessage().contains(why)
                        && e.getMessage().contains("chunk(s) never written"),
                e.getMessage());
    }
}
