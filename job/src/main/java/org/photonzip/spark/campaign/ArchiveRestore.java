package org.photonzip.spark.campaign;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.LocalFiles;
import org.photonzip.fs.Sha256;
import org.photonzip.restore.DestinationException;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;
import org.photonzip.spark.TaskFaults;

/**
 * One archive of a campaign, restored in a task by the code path of {@code decompress} ({@link Restorer}) with the
 * task's cores. The output appears whole under its name or not at all: it is restored under a hidden name beside
 * it that holds the task attempt's id ({@code .NAME.h5.photonzip-APP-ATTEMPT}, so a retried task never meets an
 * earlier attempt's file), hashed, and then renamed; on hdfs:// and s3a:// it is restored to executor-local
 * scratch, uploaded under the hidden name and renamed, and the scratch is removed. An existing output is replaced
 * only with {@code --overwrite} and only when the record of an earlier run says photonzip restored that very file
 * (same SHA-256); with {@code --skip-existing} it is kept when that record is of the same archive (digest) and
 * region. Every failure is this archive's alone: it becomes a failed record, never a failed task.
 */
final class ArchiveRestore implements Serializable {
    /** What to do with an output that exists. */
    enum Existing {
        REFUSE,
        SKIP,
        OVERWRITE
    }

    /** One archive to restore, with the record of the earlier run that restored its output (or null). */
    record Job(int index, CampaignPlan.Item item, RestoreRecord before) implements Serializable {}

    static final String TEMP_INFIX = ".photonzip-";
    /**
     * Test fault: with this Spark setting = an archive's index, the first attempt of its task dies after writing
     * its hidden file (local outputs), leaving it behind as a killed executor would.
     */
    static final String KILL_FIRST_ATTEMPT = "spark.photonzip.test.killRestoreAttempt";
    /**
     * Test fault: with this Spark setting = an archive's index, its task stops after writing its hidden file (local
     * outputs), says so on stderr and waits, so that a test can kill the driver mid-campaign.
     */
    static final String HOLD_BEFORE_RENAME = "spark.photonzip.test.holdRestore";

    private final String runId;
    private final int count;
    private final String frames;
    private final String roi;
    private final Existing existing;
    private final Campaign.Message message;
    private final Campaign.TileFailure tileFailure;

    ArchiveRestore(
            String runId,
            int count,
            String frames,
            String roi,
            Existing existing,
            Campaign.Message message,
            Campaign.TileFailure tileFailure) {
        this.runId = runId;
        this.count = count;
        this.frames = frames;
        this.roi = roi;
        this.existing = existing;
        this.message = message;
        this.tileFailure = tileFailure;
    }

    /** {@code attempt}: unique to this task attempt within the application ({@code APP-ATTEMPT}). */
    RestoreRecord run(Job job, Configuration conf, String attempt, int threads) {
        long start = System.nanoTime();
        String output = job.item().output();
        String digest = null;
        String temp = null;
        try {
            ArchiveReader reader = ArchiveReader.open(job.item().archive(), conf);
            digest = reader.digest(); // of the _SUCCESS the reader validated, not a second read of it
            Region region = Region.parse(frames, roi, reader.summary().shape());
            String regionText = describe(region);
            Path target = HadoopFiles.path(output);
            FileSystem fs = HadoopFiles.fileSystem(target, conf);
            boolean replace = false;
            if (fs.exists(target)) {
                if (existing == Existing.REFUSE) {
                    throw new FileAlreadyExistsException(
                            output, null, "exists (use --skip-existing to keep it or --overwrite to replace it)");
                }
                RestoreRecord before = job.before();
                if (before == null || !before.outputSha256().equals(Sha256.of(fs, target))) {
                    throw new DestinationException(
                            output,
                            new IOException("it exists and is not a file photonzip "
                                    + "restored (no record in " + RestoreLog.DIRECTORY
                                    + "/ of this file as it is now); "
                                    + "photonzip never replaces a file it did not write"));
                }
                if (existing == Existing.SKIP && before.sameRestore(digest, target.toString(), regionText)) {
                    return before.skippedIn(runId, job.index(), count);
                }
                replace = true;
            }
            temp = new Path(target.getParent(), "." + target.getName() + TEMP_INFIX + attempt).toString();
            Restored r = HadoopFiles.isLocal(target)
                    ? restoreBeside(reader, region, target, temp, replace, threads, job.index())
                    : restoreAndUpload(reader, region, fs, target, temp, replace, threads);
            return new RestoreRecord(
                    runId,
                    job.index(),
                    count,
                    job.item().archive(),
                    digest,
                    target.toString(),
                    r.result().shape(),
                    regionText,
                    r.bytes(),
                    r.sha256(),
                    seconds(start),
                    "done",
                    null,
                    false);
        } catch (TaskFaults.SimulatedKill e) {
            throw e;
        } catch (Exception | LinkageError | org.apache.hadoop.fs.FSError e) { // FSError: a full local disk
            String text = message.of(e);
            if (temp != null) { // the hidden name is the restore's business: name the output
                Path hidden = HadoopFiles.path(temp); // as a qualified path, as given, and as a local file's path
                text = text.replace(hidden.toString(), output)
                        .replace(temp, output)
                        .replace(
                                hidden.toUri().getPath(),
                                HadoopFiles.path(output).toUri().getPath());
            }
            return RestoreRecord.failed(
                    runId,
                    job.index(),
                    count,
                    job.item().archive(),
                    digest,
                    output,
                    seconds(start),
                    text,
                    tileFailure.test(e));
        }
    }

