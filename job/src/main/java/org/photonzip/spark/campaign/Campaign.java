package org.photonzip.spark.campaign;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.Leftovers;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import scala.Function2;
import scala.runtime.BoxedUnit;

/**
 * Restores the archives of a campaign in one Spark application, one task per archive ({@link ArchiveRestore}):
 * "archive k of N" with the campaign's ETA on the console as each archive ends, a record per archive in
 * {@code OUTPUT/_restore/RUN.jsonl} ({@link RestoreLog}), and the outcome a scheduler acts on
 * ({@link Outcome#exitCode()}, the night's codes).
 */
public final class Campaign {
    public static final int ALL_DONE = 0;
    public static final int SOME_FAILED = 1;
    public static final int INVALID = 2;
    public static final int TILE_FAILED = 3;

    /**
     * What to do with outputs that exist; how failures are told: the command's one-line message for an exception,
     * and whether it is a tile failing its checks (exit code 3).
     */
    public record Options(
            String frames,
            String roi,
            boolean skipExisting,
            boolean overwrite,
            Message message,
            TileFailure tileFailure) {
        public Options {
            if (skipExisting && overwrite) {
                throw new IllegalArgumentException("Invalid options: --skip-existing and --overwrite together");
            }
        }
    }

    /** The command's one-line message for a failure (run in the tasks, so serializable). */
    public interface Message extends Serializable {
        String of(Throwable e);
    }

    /** Whether a failure is a tile failing its checks. */
    public interface TileFailure extends Serializable {
        boolean test(Throwable e);
    }

    /** What the campaign did. */
    public record Outcome(List<RestoreRecord> records, Path log) {
        public long failed() {
            return records.stream().filter(r -> !r.done()).count();
        }

        public long count(String status) {
            return records.stream().filter(r -> r.status().equals(status)).count();
        }

        public int exitCode() {
            return records.stream().anyMatch(RestoreRecord::tileFailed)
                    ? TILE_FAILED
                    : failed() > 0 ? SOME_FAILED : ALL_DONE;
        }
    }

    private Campaign() {}

    public static Outcome run(SparkSession spark, CampaignPlan.Plan plan, Options options, PrintStream console)
            throws IOException {
        String runId = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<CampaignPlan.Item> items = plan.items();
        int n = items.size();
        Map<String, RestoreRecord> before = RestoreLog.restoredBefore(plan.outputDirectory(), conf);
        List<ArchiveRestore.Job> jobs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            jobs.add(new ArchiveRestore.Job(
                    k + 1,
                    items.get(k),
                    before.get(HadoopFiles.path(items.get(k).output()).toString())));
        }
        ArchiveRestore.Existing existing = options.skipExisting()
                ? ArchiveRestore.Existing.SKIP
                : options.overwrite() ? ArchiveRestore.Existing.OVERWRITE : ArchiveRestore.Existing.REFUSE;
        ArchiveRestore task = new ArchiveRestore(
                runId, n, options.frames(), options.roi(), existing, options.message(), options.tileFailure());
        String app = spark.sparkContext().applicationId();
        RestoreRecord[] results = new RestoreRecord[n];
        Path outputDirectory = HadoopFiles.path(plan.outputDirectory());
        FileSystem fs = HadoopFiles.fileSystem(outputDirectory, conf);
        try (RestoreLog log = RestoreLog.open(plan.outputDirectory(), runId, conf)) {
            long grace = conf.getLong(Leftovers.GRACE, CampaignTemporaries.DEFAULT_GRACE_SECONDS) * 1000;
            for (String note : CampaignTemporaries.removeAbandoned(fs, outputDirectory, app, grace)) {
                console.println("photonzip: " + note);
            }
            CampaignTemporaries.claim(fs, outputDirectory, app); // before any task writes a hidden file
            if (n > 0) {
                runJob(spark, jobs, task, app, new Progress(log, results, console));
            }
            return new Outcome(List.of(results), log.file());
        } finally {
            removeTemporaries(plan.outputDirectory(), app, conf);
            try {
                CampaignTemporaries.release(fs, outputDirectory, app);
            } catch (IOException | RuntimeException e) {
                // A leftover owner record of a finished run is removed by the next run here.
            }
        }
    }

    private static void runJob(
            SparkSession spark, List<ArchiveRestore.Job> jobs, ArchiveRestore task, String app, Progress progress)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        JavaRDD<ArchiveRestore.Job> rdd = jsc.parallelize(jobs, jobs.size()); // one task per archive
        jsc.setJobDescription("photonzip decompress " + jobs.size() + " archives");
        Function2<TaskContext, scala.collection.Iterator<ArchiveRestore.Job>, RestoreRecord[]> restore =
                (Function2<TaskContext, scala.collection.Iterator<ArchiveRestore.Job>, RestoreRecord[]> & Serializable)
                        (context, it) -> {
                            List<RestoreRecord> out = new ArrayList<>();
                            String attempt = app + "-" + context.taskAttemptId();
                            while (it.hasNext()) {
                                out.add(task.run(it.next(), conf.value().get(), attempt, Math.max(1, context.cpus())));
                            }
                            return out.toArray(new RestoreRecord[0]);
                        };
        Function2<Object, RestoreRecord[], BoxedUnit> handler = (partition, records) -> {
            for (RestoreRecord r : records) {
                progress.ended(r);
            }
            return BoxedUnit.UNIT;
        };
        List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            partitions.add(i);
        }
        spark.sparkContext()
                .runJob(
                        rdd.rdd(),
                        restore,
                        scala.jdk.javaapi.CollectionConverters.asScala(partitions)
                                .toSeq(),
                        handler,
                        scala.reflect.ClassTag$.MODULE$.apply(RestoreRecord[].class));
        if (progress.failure != null) {
            throw progress.failure;
        }
    }

    /** The driver's side of each archive's end: its record line, and "archive k of N" with the ETA. */
    private static final class Progress {
        private final RestoreLog log;
        private final RestoreRecord[] results;
        private final PrintStream console;
        private final long start = System.nanoTime();
        private int ended;
        private IOException failure;

        Progress(RestoreLog log, RestoreRecord[] results, PrintStream console) {
            this.log = log;
            this.results = results;
            this.console = console;
        }

        synchronized void ended(RestoreRecord r) {
            results[r.index() - 1] = r;
            ended++;
            try {
                log.append(r);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int n = results.length;
            console.println(String.format(
                    Locale.ROOT,
                    "photonzip: archive %d of %d: %s -> %s: %s%s; campaign %s, " + "ETA %s",
                    ended,
                    n,
                    r.archive(),
                    r.output(),
                    r.status(),
                    r.error() == null ? String.format(Locale.ROOT, " in %.1f s", r.seconds()) : ": " + r.error(),
                    hms(elapsed),
                    hms(elapsed / ended * (n - ended))));
        }
    }

    /** Hidden files of this application's attempts that a killed task left beside the outputs. */
    private static void removeTemporaries(String outputDirectory, String app, Configuration conf) {
        try {
            Path dir = HadoopFiles.path(outputDirectory);
            FileSystem fs = HadoopFiles.fileSystem(dir, conf);
            String mark = ArchiveRestore.TEMP_INFIX + app + "-";
            FileStatus[] left = fs.listStatus(
                    dir, p -> p.getName().startsWith(".") && p.getName().contains(mark));
            for (FileStatus s : left) {
                fs.delete(s.getPath(), false);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a hidden leftover is never taken for an output.
        }
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
