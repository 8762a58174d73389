package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest extends CommandTest {

    @Test
    void writesTheRequestedShapeAndReportsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.h5");
        assertEquals(
                0,
                run(
                        "generate",
                        file.toString(),
                        "--frames",
                        "3",
                        "--height",
                        "16",
                        "--width",
                        "24",
                        "--seed",
                        "5",
                        "--intensity",
                        "--threads",
                        "1"));
        assertTrue(out.toString().contains("data 3 x 16 x 24 uint16"), out.toString());
        assertTrue(out.toString().contains("noise-entropy floor"), out.toString());
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(
                    new int[] {3, 16, 24},
                    hdf.getDatasetByPath("/entry/data/data").getDimensions());
            assertArrayEquals(
                    new int[] {3, 16, 24},
                    hdf.getDatasetByPath("/entry/data/intensity").getDimensions());
        }
    }

    @Test
    void sameSeedSameFile(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.h5"), b = dir.resolve("b.h5");
        assertEquals(0, run("generate", a.toString(), "--frames", "2", "--height", "8", "--width", "8", "--seed", "9"));
        assertEquals(0, run("generate", b.toString(), "--frames", "2", "--height", "8", "--width", "8", "--seed", "9"));
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void refusesToOverwriteWithoutTheOption(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.h5");
        Files.writeString(file, "keep");
        assertEquals(1, run("generate", file.toString(), "--frames", "2", "--height", "8", "--width", "8"));
        assertTrue(err.toString().contains("--overwrite"), err.toString());
        assertEquals("keep", Files.readString(file));
        assertEquals(
                0, run("generate", file.toString(), "--frames", "2", "--height", "8", "--width", "8", "--overwrite"));
        assertFalse(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("keep"));
    }

    @Test
    void invalidSizesAreUsageErrors(@TempDir Path dir) {
        Path file = dir.resolve("g.h5");
        assertEquals(2, run("generate", file.toString(), "--height", "0"));
        assertTrue(err.toString().contains("Invalid height: 0"), err.toString());
        assertEquals(2, run("generate", file.toString(), "--frames", "-3"));
        assertEquals(2, run("generate", file.toString(), "--width", "many"));
        assertFalse(Files.exists(file));
        assertEquals(
                1,
                run(
                        "generate",
                        dir.resolve("nowhere").resolve("g.h5").toString(),
                        "--frames",
                        "1",
                        "--height",
                        "4",
                        "--width",
                        "4"));
        assertTrue(err.toString().contains("directory does not exist"), err.toString());
    }
}