    private record Restored(Restorer.Result result, long bytes, String sha256) {}

    /** file:// (a shared file system): the executor writes the hidden file beside the output, then renames it. */
    private static Restored restoreBeside(
            ArchiveReader reader, Region region, Path target, String temp, boolean replace, int threads, int index)
            throws IOException {
        java.nio.file.Path dst = HadoopFiles.localFile(target);
        java.nio.file.Path file = HadoopFiles.localFile(HadoopFiles.path(temp));
        boolean killed = false;
        try {
            Restorer.Result result = Restorer.restore(reader, file.toString(), region, false, threads);
            FileSystem local = HadoopFiles.fileSystem(HadoopFiles.path(temp), reader.conf());
            Restored r = new Restored(result, Files.size(file), Sha256.of(local, HadoopFiles.path(temp)));
            holdIfAsked(index, file);
            if (killedHere(index)) {
                killed = true;
                throw new TaskFaults.SimulatedKill(
                        "Injected failure: first attempt of archive " + index + " killed " + "before its rename");
            }
            try {
                if (replace) {
                    Files.move(file, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.createLink(dst, file); // fails if a file took the name meanwhile
                }
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists (created during the restore)");
            } catch (UnsupportedOperationException e) {
                Files.move(file, dst); // no hard links here: fails too if dst exists
            } catch (IOException e) {
                throw new DestinationException(target.toString(), e);
            }
            return r;
        } finally {
            if (!killed) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void holdIfAsked(int index, java.nio.file.Path file) {
        SparkEnv env = SparkEnv.get();
        if (env != null && String.valueOf(index).equals(env.conf().get(HOLD_BEFORE_RENAME, ""))) {
            System.err.println("photonzip test: holding archive " + index + " at " + file);
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean killedHere(int index) {
        TaskContext task = TaskContext.get();
        SparkEnv env = SparkEnv.get();
        return task != null
                && env != null
                && task.attemptNumber() == 0
                && String.valueOf(index).equals(env.conf().get(KILL_FIRST_ATTEMPT, ""));
    }

    /** hdfs://, s3a://: restored to executor-local scratch, uploaded under the hidden name, renamed. */
    private static Restored restoreAndUpload(
            ArchiveReader reader, Region region, FileSystem fs, Path target, String temp, boolean replace, int threads)
            throws IOException {
        java.nio.file.Path scratch =
                CampaignScratch.create(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        Path staged = HadoopFiles.path(temp);
        try {
            java.nio.file.Path file = scratch.resolve(target.getName());
            Restorer.Result result = Restorer.restore(reader, file.toString(), region, false, threads);
            Path localFile = new Path(file.toUri());
            Restored r = new Restored(
                    result, Files.size(file), Sha256.of(HadoopFiles.fileSystem(localFile, reader.conf()), localFile));
            try {
                fs.copyFromLocalFile(false, true, localFile, staged);
                if (replace) {
                    fs.delete(target, false);
                }
                if (!fs.rename(staged, target)) {
                    throw new IOException("rename from " + staged + " failed (does it exist now?)");
                }
            } catch (IOException e) {
                throw new DestinationException(target.toString(), e);
            }
            return r;
        } finally {
            try {
                fs.delete(staged, false);
            } finally {
                LocalFiles.deleteTreeQuietly(scratch);
            }
        }
    }

    static String describe(Region r) {
        return String.format(Locale.ROOT, "%d:%d,%d:%d,%d:%d", r.t0(), r.t1(), r.y0(), r.y1(), r.x0(), r.x1());
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
