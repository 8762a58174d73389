package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.hdf5.NativeHdf5;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.source.TiffReferences;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * Issue 18, "a TIFF series loses its flats, darks and angles": the flat and dark fields and angles named beside a
 * TIFF series are archived, listed among its sources, restored as data_white, data_dark and rotation_angle with
 * every value equal, and deleted with the frames only when the archive holds them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class TiffReferencesTest {
    private static final int FRAMES = 6;
    private static final int H = 64;
    private static final int W = 80;

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    /** A series beside two uint16 flats, one float32 dark and an angles file; returns the files made. */
    private static List<Path> scan(Path dir, String anglesText) throws IOException {
        List<Path> files = new ArrayList<>();
        Path series = Files.createDirectories(dir.resolve("tiffs"));
        for (int t = 0; t < FRAMES; t++) {
            files.add(Files.write(series.resolve(String.format("raw_%03d.tiff", t)), uint16(frame(t, 1000))));
        }
        files.add(Files.write(dir.resolve("flat_00001.tiff"), uint16(frame(7, 40000))));
        files.add(Files.write(dir.resolve("flat_00002.tiff"), uint16(frame(8, 40000))));
        files.add(Files.write(dir.resolve("dark_00001.tiff"), float32(darkField())));
        files.add(Files.writeString(dir.resolve("angles.txt"), anglesText));
        return files;
    }

    private static short[] frame(int seed, int base) {
        short[] s = new short[H * W];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (base + (i * 7919 + seed * 104729) % 5003);
        }
        return s;
    }

    private static float[] darkField() {
        float[] f = new float[H * W];
        for (int i = 0; i < f.length; i++) {
            f[i] = 99.25f + (i % 13) / 7f; // not whole numbers: a uint16 copy would lose them
        }
        return f;
    }

    private NightRun.Outcome night(Path dir, Path archive, boolean delete) throws IOException {
        TiffReferences refs = TiffReferences.resolve(
                dir.resolve("flat_*.tiff").toString(),
                dir.resolve("dark_*.tiff").toString(),
                dir.resolve("angles.txt").toString(),
                spark.sparkContext().hadoopConfiguration());
        NightInputs.Plan plan = NightInputs.plan(
                List.of(dir.resolve("tiffs").toString()),
                archive.toString(),
                spark.sparkContext().hadoopConfiguration());
        NightOptions options = new NightOptions(
                false,
                delete,
                s -> new CompressJob.Request(
                                s.input(),
                                null,
                                s.archive(),
                                TileShape.parse("4x32x32"),
                                ModelChoice.parse("classical"),
                                false,
                                false,
                                0,
                                1L << 30)
                        .withReferences(refs),
                e -> String.valueOf(e.getMessage()),
                r -> {});
        return NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, JobFixtures.quiet());
    }

    @Test
    void fieldsAndAnglesAreArchivedListedAndRestoredExactly(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NativeHdf5.available(), "restores write with the HDF5 library");
        String angles = "-88.2\n-86.2\n-84.2001\n0\n1.8\n91.7999\n";
        List<Path> files = scan(dir, angles);
        Path archive = dir.resolve("a.pz");
        NightRun.Outcome o = night(dir, archive, false);
        assertEquals(NightRun.ALL_DONE, o.exitCode(), o.records().toString());

        ArchiveReader reader = ArchiveReader.open(archive.toString(), new org.apache.hadoop.conf.Configuration());
        List<String> recorded = reader.summary().sourceRecord().files().stream()
                .map(f -> Path.of(java.net.URI.create(f.path())).toString())
                .toList();
        assertEquals(files.stream().map(Path::toString).toList(), recorded, "frames, flats, darks, angles");
        assertTrue(
                reader.summary().codedDatasets().stream().anyMatch(e -> e.path().equals("/entry/data/data_white")),
                "uint16 flats are coded like a NeXus input's");

        Path out = dir.resolve("restored.h5");
        JobFixtures.restore(archive.toString(), out, null, null);
        try (HdfFile h = new HdfFile(out)) {
            int[][][] data = (int[][][]) h.getDatasetByPath("/entry/data/data").getData();
            for (int t = 0; t < FRAMES; t++) {
                assertArrayEquals(unsigned(frame(t, 1000)), flat(data[t]), "frame " + t);
            }
            int[][][] white =
                    (int[][][]) h.getDatasetByPath("/entry/data/data_white").getData();
            assertEquals(2, white.length);
            assertArrayEquals(unsigned(frame(7, 40000)), flat(white[0]));
            assertArrayEquals(unsigned(frame(8, 40000)), flat(white[1]));
            float[][][] dark =
                    (float[][][]) h.getDatasetByPath("/entry/data/data_dark").getData();
            assertEquals(1, dark.length);
            float[] expected = darkField();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(
                        Float.floatToRawIntBits(expected[i]),
                        Float.floatToRawIntBits(dark[0][i / W][i % W]),
                        "dark sample " + i);
            }
            double[] a =
                    (double[]) h.getDatasetByPath("/entry/data/rotation_angle").getData();
            assertArrayEquals(new double[] {-88.2, -86.2, -84.2001, 0, 1.8, 91.7999}, a, 0.0);
            assertEquals(
                    "degree",
                    h.getDatasetByPath("/entry/data/rotation_angle")
                            .getAttribute("units")
                            .getData());
        }
    }

    @Test
    void deletingTheSourceDeletesTheFieldsOnlyWhenHeld(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NativeHdf5.available(), "the capture writes with the HDF5 library");
        List<Path> held = scan(dir.resolve("held"), "0\n30.5\n61\n91.5\n122\n152.5\n");
        NightRun.Outcome o = night(dir.resolve("held"), dir.resolve("a.pz"), true);
        assertEquals(NightRun.ALL_DONE, o.exitCode(), o.records().toString());
        assertTrue(o.records().get(0).sourceDeleted());
        for (Path p : held) {
            assertFalse(Files.exists(p), p + " is held by the archive and goes with the source");
        }
        // "0.50" restores as 0.5: the file's formatting is not held, so nothing of the source goes.
        List<Path> kept = scan(dir.resolve("kept"), "0.50\n30.5\n61\n91.5\n122\n152.5\n");
        Map<Path, String> hashes = new java.util.LinkedHashMap<>();
        for (Path p : kept) {
            hashes.put(p, NightFixtures.sha256(p));
        }
        NightRun.Outcome k = night(dir.resolve("kept"), dir.resolve("b.pz"), true);
        assertEquals(NightRun.SOURCES_KEPT, k.exitCode(), k.records().toString());
        assertTrue(
                String.join("; ", k.records().get(0).notes()).contains("formatting of angles file"),
                k.records().get(0).notes().toString());
        for (Map.Entry<Path, String> e : hashes.entrySet()) {
            assertEquals(e.getValue(), NightFixtures.sha256(e.getKey()), e.getKey() + " kept as it was");
        }
    }

    private static int[] unsigned(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] & 0xFFFF;
        }
        return out;
    }

    private static int[] flat(int[][] rows) {
        int[] out = new int[rows.length * rows[0].length];
        for (int y = 0; y < rows.length; y++) {
            System.arraycopy(rows[y], 0, out, y * rows[0].length, rows[y].length);
        }
        return out;
    }

    static byte[] uint16(short[] samples) {
        ByteBuffer pixels = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            pixels.putShort(s);
        }
        return tiff(pixels.array(), 16, 1);
    }

    static byte[] float32(float[] samples) {
        ByteBuffer pixels = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : samples) {
            pixels.putFloat(f);
        }
        return tiff(pixels.array(), 32, 3);
    }

    /** A little-endian single-strip TIFF of {@code H} x {@code W} samples with only the structural tags. */
    private static byte[] tiff(byte[] pixels, int bits, int format) {
        int entries = 9;
        int ifd = 8 + pixels.length;
        ByteBuffer b = ByteBuffer.allocate(ifd + 2 + entries * 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd).put(pixels);
        b.putShort((short) entries);
        entry(b, 256, 3, W);
        entry(b, 257, 3, H);
        entry(b, 258, 3, bits);
        entry(b, 259, 3, 1);
        entry(b, 262, 3, 1);
        entry(b, 273, 4, 8);
        entry(b, 278, 3, H);
        entry(b, 279, 4, pixels.length);
        entry(b, 339, 3, format);
        b.putInt(0);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
