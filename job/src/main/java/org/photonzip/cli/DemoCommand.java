package org.photonzip.cli;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;
import org.photonzip.options.ModelChoice;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.SparkSessions;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip demo}: the first thing a newcomer runs. Generates a sample stack, compresses it with the Spark
 * job ({@code compress --verify}, embedded Spark), restores it ({@code decompress}), compares every value and
 * every other dataset with the sample, and prints what it achieved.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Generates a sample projection stack, compresses it with the Spark job (--verify), "
                + "decompresses it, compares every value and prints sizes, bits/pixel, ratio and MB/s.")
public final class DemoCommand implements Callable<Integer> {
    private static final String[] OTHER_DATASETS = {
        Hdf5StackWriter.FLATS, Hdf5StackWriter.DARKS, Hdf5StackWriter.ROTATION_ANGLE
    };

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Working directory for the sample (default: a new temporary directory, removed after).")
    Path dir;

    @Option(names = "--frames", defaultValue = "128", description = "Frames (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--height", defaultValue = "256", description = "Height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--width", defaultValue = "256", description = "Width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    SparkMasterOption sparkMaster;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Invalid sizes are IllegalArgumentExceptions: ExitCodes prints them and exits 2.
        GeneratorConfig config = GeneratorConfig.builder()
                .frames(frames)
                .height(height)
                .width(width)
                .seed(seed)
                .build();
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("photonzip-demo-") : Files.createDirectories(dir);
        Path sample = work.resolve("sample.h5");
        Path archive = work.resolve("sample.pz");
        Path restored = work.resolve("restored.h5");
        try {
            out.printf(
                    Locale.ROOT,
                    "1. generate: a %d x %d x %d uint16 projection stack with flats, darks and angles "
                            + "(seed %d) -> %s%n",
                    frames,
                    height,
                    width,
                    seed,
                    sample);
            out.flush();
            new Hdf5StackWriter(false, true, Math.max(1, Runtime.getRuntime().availableProcessors()), null)
                    .write(new StackGenerator(config), sample);
            out.printf(
                    Locale.ROOT,
                    "2. compress --verify (Spark %s) -> %s%n",
                    sparkMaster.master() == null ? "local[*]" : sparkMaster.master(),
                    archive);
            out.flush();
            CompressJob.Report report;
            SparkSession spark = SparkSessions.start("photonzip demo", sparkMaster.master());
            try {
                report = CompressJob.run(
                        spark,
                        new CompressJob.Request(
                                sample.toString(),
                                null,
                                archive.toString(),
                                null,
                                ModelChoice.parse("auto"),
                                true,
                                true,
                                0,
                                1L << 30),
                        new PrintStream(System.err, true));
            } finally {
                spark.stop();
            }
            out.printf(Locale.ROOT, "3. decompress -> %s%n", restored);
            out.flush();
            ArchiveReader reader = ArchiveReader.open(archive.toString(), HadoopFiles.newConfiguration());
            Files.deleteIfExists(restored);
            Restorer.Result r = Restorer.restore(
                    reader,
                    restored.toString(),
                    Region.whole(reader.summary().shape()),
                    false,
                    Runtime.getRuntime().availableProcessors());
            out.println("4. compare every value of " + Hdf5StackWriter.DATA + " and the flats, darks and angles");
            out.flush();
            String mismatch = compare(sample, restored);
            if (mismatch != null) {
                err.println("photonzip demo: round trip FAILED: " + mismatch);
                return 3;
            }
            out.println();
            out.print(table(report, r));
            out.printf(
                    Locale.ROOT,
                    "every one of %,d samples restored bit for bit; archive: %s (try: bin/photonzip info %s)%n",
                    report.stack().samples(),
                    temporary ? "removed with the demo directory" : archive,
                    temporary ? "ARCHIVE" : archive);
            return 0;
        } finally {
            if (temporary) {
                LocalFiles.deleteTree(work);
            }
        }
    }

    private static String table(CompressJob.Report c, Restorer.Result d) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(
                "stack",
                c.stack().shapeString() + " " + c.stack().dtype() + ", "
                        + c.totals().tiles() + " tiles");
        rows.put("original size", ArchiveTable.bytes(c.totals().originalBytes()));
        rows.put("compressed size", ArchiveTable.bytes(c.totals().compressedBytes()) + " (tile streams)");
        rows.put("bits/pixel", String.format(Locale.ROOT, "%.3f", c.totals().bitsPerPixel()));
        rows.put("ratio", String.format(Locale.ROOT, "%.3f", c.totals().ratio()));
        rows.put(
                "compress",
                String.format(
                        Locale.ROOT,
                        "%.1f MB/s (%.1f s with --verify; a sample this small "
                                + "mostly measures JVM warm-up: see docs/benchmarks.md)",
                        c.totals().megabytesPerSecond(),
                        c.totals().seconds()));
        rows.put(
                "decompress",
                String.format(Locale.ROOT, "%.1f MB/s (%.1f s, to HDF5)", d.megabytesPerSecond(), d.seconds()));
        return ArchiveTable.format(rows);
    }

    /** Null when the restored file has the sample's stack and other datasets exactly, else what differs. */
    static String compare(Path sample, Path restored) throws IOException {
        try (StackSource a = StackSources.open(StackSpec.of(sample.toString(), Hdf5StackWriter.DATA));
                StackSource b = StackSources.open(StackSpec.of(restored.toString(), Hdf5StackWriter.DATA))) {
            if (a.frames() != b.frames() || a.height() != b.height() || a.width() != b.width()) {
                return "restored shape " + b.frames() + "x" + b.height() + "x" + b.width();
            }
            short[] x = new short[a.height() * a.width()];
            short[] y = new short[x.length];
            for (int t = 0; t < a.frames(); t++) {
                a.read(t, 1, 0, a.height(), 0, a.width(), x);
                b.read(t, 1, 0, b.height(), 0, b.width(), y);
                int i = Arrays.mismatch(x, y);
                if (i >= 0) {
                    return "frame " + t + " row " + i / a.width() + " column " + i % a.width() + ": " + (y[i] & 0xFFFF)
                            + " restored, " + (x[i] & 0xFFFF) + " generated";
                }
            }
        }
        try (HdfFile a = new HdfFile(sample);
                HdfFile b = new HdfFile(restored)) {
            for (String path : List.of(OTHER_DATASETS)) {
                Dataset da = a.getDatasetByPath(path);
                Dataset db = b.getDatasetByPath(path);
                if (!Objects.deepEquals(da.getData(), db.getData())) {
                    return path + " differs";
                }
            }
        }
        return null;
    }
}
