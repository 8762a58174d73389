package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.photonzip.bench.Benchmark;
import org.photonzip.bench.CodecResult;
import org.photonzip.bench.ReportTable;
import org.photonzip.bench.RoundTripException;
import org.photonzip.bench.StackReport;
import org.photonzip.generate.GeneratorConfig;
import org.photonzip.generate.Hdf5StackWriter;
import org.photonzip.generate.NoiseFloor;
import org.photonzip.generate.StackGenerator;
import org.photonzip.io.Hdf5StackSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip demo}: the first thing a newcomer runs. Generates a sample stack, compresses it tile by
 * tile, decompresses every tile, checks every value, and prints what it achieved beside general-purpose codecs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a sample projection stack, compresses and decompresses it, checks every value "
                + "and prints sizes, bits/pixel, ratio and MB/s beside zstd and deflate.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
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

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GeneratorConfig config;
        try {
            config = GeneratorConfig.builder().frames(frames).height(height).width(width).seed(seed).build();
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("photonzip-demo-") : Files.createDirectories(dir);
        Path sample = work.resolve("sample.h5");
        try {
            out.printf(Locale.ROOT, "1. generating a %d x %d x %d uint16 projection stack (seed %d) -> %s%n",
                    frames, height, width, seed, sample);
            out.flush();
            Hdf5StackWriter.Result written = new Hdf5StackWriter(true, true, Math.max(1, Runtime.getRuntime().availableProcessors()), null)
                    .write(new StackGenerator(config), sample);
            out.printf(Locale.ROOT, "   %,d bytes written in %.1f s%n", written.bytes(), written.seconds());
            out.println("2. compressing tile by tile (one thread), 3. decompressing every tile, "
                    + "4. comparing every value with the source ...");
            out.flush();
            StackReport report;
            try (Hdf5StackSource source = Hdf5StackSource.open(sample, Hdf5StackWriter.DATA)) {
                report = Benchmark.of(null, List.of("photonzip", "zstd-3", "deflate")).run(source, 0);
            }
            double floor = NoiseFloor.bitsPerPixel(sample);
            out.println();
            out.print(ReportTable.format(report, floor));
            CodecResult pz = report.results().get(0);
            out.printf(Locale.ROOT, "%nevery one of %,d samples restored bit for bit; photonzip: %,d -> %,d bytes "
                            + "(%.2f bits/pixel, %.1f%% above the noise-entropy floor, ratio %.2f)%n",
                    report.samples(), report.bytes(), pz.compressedBytes(), pz.bitsPerPixel(),
                    100 * (pz.bitsPerPixel() / floor - 1), pz.ratio());
            if (!temporary) {
                out.println("sample kept in " + sample);
            }
            return 0;
        } catch (RoundTripException e) {
            err.println("demo: round trip FAILED: " + e.getMessage());
            return 3;
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
