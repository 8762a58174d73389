package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.plan.TileShape;
import org.photonzip.spark.H5py;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * A partial restore of an NXtomo-like scan (interleaved image_key, rotation_angle, flats, darks, a mask) cuts what
 * shares the stack's axes to the region, so that angles and keys have one entry per restored frame and flats and
 * darks cover the restored rows and columns (docs/archive-format.md §7); a whole restore is unchanged. h5py compares
 * every value with the source's (h5compare.py), the attributes are read here. The flats (5120 samples) are coded in
 * metadata-samples.pz, the darks (2560) kept raw in metadata.h5: both ways are cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class CutBesideStackTest {
    private static final int T = 24;
    private static final int H = 32;
    private static final int W = 40;

    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    @BeforeAll
    void start() {
        H5py.require();
    }

    @Test
    void partialRestoreCutsAnglesKeysFlatsAndDarksToTheRegion(@TempDir Path dir) throws IOException {
        Path source = scan(dir.resolve("scan.h5"), T);
        String archive = dir.resolve("scan.pz").toString();
        JobFixtures.compress(
                spark, source.toString(), "/entry/data/data", archive, TileShape.parse("8x16x16"), false, false, 0);

        Path whole = dir.resolve("whole.h5");
        Restorer.Result all = JobFixtures.restore(archive, whole, null, null);
        assertEquals(List.of(), all.cut(), "a whole restore cuts nothing");
        H5py.assertSameAsSource(source, whole);

        Path part = dir.resolve("part.h5");
        Restorer.Result r = JobFixtures.restore(archive, part, "10:20", "4:27,9:31");
        H5py.assertRegionOfSource(source, part, "/entry/data/data", 10, 20, 4, 27, 9, 31);
        String said = String.join("\n", r.cut());
        assertTrue(said.contains("/entry/data/rotation_angle: frames 10:20 of 24"), said);
        assertTrue(said.contains("/entry/instrument/image_key: frames 10:20 of 24"), said);
        assertTrue(said.contains("/entry/data/flats: rows 4:27, columns 9:31 of 32 x 40"), said);
        assertTrue(said.contains("/entry/data/darks: rows 4:27, columns 9:31 of 32 x 40"), said);
        assertTrue(said.contains("/entry/data/mask: rows 4:27, columns 9:31 of 32 x 40"), said);
        assertTrue(said.contains("/entry/instrument/temperature: frames 10:20 of 24"), said);
        assertEquals(6, r.cut().size(), said);

        try (HdfFile in = new HdfFile(source);
                HdfFile out = new HdfFile(part)) {
            double[] angles =
                    (double[]) in.getDatasetByPath("/entry/data/rotation_angle").getData();
            Dataset cutAngles = out.getDatasetByPath("/entry/data/rotation_angle");
            assertArrayEquals(Arrays.copyOfRange(angles, 10, 20), (double[]) cutAngles.getData());
            assertArrayEquals(new int[] {10, 20}, (int[])
                    cutAngles.getAttribute("photonzip_frames").getData());
            assertArrayEquals(new int[] {T}, (int[])
                    cutAngles.getAttribute("photonzip_source_shape").getData());
            assertEquals("degree", cutAngles.getAttribute("units").getData(), "the dataset's attributes are kept");

            int[] keys =
                    (int[]) in.getDatasetByPath("/entry/instrument/image_key").getData();
            assertArrayEquals(Arrays.copyOfRange(keys, 10, 20), (int[])
                    out.getDatasetByPath("/entry/instrument/image_key").getData());

            Dataset flats = out.getDatasetByPath("/entry/data/flats");
            assertArrayEquals(
                    new int[] {4, 23, 22}, flats.getDimensions(), "every flat, the region's rows and columns");
            assertArrayEquals(new int[] {4, 27, 9, 31}, (int[])
                    flats.getAttribute("photonzip_roi").getData());
            assertArrayEquals(new int[] {4, H, W}, (int[])
                    flats.getAttribute("photonzip_source_shape").getData());
            assertNull(flats.getAttribute("photonzip_frames"), "flats are other frames than the stack's");
            assertArrayEquals(
                    new int[] {W},
                    out.getDatasetByPath("/entry/data/column_offset").getDimensions(),
                    "a 1-D dataset of the width is not one value per frame: kept whole");
        }

        Path framesOnly = dir.resolve("frames.h5");
        Restorer.Result f = JobFixtures.restore(archive, framesOnly, "0:5", null);
        H5py.assertRegionOfSource(source, framesOnly, "/entry/data/data", 0, 5, 0, H, 0, W);
        assertEquals(
                3, f.cut().size(), "frames alone cut the angles, keys and temperatures, not the flats: " + f.cut());
    }

    @Test
    void aLengthThatIsAlsoTheHeightCutsOnlyAnglesAndKeys(@TempDir Path dir) throws IOException {
        Path source = scan(dir.resolve("square.h5"), H);
        String archive = dir.resolve("square.pz").toString();
        JobFixtures.compress(
                spark, source.toString(), "/entry/data/data", archive, TileShape.parse("8x16x16"), false, false, 0);
        Path part = dir.resolve("part.h5");
        Restorer.Result r = JobFixtures.restore(archive, part, "3:7", null);
        H5py.assertRegionOfSource(source, part, "/entry/data/data", 3, 7, 0, H, 0, W);
        String said = String.join("\n", r.cut());
        assertTrue(said.contains("/entry/data/rotation_angle: frames 3:7 of 32"), said);
        assertTrue(said.contains("/entry/instrument/image_key: frames 3:7 of 32"), said);
        assertTrue(
                said.contains("/entry/instrument/temperature: left whole (its length 32 is the frame count and "
                        + "also the frame's height or width)"),
                said);
        try (HdfFile out = new HdfFile(part)) {
            assertArrayEquals(
                    new int[] {H},
                    out.getDatasetByPath("/entry/instrument/temperature").getDimensions());
        }
    }

    /**
     * An NXtomo-like scan of {@code frames} frames: flats and darks interleaved in the stack (image_key) and beside
     * it, a temperature per frame.
     */
    private static Path scan(Path file, int frames) {
        SplittableRandom rnd = new SplittableRandom(3);
        short[][][] data = new short[frames][H][W];
        int[] keys = new int[frames];
        double[] angles = new double[frames];
        float[] temperature = new float[frames];
        for (int t = 0; t < frames; t++) {
            keys[t] = t < 2 ? 2 : t < 4 ? 1 : t == frames - 1 ? 1 : 0;
            angles[t] = keys[t] == 0 ? 180.0 * (t - 4) / (frames - 5) : 0;
            temperature[t] = 21.5f + 0.01f * t;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    data[t][y][x] = (short) (1000 + 5 * t + 3 * y + 7 * x + rnd.nextInt(300));
                }
            }
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup entry = hdf.putGroup("entry");
            entry.putAttribute("NX_class", "NXentry");
            WritableGroup g = entry.putGroup("data");
            g.putAttribute("NX_class", "NXdata");
            g.putDataset(
                    "data",
                    data,
                    DatasetCreationOptions.builder()
                            .unsigned()
                            .chunkDimensions(new int[] {1, H, W})
                            .build());
            g.putDataset(
                    "flats",
                    frames(rnd, 4, 40000),
                    DatasetCreationOptions.builder().unsigned().build());
            g.putDataset(
                    "darks",
                    frames(rnd, 2, 100),
                    DatasetCreationOptions.builder().unsigned().build());
            g.putDataset(
                    "mask",
                    frames(rnd, 1, 1)[0],
                    DatasetCreationOptions.builder().unsigned().build());
            g.putDataset("rotation_angle", angles).putAttribute("units", "degree");
            double[] offset = new double[W];
            Arrays.setAll(offset, x -> 0.5 * x);
            g.putDataset("column_offset", offset);
            WritableGroup inst = entry.putGroup("instrument");
            inst.putDataset("image_key", keys);
            inst.putDataset("temperature", temperature);
        }
        return file;
    }

    private static short[][][] frames(SplittableRandom rnd, int n, int level) {
        short[][][] f = new short[n][H][W];
        for (short[][] frame : f) {
            for (short[] row : frame) {
                for (int x = 0; x < W; x++) {
                    row[x] = (short) (level + rnd.nextInt(50));
                }
            }
        }
        return f;
    }
}
