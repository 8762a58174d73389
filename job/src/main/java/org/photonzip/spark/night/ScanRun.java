package org.photonzip.spark.night;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveDirectory;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.CommitMarker;
import org.photonzip.archive.FileEntry;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.fs.Sha256;
import org.photonzip.options.ModelUnavailableException;
import org.photonzip.source.InputStack;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.VerificationFailedException;

/**
 * One scan of a night: skips a committed archive (with {@code --skip-existing}), cleans up what interrupted runs
 * left, compresses while the driver hashes the source files, hashes the archive's files, and deletes the source
 * when asked and proven ({@link SourceDeletion}).
 */
final class ScanRun {
    /** The scan's record, and whether it failed verification. */
    record Result(ScanRecord record, boolean verificationFailed, boolean sourceKept) {}

    private final SparkSession spark;
    private final NightOptions options;
    private final String runId;
    private final PrintStream console;

    ScanRun(SparkSession spark, NightOptions options, String runId, PrintStream console) {
        this.spark = spark;
        this.options = options;
        this.runId = runId;
        this.console = console;
    }

    Result run(Scan scan, int index, int count) {
        long start = System.nanoTime();
        Builder b = new Builder(scan, index, count, start);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        CompressJob.Request given = options.request().apply(scan);
        CompressJob.Request req = new CompressJob.Request(
                        given.input(),
                        given.dataset(),
                        given.archive(),
                        given.tile(),
                        given.model(),
                        given.verify() || options.deleteSource(),
                        given.overwrite(),
                        given.taskBytes(),
                        given.maxMetadataBytes(),
                        given.bound())
                .withReferences(given.references());
        try {
            Path target = HadoopFiles.path(scan.archive());
            FileSystem fs = HadoopFiles.fileSystem(target, conf);
            target = fs.makeQualified(target);
            boolean committed = ArchiveDirectory.classify(fs, target) == ArchiveDirectory.State.COMMITTED;
            if (committed && options.skipExisting()) {
                return skipped(b, req, fs, target, conf);
            }
            CompressJob.Report report;
            // The one open of the input and the one target check and cleanup, before any reading or training.
            try (CompressJob.Prepared job = CompressJob.prepare(spark, req)) {
                for (String note : job.notes()) {
                    b.notes.add(note);
                    console.println("photonzip: " + scan.archive() + ": " + note);
                }
                org.photonzip.source.StackDescriptor stack = job.stack();
                List<SourceFile> files = SourceFile.of(stack, conf);
                b.sourceFiles = files;
                CompletableFuture<List<SourceFile>> hashes = CompletableFuture.supplyAsync(() -> hash(files, conf));
                // What the archive will not hold (TIFF tags, a linked file's other content), read while it encodes.
                CompletableFuture<List<String>> notHeld = CompletableFuture.supplyAsync(() -> notHeld(stack, conf));
                CompressJob.Request recorded = req.withSources(() -> sourceRecord(files, hashes, notHeld, conf));
                try {
                    report = job.run(recorded, console);
                } catch (Throwable e) {
                    hashes.handle((r, x) -> null).join();
                    notHeld.handle((r, x) -> null).join();
                    throw e;
                }
                b.sourceFiles = joinHashes(hashes, b);
            }
            options.compressed().accept(report);
            b.verified = report.verification() != null && report.verification().ok();
            digests(b, conf);
            b.status = "done";
            return result(b, deleteIfAsked(b, req, conf));
        } catch (ModelUnavailableException | org.photonzip.options.InvalidBoundException e) {
            throw e; // an option this scan cannot honour: exit 2, as for an unavailable model
        } catch (VerificationFailedException e) {
            b.error = options.describe().apply(e);
            return new Result(b.build(), true, false);
        } catch (Exception e) {
            b.error = options.describe().apply(e);
            return new Result(b.build(), false, false);
        }
    }

    /** A committed archive kept as it is; with --delete-source-after-verify its source is verified now. */
    private Result skipped(Builder b, CompressJob.Request req, FileSystem fs, Path target, Configuration conf)
            throws IOException {
        b.status = "skipped";
        byte[] marker;
        try (FSDataInputStream in = fs.open(new Path(target, ArchiveLayout.SUCCESS))) {
            marker = in.readAllBytes();
        }
        Map<String, Object[]> files = new TreeMap<>();
        long bytes = marker.length;
        for (Map.Entry<String, FileEntry> f :
                CommitMarker.parse(marker, target.toString()).files().entrySet()) {
            files.put(
                    f.getKey(), new Object[] {f.getValue().bytes(), f.getValue().sha256()});
            bytes += f.getValue().bytes();
        }
        b.archiveFiles = files;
        b.archiveBytes = bytes;
        b.digest = HexFormat.of().formatHex(Sha256.newDigest().digest(marker));
        if (!options.deleteSource()
                || !HadoopFiles.fileSystem(HadoopFiles.path(req.input()), conf).exists(HadoopFiles.path(req.input()))) {
            return result(b, null);
        }
        try (InputStack input = InputStack.open(req.input(), req.dataset(), req.references(), conf)) {
            b.sourceFiles = hash(SourceFile.of(input.descriptor(), conf), conf);
        }
        return result(b, deleteIfAsked(b, req, conf));
    }

