package org.photonzip.job.archive;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.photonzip.job.fs.HadoopFiles;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Makes an archive appear complete or not at all (docs/archive-format.md, "Commit protocol").
 *
 * <p>Where a directory rename is atomic (local disks, HDFS) everything is written into a hidden sibling staging
 * directory, {@code _SUCCESS} last, and the staging directory is renamed onto the archive path with a
 * rename-if-absent. On object stores (s3a, ...) a rename is a copy, so files are written in place and
 * {@code _SUCCESS}, one object written last, is the commit point; readers refuse a directory without it.
 * In both cases packs written by task attempts that Spark did not report as successful are deleted before the
 * commit, and a failure before the commit deletes everything written.
 */
public final class ArchiveCommitter {
    /** What a commit attempt led to: done, failed and cleaned up, or unknown and left alone. */
    public enum Outcome { COMMITTED, FAILED, UNKNOWN }

    private final FileSystem fs;
    private final Configuration conf;
    private final Path target;
    private final Path root;
    private final boolean staged;
    private final String archiveId;
    private boolean finished;
    private String digest;

    private ArchiveCommitter(FileSystem fs, Configuration conf, Path target, Path root, boolean staged, String id) {
        this.fs = fs;
        this.conf = conf;
        this.target = target;
        this.root = root;
        this.staged = staged;
        this.archiveId = id;
    }

