package org.photonzip.spark.night;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.source.InputStack;
import org.photonzip.spark.VerifyJob;

/**
 * {@code --delete-source-after-verify}: deletes a scan's source files only when the committed archive is lossless,
 * holds all of the source ({@link ArchiveHoldings}: metadata captured whole, nothing the capture cannot hold),
 * its files match its {@code _SUCCESS}, every source file hashes as it did when it was archived, the archive decoded
 * in this run to every value of the source (re-read now), and every source file still has the length,
 * modification time and SHA-256 it had when the run first looked at it. The same checks for an archive written now
 * and for one a re-run skips. Any doubt keeps the source and says why.
 */
final class SourceDeletion {
    /** What became of the source. */
    enum Result {
        DELETED,
        NOT_VERIFIED,
        CHANGED,
        KEPT
    }

    record Outcome(Result result, String reason, List<String> deleted) {}

    private SourceDeletion() {}

    /** {@code before}: the source files with the SHA-256 computed while (or before) they were compressed. */
    static Outcome run(
            JavaSparkContext jsc,
            Scan scan,
            String dataset,
            org.photonzip.source.TiffReferences references,
            List<SourceFile> before,
            Configuration conf)
            throws IOException {
        if (before.stream().anyMatch(f -> f.sha256() == null)) {
            return new Outcome(Result.KEPT, "the source's SHA-256 is unknown", List.of());
        }
        ArchiveReader reader = ArchiveReader.open(scan.archive(), conf); // checks the record, manifest and coverage
        ArchiveHoldings.Verdict held = ArchiveHoldings.check(reader.summary(), scan.archive(), before, conf);
        if (held != null) {
            return new Outcome(held.result(), held.reason(), List.of());
        }
        Broadcast<SerializableConfiguration> confB = jsc.broadcast(new SerializableConfiguration(conf));
        CompletableFuture<List<SourceFile>> now = CompletableFuture.supplyAsync(() -> rehash(before, conf));
        VerifyJob.Result verified;
        try (InputStack input = InputStack.open(scan.input(), dataset, references, conf)) {
            List<String> files = SourceFile.of(input.descriptor(), conf).stream()
                    .map(SourceFile::path)
                    .toList();
            if (!files.equals(before.stream().map(SourceFile::path).toList())) {
                now.handle((r, e) -> null).join();
                return new Outcome(Result.CHANGED, "the source now consists of " + files, List.of());
            }
            int[] have = {
                input.descriptor().frames(),
                input.descriptor().height(),
                input.descriptor().width()
            };
            if (!Arrays.equals(have, reader.summary().shape())) {
                now.handle((r, e) -> null).join();
                return new Outcome(
                        Result.CHANGED,
                        "the source is now " + input.descriptor().shapeString(),
                        List.of());
            }
            verified = VerifyJob.run(jsc, reader, confB, input.descriptor());
        } catch (IOException | RuntimeException e) {
            now.handle((r, x) -> null).join();
            throw e;
        }
        List<SourceFile> after;
        try {
            after = now.join();
        } catch (RuntimeException e) {
            return new Outcome(Result.KEPT, "cannot read the source again: " + e.getMessage(), List.of());
        }
        if (!verified.ok()) {
            return new Outcome(
                    Result.NOT_VERIFIED,
                    verified.failed() + " tile(s) differ from the source, e.g. "
                            + verified.failures().get(0),
                    List.of());
        }
        for (int i = 0; i < before.size(); i++) {
            if (!after.get(i).unchangedSince(before.get(i))) {
                return new Outcome(
                        Result.CHANGED,
                        before.get(i).path() + " changed during the run (" + describe(before.get(i))
                                + " when read, now " + describe(after.get(i)) + ")",
                        List.of());
            }
        }
        return delete(before, conf);
    }

    private static Outcome delete(List<SourceFile> files, Configuration conf) {
        List<String> deleted = new ArrayList<>();
        for (SourceFile f : files) {
            Path p = new Path(f.path());
            try {
                FileSystem fs = HadoopFiles.fileSystem(p, conf);
                if (!fs.delete(p, false)) {
                    return kept(deleted, f.path() + " could not be deleted (read-only?)");
                }
                deleted.add(f.path());
            } catch (IOException | RuntimeException e) {
                return kept(deleted, "cannot delete " + f.path() + ": " + e.getMessage());
            }
        }
        return new Outcome(Result.DELETED, null, deleted);
    }

    private static Outcome kept(List<String> deleted, String reason) {
        return new Outcome(Result.KEPT, reason + (deleted.isEmpty() ? "" : "; already deleted: " + deleted), deleted);
    }

    private static List<SourceFile> rehash(List<SourceFile> before, Configuration conf) {
        List<SourceFile> out = new ArrayList<>();
        for (SourceFile f : before) {
            try {
                out.add(SourceFile.stat(f.path(), conf, null).hashed(conf));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    }

    private static String describe(SourceFile f) {
        return f.bytes() + " bytes, modified " + java.time.Instant.ofEpochMilli(f.mtime()) + ", SHA-256 "
                + (f.sha256() == null ? "?" : f.sha256().substring(0, 12) + "...");
    }
}