    private Result result(Builder b, SourceDeletion.Result deletion) {
        return new Result(
                b.build(), deletion == SourceDeletion.Result.NOT_VERIFIED, deletion == SourceDeletion.Result.KEPT);
    }

    /** @return what became of the source, or null when its deletion was not asked for */
    private SourceDeletion.Result deleteIfAsked(Builder b, CompressJob.Request req, Configuration conf)
            throws IOException {
        if (!options.deleteSource()) {
            return null;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        SourceDeletion.Outcome o =
                SourceDeletion.run(jsc, b.scan, req.dataset(), req.references(), b.sourceFiles, conf);
        if (o.result() == SourceDeletion.Result.DELETED) {
            b.sourceDeleted = true;
            b.verified = true;
            return o.result();
        }
        String line = "source kept: " + o.reason();
        b.notes.add(line);
        console.println("photonzip: " + b.scan.input() + ": " + line);
        if (o.result() == SourceDeletion.Result.NOT_VERIFIED) {
            b.verified = false;
            b.status = "failed";
            b.error = "verification against the source failed: " + o.reason();
        } else if (o.result() == SourceDeletion.Result.CHANGED) {
            b.status = "failed";
            b.error = o.reason();
        }
        return o.result();
    }

    private void digests(Builder b, Configuration conf) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ArchiveDigests.Digests d =
                ArchiveDigests.of(jsc, b.scan.archive(), jsc.broadcast(new SerializableConfiguration(conf)));
        b.archiveFiles = d.files();
        b.archiveBytes = d.bytes();
        b.digest = d.digest();
    }

    /**
     * The source as archived, for summary.json, taken just before the commit: each file's SHA-256 (hashed while
     * the executors encoded) and what the archive does not hold. A file whose length or modification time is
     * no longer what it was before compressing changed while it was archived: nothing is committed.
     */
    private static org.photonzip.archive.SourceRecord sourceRecord(
            List<SourceFile> before,
            CompletableFuture<List<SourceFile>> hashes,
            CompletableFuture<List<String>> notHeld,
            Configuration conf) {
        List<SourceFile> hashed;
        try {
            hashed = hashes.join();
        } catch (RuntimeException e) {
            hashed = before; // no SHA-256: recorded as unknown, which keeps the source from deletion
        }
        List<org.photonzip.archive.SourceRecord.File> files = new ArrayList<>();
        for (SourceFile f : hashed) {
            SourceFile now;
            try {
                now = SourceFile.stat(f.path(), conf, null);
            } catch (IOException e) {
                throw new SourceChangedException(
                        "Cannot archive " + f.path() + ": it cannot be read any more (" + e.getMessage() + ")");
            }
            if (now.bytes() != f.bytes() || now.mtime() != f.mtime()) {
                throw new SourceChangedException("Cannot archive " + f.path() + ": it changed while it was archived ("
                        + f.bytes() + " bytes, modified " + java.time.Instant.ofEpochMilli(f.mtime())
                        + " when read; now "
                        + now.bytes() + " bytes, modified " + java.time.Instant.ofEpochMilli(now.mtime())
                        + "); nothing was committed");
            }
            files.add(new org.photonzip.archive.SourceRecord.File(f.path(), f.bytes(), f.mtime(), f.sha256()));
        }
        return new org.photonzip.archive.SourceRecord(files, notHeld.join());
    }

    private static List<String> notHeld(org.photonzip.source.StackDescriptor stack, Configuration conf) {
        try {
            return SourceContent.notHeld(stack, conf);
        } catch (IOException | RuntimeException e) {
            return List.of("cannot tell what the source holds besides the stack: " + e.getMessage());
        }
    }

    private static List<SourceFile> joinHashes(CompletableFuture<List<SourceFile>> hashes, Builder b) {
        try {
            return hashes.join();
        } catch (RuntimeException e) {
            b.notes.add("cannot hash the source: " + e.getMessage());
            return b.sourceFiles;
        }
    }

    private static List<SourceFile> hash(List<SourceFile> files, Configuration conf) {
        List<SourceFile> out = new ArrayList<>();
        for (SourceFile f : files) {
            try {
                out.add(f.hashed(conf));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The record as it fills in. */
    private final class Builder {
        final Scan scan;
        final int index;
        final int count;
        final long start;
        String status = "failed";
        String error;
        boolean verified;
        boolean sourceDeleted;
        long archiveBytes;
        List<SourceFile> sourceFiles = List.of();
        Map<String, Object[]> archiveFiles = Map.of();
        String digest;
        final List<String> notes = new ArrayList<>();

        Builder(Scan scan, int index, int count, long start) {
            this.scan = scan;
            this.index = index;
            this.count = count;
            this.start = start;
        }

        ScanRecord build() {
            long source = sourceFiles.stream().mapToLong(SourceFile::bytes).sum();
            return new ScanRecord(
                    runId,
                    index,
                    count,
                    scan.input(),
                    scan.archive(),
                    status,
                    source,
                    archiveBytes,
                    verified,
                    sourceDeleted,
                    (System.nanoTime() - start) / 1e9,
                    error,
                    sourceFiles,
                    archiveFiles,
                    digest,
                    List.copyOf(notes));
        }
    }
}