    /**
     * Prepares to write the archive {@code target}.
     *
     * @throws ArchiveExistsException when {@code target} exists and {@code overwrite} is false
     */
    public static ArchiveCommitter begin(Path target, Configuration conf, boolean overwrite) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        target = fs.makeQualified(target);
        checkTarget(fs, target, overwrite);
        String id = UUID.randomUUID().toString();
        boolean staged = HadoopFiles.hasAtomicDirectoryRename(target);
        Path root;
        if (staged) {
            Path parent = target.getParent();
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            root = new Path(parent, "." + target.getName() + ".staging-" + id);
        } else {
            if (overwrite && fs.exists(target)) {
                // Invalidate the old archive first (its commit point), then remove the rest.
                fs.delete(new Path(target, ArchiveLayout.SUCCESS), false);
                fs.delete(target, true);
            }
            root = target;
        }
        if (!fs.mkdirs(new Path(root, ArchiveLayout.PACKS))) {
            throw new IOException("Cannot create " + new Path(root, ArchiveLayout.PACKS));
        }
        return new ArchiveCommitter(fs, conf, target, root, staged, id);
    }

    private static void checkTarget(FileSystem fs, Path target, boolean overwrite) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(target);
        } catch (FileNotFoundException e) {
            return;
        }
        if (!status.isDirectory()) {
            throw new ArchiveExistsException("Cannot write archive " + target + ": a file of that name exists");
        }
        if (overwrite) {
            return;
        }
        boolean complete = fs.exists(new Path(target, ArchiveLayout.SUCCESS));
        throw new ArchiveExistsException("Cannot write archive " + target + ": it already exists"
                + (complete ? "" : " (incomplete: no _SUCCESS)") + "; use --overwrite to replace it");
    }

    /** Where the job writes the archive's files until the commit. */
    public Path root() {
        return root;
    }

    public Path target() {
        return target;
    }

    public String archiveId() {
        return archiveId;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** True when files are staged and renamed into place; false when written in place (object stores). */
    public boolean staged() {
        return staged;
    }

    /**
     * Deletes the packs no row references (those of failed, retried or speculative attempts), writes
     * {@code _SUCCESS} listing every file with its length and SHA-256, and makes the archive visible.
     *
     * @param packs the packs the successful attempts wrote, as their tasks hashed them while writing
     * @return {@link Outcome#COMMITTED}, or {@link Outcome#FAILED} after cleaning up
     * @throws CommitStateUnknownException when the outcome of the final step cannot be established
     */
    public Outcome commit(Collection<TileRow> rows, Map<String, FileEntry> packs) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (TileRow r : rows) {
            referenced.add(r.pack());
        }
        Map<String, FileEntry> files = new TreeMap<>();
        for (FileStatus s : fs.listStatus(new Path(root, ArchiveLayout.PACKS))) {
            String name = s.getPath().getName();
            FileEntry entry = packs.get(name);
            if (referenced.contains(name) && entry != null && entry.bytes() == s.getLen()) {
                files.put(ArchiveLayout.PACKS + "/" + name, entry);
            } else if (!referenced.contains(name)) {
                fs.delete(s.getPath(), false);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String pack : referenced) {
            if (!files.containsKey(ArchiveLayout.PACKS + "/" + pack)) {
                missing.add(pack);
            }
        }
        if (!missing.isEmpty()) {
            abort();
            throw new IOException("Cannot commit " + target + ": packs referenced by the manifest are missing or "
                    + "not as their task wrote them: " + missing);
        }
        for (FileStatus s : fs.listStatus(root)) {
            if (s.isFile()) {
                files.put(s.getPath().getName(), DriverFiles.entry(fs, s));
            }
        }
        CommitMarker marker = new CommitMarker(ArchiveLayout.VERSION, archiveId, rows.size(), files);
        byte[] json = marker.toJson();
        try (FSDataOutputStream out = fs.create(new Path(root, ArchiveLayout.SUCCESS), false)) {
            out.write(json);
        }
        digest = ArchiveFiles.sha256(json);
        return staged ? renameIntoPlace() : done();
    }

    /** The archive's digest, the SHA-256 of its {@code _SUCCESS}: one value that pins every byte of it. */
    public String digest() {
        return digest;
    }

    private Outcome done() {
        finished = true;
        return Outcome.COMMITTED;
    }

    private Outcome renameIntoPlace() throws IOException {
        FileContext fc = FileContext.getFileContext(target.toUri(), conf);
        Path old = null;
        if (fs.exists(target)) {
            old = new Path(target.getParent(), "." + target.getName() + ".replaced-" + archiveId);
            fc.rename(target, old, Options.Rename.NONE);
        }
        try {
            fc.rename(root, target, Options.Rename.NONE);
        } catch (IOException e) {
            Outcome outcome = outcomeAfter(e);
            if (outcome == Outcome.FAILED) {
                if (old != null) {
                    fc.rename(old, target, Options.Rename.NONE);
                }
                abort();
                throw new IOException("Cannot commit " + target + ": " + e.getMessage(), e);
            }
            if (outcome == Outcome.UNKNOWN) {
                finished = true;
                throw new CommitStateUnknownException("Cannot tell whether " + target + " was committed ("
                        + e.getMessage() + "); it was left as it is: check it with photonzip verify", e);
            }
        }
        if (old != null) {
            fs.delete(old, true);
        }
        return done();
    }

    /** After a failed rename: committed if the target carries our marker, failed if staging is intact. */
    private Outcome outcomeAfter(IOException e) {
        try {
            Path marker = new Path(target, ArchiveLayout.SUCCESS);
            if (fs.exists(marker)) {
                byte[] bytes;
                try (var in = fs.open(marker)) {
                    bytes = in.readAllBytes();
                }
                if (archiveId.equals(CommitMarker.parse(bytes, target.toString()).archiveId())) {
                    return Outcome.COMMITTED;
                }
            }
            return fs.exists(new Path(root, ArchiveLayout.SUCCESS)) ? Outcome.FAILED : Outcome.UNKNOWN;
        } catch (IOException | RuntimeException probe) {
            e.addSuppressed(probe);
            return Outcome.UNKNOWN;
        }
    }

    /** Deletes everything this attempt wrote; the archive path is left as it was (or absent, in place). */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            fs.delete(root, true);
        } catch (IOException ignored) {
            // Best effort: what remains is unreferenced (staging is hidden; in place it has no _SUCCESS).
        }
    }
}
