package org.photonzip.spark.night;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveDirectory;
import org.photonzip.archive.ArchiveLayout;
import org.photonzip.archive.CommitMarker;

/**
 * Whether a path is, or lies inside, a photonzip archive (committed, being written, or a directory of files named
 * like an archive's): such files are never scans, so a night neither archives nor deletes them.
 */
final class ArchiveLike {
    private final FileSystem fs;
    private final Map<Path, Boolean> known = new HashMap<>();

    ArchiveLike(FileSystem fs) {
        this.fs = fs;
    }

    /** The archive {@code s} is or lies in ({@code a.pz}, {@code a.pz/metadata.h5}, {@code a.pz/packs/…}), or null. */
    Path holding(FileStatus s) throws IOException {
        Path p = s.getPath();
        if (s.isDirectory() && isArchive(p)) {
            return p;
        }
        Path parent = p.getParent();
        if (parent != null && isArchive(parent)) {
            return parent;
        }
        if (parent != null
                && parent.getName().equals(ArchiveLayout.PACKS)
                && parent.getParent() != null
                && isArchive(parent.getParent())) {
            return parent.getParent();
        }
        return null;
    }

    static Path archiveHolding(FileSystem fs, FileStatus s) throws IOException {
        return new ArchiveLike(fs).holding(s);
    }

    private boolean isArchive(Path dir) throws IOException {
        Boolean k = known.get(dir);
        if (k == null) {
            ArchiveDirectory.State state = ArchiveDirectory.classify(fs, dir);
            k = state.ours()
                    || state == ArchiveDirectory.State.UNOWNED
                    || photonzipMarker(dir)
                    || dir.getName().endsWith(".pz")
                            && (fs.exists(new Path(dir, ArchiveLayout.SUMMARY))
                                    || fs.exists(new Path(dir, ArchiveLayout.METADATA))
                                    || fs.exists(new Path(dir, ArchiveLayout.PACKS)));
            known.put(dir, k);
        }
        return k;
    }

    /** A {@code _SUCCESS} that is photonzip's commit record (a damaged or added-to archive is still an archive). */
    private boolean photonzipMarker(Path dir) {
        try (FSDataInputStream in = fs.open(new Path(dir, ArchiveLayout.SUCCESS))) {
            CommitMarker.parse(in.readNBytes(1 << 24), dir.toString());
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // absent, or another tool's (Spark's empty _SUCCESS)
        }
    }
}
