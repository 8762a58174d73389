package org.photonzip.spark;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;

/** Small synthetic inputs and one-call compress / restore helpers for the job tests. */
public final class JobFixtures {
    private JobFixtures() {}

    public static CompressJob.Report compress(
            SparkSession spark,
            String input,
            String dataset,
            String archive,
            TileShape tile,
            boolean verify,
            boolean overwrite,
            long taskBytes)
            throws IOException {
        return CompressJob.run(
                spark,
                new CompressJob.Request(
                        input,
                        dataset,
                        archive,
                        tile,
                        ModelChoice.parse("auto"),
                        verify,
                        overwrite,
                        taskBytes,
                        1L << 30),
                quiet());
    }

    public static Restorer.Result restore(String archive, Path output, String frames, String roi) throws IOException {
        ArchiveReader reader = ArchiveReader.open(archive, new org.apache.hadoop.conf.Configuration());
        return Restorer.restore(
                reader,
                output.toString(),
                Region.parse(frames, roi, reader.summary().shape()),
                false,
                2);
    }

    public static Restorer.Result restoreWith(
            String archive, String output, org.apache.hadoop.conf.Configuration conf, String frames, String roi)
            throws IOException {
        ArchiveReader reader = ArchiveReader.open(archive, conf);
        return Restorer.restore(
                reader, output, Region.parse(frames, roi, reader.summary().shape()), false, 2);
    }

    public static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /**
     * A small NeXus-like file: {@code /entry/data/data} (frames × h × w, {@code dtype}: uint16, int16 or uint8;
     * contiguous when {@code chunks} is null), plus flats, angles and attributes of assorted types.
     */
    public static Path writeStack(Path file, int frames, int h, int w, String dtype, int[] chunks, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int max = dtype.equals("uint8") ? 255 : dtype.equals("int16") ? 32767 : 65535;
        Object data;
        if (dtype.equals("uint8")) {
            byte[][][] d = new byte[frames][h][w];
            for (byte[][] f : d) {
                for (byte[] r : f) {
                    for (int x = 0; x < w; x++) {
                        r[x] = (byte) (100 + x % 50 + rnd.nextInt(20));
                    }
                }
            }
            data = d;
        } else {
            short[][][] d = new short[frames][h][w];
            for (int t = 0; t < frames; t++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int v = 1000 + 20 * t + 3 * y + 7 * x + rnd.nextInt(200);
                        if (rnd.nextInt(5000) == 0) {
                            v = max; // zinger
                        }
                        d[t][y][x] = (short) Math.min(v, max);
                    }
                }
            }
            data = d;
        }
        DatasetCreationOptions.Builder opts = DatasetCreationOptions.builder();
        if (!dtype.startsWith("int")) {
            opts.unsigned();
        }
        if (chunks != null) {
            opts.chunkDimensions(chunks);
        }
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("facility", "test beamline");
            WritableGroup entry = hdf.putGroup("entry");
            entry.putAttribute("NX_class", "NXentry");
            WritableGroup g = entry.putGroup("data");
            g.putAttribute("NX_class", "NXdata");
            g.putAttribute("signal", "data");
            WritableDataset ds = g.putDataset("data", data, opts.build());
            ds.putAttribute("units", "counts");
            ds.putAttribute("exposure_ms", new double[] {12.5});
            short[][][] flats = new short[2][h][w];
            for (short[][] f : flats) {
                for (short[] r : f) {
                    java.util.Arrays.fill(r, (short) 40000);
                }
            }
            g.putDataset(
                    "flats", flats, DatasetCreationOptions.builder().unsigned().build());
            double[] angles = new double[frames];
            for (int t = 0; t < frames; t++) {
                angles[t] = 180.0 * t / frames;
            }
            g.putDataset("rotation_angle", angles).putAttribute("units", "degree");
            WritableGroup inst = entry.putGroup("instrument");
            inst.putAttribute("NX_class", "NXinstrument");
            inst.putDataset("energy_kev", 30.0);
            inst.putDataset("name", "TEST-1");
            inst.putDataset("image_key", new int[] {0, 0, 1, 2});
        }
        return file;
    }
}
