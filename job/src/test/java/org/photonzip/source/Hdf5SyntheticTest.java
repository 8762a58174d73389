package org.photonzip.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.source.StackAssertions.assertShape;
import static org.photonzip.source.StackAssertions.assertSubBlocksMatch;
import static org.photonzip.source.StackAssertions.found;
import static org.photonzip.source.StackAssertions.open;
import static org.photonzip.source.StackAssertions.readAll;
import static org.photonzip.source.StackAssertions.value;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HDF5 reader (InputStack, Hdf5SlabReader) on small files written here with jhdf: element types, layouts, dataset discovery, corruption. */
class Hdf5SyntheticTest {
    private static final DatasetCreationOptions UNSIGNED =
            DatasetCreationOptions.builder().unsigned().build();

    @TempDir
    Path dir;

    private static short[][][] ramp(int f, int h, int w) {
        short[][][] d = new short[f][h][w];
        for (int t = 0; t < f; t++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    d[t][y][x] = (short) (t * 4099 + y * 131 + x * 7 + 60000);
                }
            }
        }
        return d;
    }

    @Test
    void chunkedDeflatedUint16MatchesWrittenValues() throws IOException {
        short[][][] data = ramp(9, 11, 13);
        Path file = dir.resolve("chunked.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putGroup("exchange")
                    .putDataset(
                            "data",
                            data,
                            DatasetCreationOptions.builder()
                                    .unsigned()
                                    .chunkDimensions(2, 4, 5)
                                    .shuffle()
                                    .deflate()
                                    .build());
        }
        try (SlabStackSource s = open(file, null)) {
            assertShape(s, 9, 11, 13);
            assertEquals("uint16 /exchange/data", found(s));
            short[] all = readAll(s, 9);
            short[] expected = new short[all.length];
            int i = 0;
            for (short[][] frame : data) {
                for (short[] row : frame) {
                    for (short v : row) {
                        expected[i++] = v;
                    }
                }
            }
            assertArrayEquals(expected, all);
            assertSubBlocksMatch(s, all, 9);
        }
    }

    @Test
    void uint8AndNonNegativeSignedAreWidened() throws IOException {
        Path file = dir.resolve("small.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("u8", new byte[][][] {{{0, (byte) 255}}}, UNSIGNED);
            f.putDataset("i8", new byte[][][] {{{0, 127}}});
            f.putDataset("i16", new short[][][] {{{0, 32767}}});
        }
        for (String path : new String[] {"/u8", "/i8", "/i16"}) {
            try (SlabStackSource s = open(file, path)) {
                short[] row = readAll(s, 1);
                assertEquals(0, row[0]);
                assertEquals(path.equals("/u8") ? 255 : path.equals("/i8") ? 127 : 32767, row[1] & 0xFFFF);
            }
        }
    }

    @Test
    void negativeSignedValueIsRejectedWithItsPosition() throws IOException {
        Path file = dir.resolve("signed.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            short[][][] data = {{{5, 6}, {7, 8}}, {{9, -3}, {1, 2}}};
            f.putDataset("i16", data);
            f.putDataset(
                    "i16z",
                    data,
                    DatasetCreationOptions.builder()
                            .chunkDimensions(1, 2, 2)
                            .deflate()
                            .build());
        }
        for (String path : new String[] {"/i16", "/i16z"}) { // raw byte ranges, and jhdf's filtered reads
            try (SlabStackSource s = open(file, path)) {
                assertEquals(7, value(s, 0, 1, 0));
                UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> readAll(s, 2));
                String m = e.getMessage();
                assertTrue(
                        m.contains("-3")
                                && m.contains("frame 1 row 0 column 1")
                                && m.contains("int16")
                                && m.contains("signed.h5:" + path),
                        m);
            }
        }
    }

    @Test
    void wideTypesAndWrongRanksAreRejected() throws IOException {
        Path file = dir.resolve("wrong.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putDataset("u32", new int[][][] {{{1, 2}}}, UNSIGNED);
            f.putDataset("i32", new int[][][] {{{1, 2}}});
            f.putDataset("flat", new short[][] {{1, 2}}, UNSIGNED);
            f.putDataset("f64", new double[][][] {{{1.5}}});
        }
        String[][] cases = {{"/u32", "uint32"}, {"/i32", "int32"}, {"/flat", "not 3-D"}, {"/f64", "float64"}};
        for (String[] c : cases) {
            UnsupportedStackException e = assertThrows(UnsupportedStackException.class, () -> open(file, c[0]));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("wrong.h5:" + c[0]), e.getMessage());
        }
        UnsupportedStackException none = assertThrows(UnsupportedStackException.class, () -> open(file, null));
        assertTrue(none.getMessage().contains("No 3-D integer dataset"), none.getMessage());
    }

    @Test
    void findsFirst3dIntegerDatasetWhenNoWellKnownPath() throws IOException {
        Path file = dir.resolve("odd.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            WritableGroup scan = f.putGroup("scan");
            scan.putDataset("angles", new double[] {0, 1, 2});
            scan.putDataset("image", new short[][] {{1}}, UNSIGNED);
            scan.putGroup("camera").putDataset("frames", ramp(3, 2, 2), UNSIGNED);
        }
        try (SlabStackSource s = open(file, null)) {
            assertEquals("uint16 /scan/camera/frames", found(s));
            assertShape(s, 3, 2, 2);
        }
    }

    @Test
    void findsNexusSignal() throws IOException {
        Path file = dir.resolve("nexus.h5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putAttribute("default", "entry1");
            WritableGroup entry = f.putGroup("entry1");
            entry.putAttribute("NX_class", "NXentry");
            entry.putAttribute("default", "tomo");
            entry.putGroup("aaa").putDataset("other", ramp(1, 1, 1), UNSIGNED);
            WritableGroup tomo = entry.putGroup("tomo");
            tomo.putAttribute("NX_class", "NXdata");
            tomo.putAttribute("signal", "frames");
            tomo.putDataset("frames", ramp(4, 3, 2), UNSIGNED);
        }
        try (SlabStackSource s = open(file, null)) {
            assertEquals("uint16 /entry1/tomo/frames", found(s));
            assertShape(s, 4, 3, 2);
        }
    }

    @Test
    void truncatedFileGivesIoErrorNamingIt() throws IOException {
        Path whole = dir.resolve("whole.h5");
        try (WritableHdfFile f = HdfFile.write(whole)) {
            f.putGroup("entry").putGroup("data").putDataset("data", ramp(20, 16, 16), UNSIGNED);
        }
        byte[] bytes = Files.readAllBytes(whole);
        for (int length : new int[] {0, 100, 1000, bytes.length / 2}) {
            Path cut = Files.write(dir.resolve("cut" + length + ".h5"), Arrays.copyOf(bytes, length));
            IOException e = assertThrows(IOException.class, () -> {
                try (SlabStackSource s = open(cut, null)) {
                    readAll(s, s.frames());
                }
            });
            assertTrue(e.getMessage().contains(cut.getFileName().toString()), e.getMessage());
        }
    }

    /**
     * A chunked file cut after its index: the chunks' addresses say where the samples end, so the reader refuses it
     * at open, before any frame is read (the older local reader only failed when it reached the missing frames).
     */
    @Test
    void truncatedChunkedRealFileIsRefusedAtOpen() throws IOException {
        Path k11 = TestData.require("k11-diad/k11-18014/k11-18014-imaging.h5");
        byte[] bytes = Files.readAllBytes(k11);
        Path cut = Files.write(dir.resolve("k11-cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> open(cut, null));
        assertTrue(e.getMessage().contains("k11-cut.h5") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
