package org.photonzip.spark.night;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.spark.cluster.ExecutorBusy;
import org.photonzip.spark.cluster.ScansInFlight;

/**
 * Runs the scans of a night in one Spark application, {@link ScansInFlight} at once (as many as the cluster's cores
 * and the median scan's tasks call for, unless configured): "scan k of N" with the night's ETA on the console, a
 * record per scan in {@code NIGHT/_night/RUN.jsonl} ({@link NightLog}), the executors' busy fraction over the
 * night ({@link ExecutorBusy}), and the outcome a scheduler acts on ({@link Outcome#exitCode()}).
 */
public final class NightRun {
    /** Exit codes (README, docs/nightly.md). */
    public static final int ALL_DONE = 0;

    public static final int SOME_FAILED = 1;
    public static final int INVALID = 2;
    public static final int VERIFICATION_FAILED = 3;
    public static final int SOURCES_KEPT = 4;

    /** What the night did. */
    public record Outcome(List<ScanRecord> records, boolean verificationFailed, int sourcesKept, Path log) {
        public long failed() {
            return records.stream().filter(r -> !r.done()).count();
        }

        public int exitCode() {
            return verificationFailed
                    ? VERIFICATION_FAILED
                    : failed() > 0 ? SOME_FAILED : sourcesKept > 0 ? SOURCES_KEPT : ALL_DONE;
        }
    }

    private NightRun() {}

    /** {@code nightDirectory} receives the record; null for a single archive (no record is written). */
    public static Outcome run(
            SparkSession spark, List<Scan> scans, String nightDirectory, NightOptions options, PrintStream console)
            throws IOException {
        String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long[] sizes = sizes(scans, conf);
        long total = java.util.Arrays.stream(sizes).sum();
        ScanRun runner = new ScanRun(spark, options, runId, console);
        int n = scans.size();
        ScanRun.Result[] results = new ScanRun.Result[n];
        long start = System.nanoTime();
        // Several scans in flight (ScansInFlight): the progress, the record and the console are shared.
        Object lock = new Object();
        long[] bytesDone = {0};
        double[] workSeconds = {0};
        long[] skippedBytes = {0};
        int[] next = {0};
        SparkContext sc = spark.sparkContext();
        int inFlight = n <= 1 ? 1 : ScansInFlight.inFlight(sc, () -> ScanTasks.ofMedianScan(sc, scans, sizes, options));
        try (NightLog log = nightDirectory == null ? null : NightLog.open(nightDirectory, runId, conf)) {
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                order.add(k);
            }
            ExecutorBusy busy = ExecutorBusy.start(sc);
            try {
                ScansInFlight.run(spark.sparkContext(), order, inFlight, k -> {
                    Scan scan = scans.get(k);
                    if (n > 1) {
                        synchronized (lock) {
                            console.println(String.format(
                                    Locale.ROOT,
                                    "photonzip: scan %d of %d: %s (%s); night %s, " + "ETA %s",
                                    k + 1,
                                    n,
                                    scan.input(),
                                    mb(sizes[k]),
                                    elapsed(start),
                                    eta(workSeconds[0], bytesDone[0], total - bytesDone[0] - skippedBytes[0])));
                        }
                    }
                    ScanRun.Result r = runner.run(scan, k + 1, n);
                    synchronized (lock) {
                        results[k] = r;
                        if (r.record().status().equals("skipped")) {
                            skippedBytes[0] += sizes[k];
                        } else {
                            bytesDone[0] += sizes[k];
                            workSeconds[0] += r.record().seconds();
                        }
                        // The record stays in scan order: a scan's line waits for the scans before it.
                        while (next[0] < n && results[next[0]] != null) {
                            if (log != null) {
                                log.append(results[next[0]].record());
                            }
                            next[0]++;
                        }
                        console.println("photonzip: " + scan.archive() + ": "
                                + r.record().status()
                                + (r.record().error() == null
                                        ? ""
                                        : ": " + r.record().error()));
                    }
                    return r;
                });
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                ExecutorBusy.Figures figures = busy.stop();
                if (n > 1) {
                    console.println(String.format(
                            Locale.ROOT, "photonzip: night: %d scans, %d in flight; %s", n, inFlight, figures));
                }
            }
            List<ScanRecord> records = new ArrayList<>();
            boolean verifyFailed = false;
            int kept = 0;
            for (ScanRun.Result r : results) {
                records.add(r.record());
                verifyFailed |= r.verificationFailed();
                kept += r.sourceKept() ? 1 : 0;
            }
            Outcome outcome = new Outcome(List.copyOf(records), verifyFailed, kept, log == null ? null : log.file());
            if (log != null) {
                console.println("photonzip: night record " + log.file());
            }
            return outcome;
        }
    }

    /** Bytes of each scan's input as listed now (0 when it cannot be listed), to weigh the ETA. */
    private static long[] sizes(List<Scan> scans, Configuration conf) {
        long[] sizes = new long[scans.size()];
        for (int i = 0; i < sizes.length; i++) {
            try {
                Path p = HadoopFiles.path(scans.get(i).input());
                FileSystem fs = HadoopFiles.fileSystem(p, conf);
                var matches = fs.globStatus(p);
                for (var m : matches == null ? new org.apache.hadoop.fs.FileStatus[0] : matches) {
                    sizes[i] +=
                            m.isDirectory() ? fs.getContentSummary(m.getPath()).getLength() : m.getLen();
                }
            } catch (IOException | RuntimeException e) {
                sizes[i] = 0;
            }
        }
        return sizes;
    }

    private static String eta(double seconds, long done, long remaining) {
        if (done <= 0 || seconds <= 0) {
            return "?";
        }
        return hms(seconds / done * Math.max(0, remaining));
    }

    private static String elapsed(long start) {
        return hms((System.nanoTime() - start) / 1e9);
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
