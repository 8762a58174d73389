package org.photonzip.spark.night;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.BoundRecord;
import org.photonzip.archive.CommitMarker;
import org.photonzip.archive.FileEntry;
import org.photonzip.archive.SourceRecord;
import org.photonzip.archive.Summary;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.fs.Sha256;

/**
 * Whether a committed archive can justify deleting its source, from what it recorded when it was written (the
 * part of {@link SourceDeletion} that needs no decoding): it is lossless, its metadata was captured whole, it holds
 * everything of the source files ({@link SourceRecord#notHeld()}), the source files are those it archived (same
 * paths, lengths and SHA-256), and its files other than the packs match {@code _SUCCESS} (the packs are checked
 * tile by tile when they are decoded against the source).
 */
final class ArchiveHoldings {
    /** Why the source must be kept. */
    record Verdict(SourceDeletion.Result result, String reason) {}

    private ArchiveHoldings() {}

    /** @return null when nothing recorded stands against deleting {@code now}, else why not */
    static Verdict check(Summary summary, String archive, List<SourceFile> now, Configuration conf) throws IOException {
        BoundRecord bound = summary.bound();
        SourceRecord record = summary.sourceRecord();
        if (bound != null) {
            return kept("the archive is error-bounded (" + bound.bound().describe() + "); only a lossless archive "
                    + "justifies deleting the source");
        }
        List<String> notCaptured = summary.metadata().notCaptured();
        if (notCaptured == null) {
            return kept("summary.json does not say which metadata of the source was not captured");
        }
        if (!notCaptured.isEmpty()) {
            return kept("the archive lacks metadata of the source: " + notCaptured.get(0)
                    + (notCaptured.size() > 1 ? " (and " + (notCaptured.size() - 1) + " more)" : ""));
        }
        if (record == null) {
            return kept("the archive does not record its source files' SHA-256 (written by an older photonzip); "
                    + "verify it against the source and delete the source by hand");
        }
        if (!record.notHeld().isEmpty()) {
            return kept("the archive does not hold all of the source: "
                    + record.notHeld().get(0));
        }
        List<String> archived =
                record.files().stream().map(SourceRecord.File::path).toList();
        List<String> present = now.stream().map(SourceFile::path).toList();
        if (!archived.equals(present)) {
            return new Verdict(
                    SourceDeletion.Result.CHANGED,
                    "the source now consists of " + present + ", the archive recorded " + archived);
        }
        for (int i = 0; i < now.size(); i++) {
            SourceRecord.File then = record.files().get(i);
            SourceFile f = now.get(i);
            if (then.sha256() == null) {
                return kept("the SHA-256 of " + then.path() + " when it was archived is unknown");
            }
            if (then.bytes() != f.bytes() || !then.sha256().equals(f.sha256())) {
                return new Verdict(
                        SourceDeletion.Result.CHANGED,
                        then.path() + " is not the file that was archived ("
                                + then.bytes() + " bytes, SHA-256 "
                                + then.sha256().substring(0, 12) + "... then; now "
                                + f.bytes() + " bytes, SHA-256 " + f.sha256().substring(0, 12)
                                + "...): re-archive it with "
                                + "--overwrite, or delete it by hand");
            }
        }
        return archiveFiles(archive, conf);
    }

    /** Every file but the packs hashes as {@code _SUCCESS} lists it. */
    private static Verdict archiveFiles(String archive, Configuration conf) throws IOException {
        Path root = HadoopFiles.path(archive);
        FileSystem fs = HadoopFiles.fileSystem(root, conf);
        byte[] marker;
        try (FSDataInputStream in = fs.open(new Path(root, ArchiveLayout.SUCCESS))) {
            marker = in.readAllBytes();
        }
        for (Map.Entry<String, FileEntry> e :
                CommitMarker.parse(marker, archive).files().entrySet()) {
            if (e.getKey().startsWith(ArchiveLayout.PACKS + "/")) {
                continue;
            }
            if (e.getValue().sha256() == null) {
                return kept("the archive's _SUCCESS lists no SHA-256 of " + e.getKey() + " (an older format)");
            }
            Path file = new Path(root, e.getKey());
            FileStatus s = fs.getFileStatus(file);
            String sha = s.getLen() == e.getValue().bytes() ? Sha256.of(fs, file) : null;
            if (!e.getValue().sha256().equals(sha)) {
                return new Verdict(
                        SourceDeletion.Result.NOT_VERIFIED,
                        "the archive's " + e.getKey() + " does not "
                                + "match its _SUCCESS (" + e.getValue().bytes() + " bytes listed, " + s.getLen()
                                + " found"
                                + (sha == null ? "" : ", another SHA-256") + "): the archive is damaged");
            }
        }
        return null;
    }

    private static Verdict kept(String reason) {
        return new Verdict(SourceDeletion.Result.KEPT, reason);
    }
}
