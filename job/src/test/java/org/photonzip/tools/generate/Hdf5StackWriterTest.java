package org.photonzip.tools.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5StackWriterTest {
    private static final int T = 5, H = 40, W = 56;

    private static StackGenerator generator() {
        // Many hot pixels so that both 65535 and other high stuck values are certain to be present.
        return new StackGenerator(GeneratorConfig.builder()
                .frames(T)
                .height(H)
                .width(W)
                .seed(21)
                .flats(3)
                .darks(2)
                .hotPixelFraction(0.005)
                .build());
    }

    @Test
    void roundTripIsExactForEveryValue(@TempDir Path dir) throws Exception {
        StackGenerator g = generator();
        Path file = dir.resolve("stack.h5");
        Hdf5StackWriter.Result r = new Hdf5StackWriter(true, false, 1, null).write(g, file);
        assertEquals(file.toAbsolutePath(), r.file());
        assertEquals(Files.size(file), r.bytes());

        boolean[] seen = new boolean[3]; // >= 32768, == 65535, < 32768
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset data = hdf.getDatasetByPath(Hdf5StackWriter.DATA);
            assertArrayEquals(new int[] {T, H, W}, data.getDimensions());
            assertArrayEquals(
                    new int[] {1, H, W},
                    assertInstanceOf(ChunkedDataset.class, data).getChunkDimensions());
            int[][][] values = (int[][][]) data.getData(); // jhdf widens uint16 to int
            short[] f = new short[H * W];
            for (int t = 0; t < T; t++) {
                g.frame(t, f);
                for (int i = 0; i < f.length; i++) {
                    int expected = f[i] & 0xFFFF;
                    assertEquals(expected, values[t][i / W][i % W], "frame " + t + " pixel " + i);
                    seen[expected == 65535 ? 1 : expected >= 32768 ? 0 : 2] = true;
                }
            }
            assertTrue(seen[0] && seen[1] && seen[2], "values on both sides of 32768 and at 65535");

            assertFrames(hdf.getDatasetByPath(Hdf5StackWriter.FLATS), 3, g::flat);
            assertFrames(hdf.getDatasetByPath(Hdf5StackWriter.DARKS), 2, g::dark);
            assertArrayEquals(g.rotationAngles(), (double[])
                    hdf.getDatasetByPath(Hdf5StackWriter.ROTATION_ANGLE).getData());

            Dataset intensity = hdf.getDatasetByPath(Hdf5StackWriter.INTENSITY);
            float[][][] e = (float[][][]) intensity.getData();
            float[] ef = new float[H * W];
            for (int t = 0; t < T; t++) {
                g.expectedIntensity(t, ef);
                for (int i = 0; i < ef.length; i++) {
                    assertEquals(ef[i], e[t][i / W][i % W]);
                }
            }
            assertEquals(1.5, ((Number) intensity.getAttribute("gain").getData()).doubleValue());
            assertEquals(2.5, ((Number) intensity.getAttribute("read_noise").getData()).doubleValue());
            assertEquals(100.0, ((Number) intensity.getAttribute("dark").getData()).doubleValue());
            double[] offsets = (double[])
                    hdf.getDatasetByPath(Hdf5StackWriter.COLUMN_OFFSET).getData();
            double[] base = g.columnBase();
            for (int x = 0; x < W; x++) {
                assertEquals(base[x] - 100, offsets[x], 1e-9);
            }
            assertEquals(
                    "NXdata",
                    hdf.getByPath(Hdf5StackWriter.GROUP)
                            .getAttribute("NX_class")
                            .getData());
            assertEquals(
                    "NXentry", hdf.getByPath("/entry").getAttribute("NX_class").getData());
        }
    }

    private interface FrameSource {
        void render(int i, short[] dst);
    }

    private static void assertFrames(Dataset d, int n, FrameSource source) {
        int[][][] v = (int[][][]) d.getData();
        assertEquals(n, v.length);
        short[] f = new short[H * W];
        for (int t = 0; t < n; t++) {
            source.render(t, f);
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i] & 0xFFFF, v[t][i / W][i % W]);
            }
        }
    }

    @Test
    void slabReadsAndThreadCountDoNotChangeAnything(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one.h5");
        Path three = dir.resolve("three.h5");
        new Hdf5StackWriter(false, false, 1, null).write(generator(), one);
        new Hdf5StackWriter(false, false, 3, null).write(generator(), three);
        assertEquals(-1, Files.mismatch(one, three), "same bytes whatever the rendering threads");
        try (HdfFile hdf = new HdfFile(one)) {
            int[][][] slab = (int[][][])
                    hdf.getDatasetByPath(Hdf5StackWriter.DATA).getData(new long[] {3, 10, 20}, new int[] {2, 5, 7});
            short[] f = new short[H * W];
            StackGenerator g = generator();
            for (int k = 0; k < 2; k++) {
                g.frame(3 + k, f);
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 7; x++) {
                        assertEquals(f[(10 + y) * W + 20 + x] & 0xFFFF, slab[k][y][x]);
                    }
                }
            }
        }
    }

    @Test
    void refusesToOverwriteUnlessAsked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.h5");
        Files.writeString(file, "precious");
        Hdf5StackWriter careful = new Hdf5StackWriter(false, false, 1, null);
        assertThrows(FileAlreadyExistsException.class, () -> careful.write(generator(), file));
        assertEquals("precious", Files.readString(file));
        new Hdf5StackWriter(false, true, 1, null).write(generator(), file);
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(
                    new int[] {T, H, W},
                    hdf.getDatasetByPath(Hdf5StackWriter.DATA).getDimensions());
        }
        assertEquals(List.of(file), list(dir), "no temporary files left");
    }

    @Test
    void aFailureLeavesNoFileBehind(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.h5");
        Hdf5StackWriter failing = new Hdf5StackWriter(true, false, 2, (name, t, n) -> {
            if (name.equals("data") && t == 2) {
                throw new IllegalStateException("disk on fire");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failing.write(generator(), file));
        assertEquals("disk on fire", e.getMessage());
        assertEquals(List.of(), list(dir));
        assertThrows(
                NoSuchFileException.class,
                () -> failing.write(generator(), dir.resolve("missing").resolve("y.h5")));
    }

    @Test
    void h5pyReadsTheSameValues(@TempDir Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "Debian python3 not installed");
        Path file = dir.resolve("py.h5");
        StackGenerator g = generator();
        new Hdf5StackWriter(true, false, 1, null).write(g, file);
        String script = "import sys, h5py, hashlib, numpy\n"
                + "f = h5py.File(sys.argv[1], 'r')\n"
                + "d = f['/entry/data/data']\n"
                + "print(d.dtype, d.chunks, hashlib.sha256(numpy.ascontiguousarray(d[...]).astype('<u2').tobytes()).hexdigest(),"
                + " float(f['/entry/data/intensity'][...].astype('float64').sum()))\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(!out.contains("No module named"), "h5py not installed");
        assertEquals(0, p.exitValue(), out);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer bytes = ByteBuffer.allocate(H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
        short[] f = new short[H * W];
        float[] e = new float[H * W];
        double sum = 0;
        for (int t = 0; t < T; t++) {
            g.frame(t, f);
            bytes.clear();
            bytes.asShortBuffer().put(f);
            sha.update(bytes.array());
            g.expectedIntensity(t, e);
            for (float v : e) {
                sum += v;
            }
        }
        String[] fields = out.split(" ");
        assertEquals("uint16", fields[0]);
        assertEquals("(1, " + H + ", " + W + ")", fields[1] + " " + fields[2] + " " + fields[3]);
        assertEquals(HexFormat.of().formatHex(sha.digest()), fields[4]);
        assertEquals(sum, Double.parseDouble(fields[5]), 1e-6 * sum);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void progressReportsEveryFrameOfEveryDataset(@TempDir Path dir) throws IOException {
        int[] counts = new int[3];
        new Hdf5StackWriter(false, false, 1, (name, t, n) -> {
                    switch (name) {
                        case "data" -> counts[0]++;
                        case "flats" -> counts[1]++;
                        case "darks" -> counts[2]++;
                        default -> throw new AssertionError(name);
                    }
                })
                .write(generator(), dir.resolve("p.h5"));
        assertArrayEquals(new int[] {T, 3, 2}, counts);
    }
}
