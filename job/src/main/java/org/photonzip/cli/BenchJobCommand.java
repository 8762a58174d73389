package org.photonzip.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;
import org.photonzip.options.ModelChoice;
import org.photonzip.plan.TileShape;
import org.photonzip.restore.Region;
import org.photonzip.restore.RestoreTimes;
import org.photonzip.restore.Restorer;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip bench-job INPUT}: the job's scaling run. Compresses the same input once per Spark master
 * (local[1], local[2] by default), each in a fresh embedded Spark, and prints wall time, MB/s, MB/s per core, the
 * speed-up over the first master, read amplification, peak heap and bits/pixel.
 */
@Command(
        name = "bench-job",
        mixinStandardHelpOptions = true,
        description = {
            "Scaling run of the compress job: the same INPUT compressed with each Spark master in turn "
                    + "(embedded Spark), archives written to a temporary directory and removed.",
            "Compare MB/s per core with 'photonzip bench INPUT --codecs photonzip' (single-thread codec)."
        })
public final class BenchJobCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The stack to compress, as compress takes it.")
    String input;

    @Option(
            names = "--dataset",
            paramLabel = "PATH",
            description = "HDF5 dataset holding the frames " + "(default: found).")
    String dataset;

    @Option(
            names = "--masters",
            split = ",",
            defaultValue = "local[1],local[2]",
            paramLabel = "MASTER",
            description = "Spark masters to run (default ${DEFAULT-VALUE}).")
    List<String> masters;

    @Mixin
    TileOption tile;

    @Option(
            names = "--task-memory",
            paramLabel = "SIZE",
            description = "Most source samples one task " + "holds (e.g. 256m; default as for compress).")
    String taskMemory;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description =
                    "Where archives are written (default: a temporary " + "directory next to the system's temp dir).")
    Path work;

    @Option(names = "--verify", description = "Also verify every tile before each commit.")
    boolean verify;

    @Option(
            names = "--restore",
            description = "Also restore each archive (as decompress does, with the master's "
                    + "cores as threads) and compare restore with compress per CPU second, with where the restore's CPU "
                    + "went (decode, filter, write).")
    boolean restore;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TileShape shape = tile.shape();
        long taskBytes = taskMemory == null ? 0 : Sizes.parse("--task-memory", taskMemory);
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("photonzip-bench-job-");
        List<String[]> rows = new ArrayList<>();
        List<String[]> restores = new ArrayList<>();
        double first = 0;
        try {
            for (String master : masters) {
                SparkSession spark = SparkSessions.start("photonzip bench-job " + master, master);
                int cores = spark.sparkContext().defaultParallelism();
                String archive = dir.resolve("bench-" + rows.size() + ".pz").toString();
                CompressJob.Report r;
                long peak;
                long cpu0 = processCpuNanos();
                try (HeapPeak heap = new HeapPeak()) {
                    r = CompressJob.run(
                            spark,
                            new CompressJob.Request(
                                    input,
                                    dataset,
                                    archive,
                                    shape,
                                    ModelChoice.parse("auto"),
                                    verify,
                                    true,
                                    taskBytes,
                                    1L << 30),
                            new PrintStream(new ByteArrayOutputStream()));
                    peak = heap.sampledBytes();
                } catch (Exception e) {
                    err.println("photonzip bench-job: " + master + ": " + Failures.message(e));
                    return 1;
                } finally {
                    spark.stop();
                }
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                if (restore) {
                    restores.add(restoreRow(master, cores, r, dir.resolve("bench-" + rows.size() + ".h5")));
                }
                LocalFiles.deleteTreeQuietly(Path.of(java.net.URI.create(r.archive())));
                double mbps = r.totals().megabytesPerSecond();
                first = first == 0 ? mbps : first;
                rows.add(new String[] {
                    master,
                    String.valueOf(cores),
                    f("%.1f", r.totals().seconds()),
                    f("%.1f", mbps),
                    f("%.1f", mbps / cores),
                    f("%.2f", mbps / first),
                    f("%.3f", r.stack().readAmplification(r.totals().bytesRead())),
                    f("%.0f", peak / 1048576.0),
                    f("%.3f", r.totals().bitsPerPixel()),
                    r.totals().tasks() + " x " + ArchiveTable.bytes(r.taskBytes()),
                    f("%.0f", cpu),
                    f("%.0f", r.taskCpuNanos() / 1e9),
                    f("%.1f", r.totals().originalBytes() / 1e6 / (r.taskCpuNanos() / 1e9))
                });
                err.printf(
                        Locale.ROOT,
                        "bench-job: %s done in %.1f s%n",
                        master,
                        r.totals().seconds());
                err.flush();
            }
        } finally {
            if (work == null) {
                LocalFiles.deleteTreeQuietly(dir);
            }
        }
        out.printf(
                Locale.ROOT,
                "%s (%s)%n",
                input,
                "MB = 10^6 bytes of uint16 samples; wall time includes planning, "
                        + "metadata capture, manifest and commit; CPU time shows what a shared machine's other load took away");
        String[] header = {
            "master",
            "cores",
            "wall s",
            "MB/s",
            "MB/s/core",
            "speed-up",
            "read amp",
            "peak heap MiB",
            "bits/pixel",
            "tasks",
            "JVM CPU s",
            "task CPU s",
            "MB per task CPU s"
        };
        out.print(table(header, rows));
        if (restore) {
            out.println("restore of each archive (MB = 10^6 bytes of the uint16 samples restored; CPU: the restore's "
                    + "threads, against the compress tasks' CPU)");
            out.print(table(
                    new String[] {
                        "master",
                        "threads",
                        "wall s",
                        "MB/s",
                        "CPU s",
                        "MB per CPU s",
                        "decode CPU s",
                        "filter CPU s",
                        "write CPU s",
                        "restore/compress per CPU s"
                    },
                    restores));
        }
        long rss = HeapPeak.peakRssBytes();
        if (rss > 0) {
            out.printf(
                    Locale.ROOT,
                    "process peak RSS over all runs: %.0f MiB (max heap %d MiB)%n",
                    rss / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        out.flush();
        return 0;
    }

    /**
     * Restores {@code r}'s archive to {@code output} as decompress does (every tile checked), with {@code threads}
     * threads, and returns its table row; the restored file is removed.
     */
    private static String[] restoreRow(String master, int threads, CompressJob.Report r, Path output)
            throws java.io.IOException {
        ArchiveReader reader = ArchiveReader.open(r.archive(), HadoopFiles.newConfiguration());
        Restorer.Result x = Restorer.restore(
                reader, output.toString(), Region.whole(reader.summary().shape()), false, threads);
        Files.deleteIfExists(output);
        RestoreTimes.Seconds cpu = x.cpu();
        double perCpu = x.samples() * 2 / 1e6 / cpu.total();
        double compressPerCpu = r.totals().originalBytes() / 1e6 / (r.taskCpuNanos() / 1e9);
        return new String[] {
            master,
            String.valueOf(threads),
            f("%.1f", x.seconds()),
            f("%.1f", x.megabytesPerSecond()),
            f("%.1f", cpu.total()),
            f("%.1f", perCpu),
            f("%.1f", cpu.decode()),
            f("%.1f", cpu.filter()),
            f("%.1f", cpu.write()),
            f("%.2f", perCpu / compressPerCpu)
        };
    }

    /** CPU time of this JVM, all threads (tasks, GC, driver). */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static String f(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    static String table(String[] header, List<String[]> rows) {
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            w[i] = header[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, w);
        for (int i = 0; i < w.length; i++) {
            sb.append(i == 0 ? "|" : "").append("-".repeat(w[i] + 2)).append('|');
        }
        sb.append('\n');
        rows.forEach(r -> appendRow(sb, r, w));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] w) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(w[i] - cells[i].length()))
                    .append(" |");
        }
        sb.append('\n');
    }
}
