package org.photonzip.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.photonzip.fs.LocalFiles;
import org.photonzip.spark.SparkSessions;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip bench-night}: a simulated night in one embedded Spark application. Generates one big scan
 * and a night of small ones (one generated, the others copies of it), compresses the big one alone (the baseline)
 * and then the night with each number of scans in flight, and prints aggregate MB/s, its ratio to the big scan's
 * MB/s in the same run, and the driver's serial seconds per scan.
 */
@Command(
        name = "bench-night",
        mixinStandardHelpOptions = true,
        description = {
            "Simulated night: N small scans against one big scan, in one Spark application; aggregate MB/s "
                    + "as a ratio of the big scan's, per number of scans in flight. Archives are removed afterwards."
        })
public final class BenchNightCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--scans",
            defaultValue = "40",
            description = "Small scans in the night (default ${DEFAULT-VALUE}).")
    int scans;

    @Option(
            names = "--scan-frames",
            defaultValue = "128",
            description = "Frames of a small scan (default " + "${DEFAULT-VALUE}: 64 MB at 512 x 512).")
    int scanFrames;

    @Option(
            names = "--big-frames",
            defaultValue = "4096",
            description = "Frames of the big scan (default " + "${DEFAULT-VALUE}: 2 GB at 512 x 512).")
    int bigFrames;

    @Option(names = "--size", defaultValue = "512", description = "Frame height and width (default ${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--in-flight",
            split = ",",
            defaultValue = "1,2,auto",
            description = "Scans in flight to try "
                    + "(default ${DEFAULT-VALUE}; 1 is one after another; auto is what a night chooses for the cores and "
                    + "the scans' tasks).")
    List<String> inFlight;

    @Option(names = "--master", defaultValue = "local[2]", description = "Spark master (default ${DEFAULT-VALUE}).")
    String master;

    @Option(
            names = "--verify",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Verify every tile before each commit, as a night does (default: on).")
    boolean verify;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where stacks and archives go (default: a new " + "temporary directory, removed afterwards).")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String given : inFlight) {
            if (!given.equalsIgnoreCase("auto")) {
                inFlight(given); // refused before anything is generated
            }
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("photonzip-bench-night-");
        try {
            Path big = generate(dir.resolve("big.h5"), bigFrames, 7, err);
            Path first = generate(dir.resolve("raw/scan_001.h5"), scanFrames, 11, err);
            List<Path> night = new ArrayList<>(List.of(first));
            for (int i = 2; i <= scans; i++) {
                night.add(Files.copy(first, dir.resolve(String.format(Locale.ROOT, "raw/scan_%03d.h5", i))));
            }
            SparkSession spark = SparkSessions.start("photonzip bench-night", master);
            List<NightRuns.Row> rows = new ArrayList<>();
            try {
                NightRuns runs = new NightRuns(spark, dir, verify);
                // One small scan first, not counted: the JIT, Parquet's and the report's first use would otherwise
                // all be charged to the baseline, which runs first.
                err.println("bench-night: warm-up: " + runs.run("warm-up", List.of(first), 1, 0));
                NightRuns.Row baseline = runs.run("big scan alone", List.of(big), 1, 0);
                rows.add(baseline);
                err.println("bench-night: " + baseline);
                for (String given : inFlight) {
                    boolean auto = given.equalsIgnoreCase("auto");
                    int n = auto ? runs.chosenInFlight(night) : inFlight(given);
                    NightRuns.Row r = runs.run(
                            scans + " scans, " + n + " in flight" + (auto ? " (auto)" : ""), night, n, baseline.mbps());
                    rows.add(r);
                    err.println("bench-night: " + r);
                }
            } finally {
                spark.stop();
            }
            out.printf(
                    Locale.ROOT,
                    "master %s, %d x %d frames; MB = 10^6 bytes of samples; verify %s; %d cores " + "seen by the JVM%n",
                    master,
                    size,
                    size,
                    verify ? "on" : "off",
                    Runtime.getRuntime().availableProcessors());
            out.print(NightRuns.table(rows));
            out.flush();
            return 0;
        } finally {
            if (work == null) {
                LocalFiles.deleteTreeQuietly(dir);
            }
        }
    }

    private int inFlight(String given) {
        try {
            int n = Integer.parseInt(given.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(),
                "Invalid value for option " + "'--in-flight': '" + given
                        + "' is neither a number of scans (1 or more) nor auto");
    }

    private Path generate(Path file, int frames, long seed, PrintWriter err) throws Exception {
        Files.createDirectories(file.getParent());
        GeneratorConfig cfg = GeneratorConfig.builder()
                .frames(frames)
                .height(size)
                .width(size)
                .seed(seed)
                .flats(4)
                .darks(4)
                .build();
        Hdf5StackWriter.Result r = new Hdf5StackWriter(
                        false, true, Math.min(4, Runtime.getRuntime().availableProcessors()), null)
                .write(new StackGenerator(cfg), file);
        err.printf(Locale.ROOT, "bench-night: generated %s (%.0f MB) in %.1f s%n", file, r.bytes() / 1e6, r.seconds());
        err.flush();
        return file;
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
