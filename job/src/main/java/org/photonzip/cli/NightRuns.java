package org.photonzip.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.photonzip.fs.LocalFiles;
import org.photonzip.options.ModelChoice;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.cluster.ExecutorBusy;
import org.photonzip.spark.cluster.ScansInFlight;
import org.photonzip.spark.night.ScanTasks;

/** The runs of {@code bench-night}: a list of scans compressed in one application, with their figures. */
final class NightRuns {
    private final SparkSession spark;
    private final Path dir;
    private final boolean verify;
    private int runs;

    NightRuns(SparkSession spark, Path dir, boolean verify) {
        this.spark = spark;
        this.dir = dir;
        this.verify = verify;
    }

    /**
     * One run's figures: aggregate MB/s, its ratio to the baseline, driver serial seconds per scan, the executors'
     * busy fraction over the run ({@link ExecutorBusy}) and the machine's load average at its end.
     */
    record Row(
            String name,
            int scans,
            double megabytes,
            double seconds,
            double mbps,
            double ratio,
            double serialMean,
            double serialMax,
            double busy,
            String load) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s: %.0f MB in %.1f s, %.1f MB/s (%.2f of the big scan's); driver "
                            + "serial %.2f s per scan (max %.2f); executors busy %.2f; load %s",
                    name,
                    megabytes,
                    seconds,
                    mbps,
                    ratio,
                    serialMean,
                    serialMax,
                    busy,
                    load);
        }
    }

    /** The request bench-night compresses {@code in} with: the job's defaults, verify as asked. */
    CompressJob.Request request(Path in, Path out) {
        return new CompressJob.Request(
                in.toString(),
                null,
                out.resolve(in.getFileName().toString().replace(".h5", ".pz")).toString(),
                null,
                ModelChoice.parse("auto"),
                verify,
                false,
                0,
                1L << 30);
    }

    /** The scans in flight a night of {@code inputs} gets by default (the first input's tasks against the cores). */
    int chosenInFlight(List<Path> inputs) throws Exception {
        return ScansInFlight.inFlight(spark.sparkContext(), () -> {
            try {
                return ScanTasks.of(spark.sparkContext(), request(inputs.get(0), dir));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    Row run(String name, List<Path> inputs, int inFlight, double baselineMbps) throws Exception {
        Path out = Files.createDirectories(dir.resolve("archives-" + (++runs)));
        long start = System.nanoTime();
        ExecutorBusy busy = ExecutorBusy.start(spark.sparkContext());
        List<CompressJob.Report> reports;
        ExecutorBusy.Figures figures;
        try {
            reports = ScansInFlight.run(
                    spark.sparkContext(),
                    inputs,
                    inFlight,
                    in -> CompressJob.run(spark, request(in, out), BenchNightCommand.quiet()));
        } finally {
            figures = busy.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mb = reports.stream().mapToLong(r -> r.totals().originalBytes()).sum() / 1e6;
        double[] serial =
                reports.stream().mapToDouble(r -> r.driverTimes().serial()).toArray();
        LocalFiles.deleteTreeQuietly(out);
        double mbps = mb / seconds;
        return new Row(
                name,
                inputs.size(),
                mb,
                seconds,
                mbps,
                baselineMbps > 0 ? mbps / baselineMbps : 1.0,
                java.util.Arrays.stream(serial).average().orElse(0),
                java.util.Arrays.stream(serial).max().orElse(0),
                figures.fraction(),
                load());
    }

    /** The 1-, 5- and 15-minute load averages (Linux), or "?". */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    static String table(List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(new String[] {
                r.name(),
                String.valueOf(r.scans()),
                f("%.0f", r.megabytes()),
                f("%.1f", r.seconds()),
                f("%.1f", r.mbps()),
                f("%.3f", r.ratio()),
                f("%.2f", r.serialMean()),
                f("%.2f", r.serialMax()),
                f("%.2f", r.busy()),
                r.load()
            });
        }
        return BenchJobCommand.table(
                new String[] {
                    "run",
                    "scans",
                    "MB",
                    "wall s",
                    "MB/s",
                    "ratio to big scan",
                    "driver serial s/scan",
                    "max",
                    "executors busy",
                    "load 1/5/15 min"
                },
                cells);
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }
}
