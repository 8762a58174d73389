package org.photonzip.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;

/**
 * Makes an archive appear complete or not at all (docs/archive-format.md, "Commit protocol"), and never deletes or
 * moves what is not a photonzip archive ({@link ArchiveDirectory}).
 *
 * <p>Where a directory rename is atomic (local disks, HDFS) everything is written into a hidden sibling staging
 * directory, {@code _SUCCESS} last, and the staging directory is renamed onto the archive path with a
 * rename-if-absent ({@link AtomicRename}): of two writers of one path exactly one commits. On object stores
 * (s3a, ...) a rename is a copy, so files are written in place and {@code _SUCCESS}, one object written last, is
 * the commit point; readers refuse a directory without it. Until then the directory carries {@link StagingOwner},
 * by which a later run recognises and removes it once its driver is gone ({@link Leftovers}).
 * In both cases packs written by task attempts that Spark did not report as successful are deleted before the
 * commit, and a failure before the commit deletes everything written.
 */
public final class ArchiveCommitter {
    /** What a failed rename led to, as the storage shows it afterwards. */
    private enum Outcome {
        COMMITTED,
        FAILED,
        UNKNOWN
    }

    private final FileSystem fs;
    private final Configuration conf;
    private final Path target;
    private final Path root;
    private final boolean staged;
    private final String archiveId;
    private final boolean overwrite;
    private final List<String> notes;
    private boolean finished;
    private String digest;

    private ArchiveCommitter(
            FileSystem fs,
            Configuration conf,
            Path target,
            Path root,
            boolean staged,
            String id,
            boolean overwrite,
            List<String> notes) {
        this.overwrite = overwrite;
        this.notes = List.copyOf(notes);
        this.fs = fs;
        this.conf = conf;
        this.target = target;
        this.root = root;
        this.staged = staged;
        this.archiveId = id;
    }

    /**
     * Prepares to write the archive {@code target}, after cleaning up what interrupted runs left for it
     * ({@link Leftovers}; see {@link #notes()}).
     *
     * @throws ArchiveExistsException when {@code target} is an archive and {@code overwrite} is false, or is
     *                                anything but a photonzip archive or an empty directory (even with it)
     */
    public static ArchiveCommitter begin(Path target, Configuration conf, boolean overwrite) throws IOException {
        FileSystem fs = HadoopFiles.fileSystem(target, conf);
        target = fs.makeQualified(target);
        boolean staged = HadoopFiles.hasAtomicDirectoryRename(target);
        ArchiveDirectory.State before = ArchiveDirectory.classify(fs, target);
        if (before != ArchiveDirectory.State.UNCOMMITTED) {
            checkTarget(target, before, overwrite); // an abandoned uncommitted one is cleaned up first
        }
        List<String> notes = Leftovers.clean(fs, target, conf, staged);
        ArchiveDirectory.State state = ArchiveDirectory.classify(fs, target);
        checkTarget(target, state, overwrite);
        String id = UUID.randomUUID().toString();
        Path root;
        if (staged) {
            Path parent = target.getParent();
            if (parent != null && !fs.exists(parent)) {
                fs.mkdirs(parent);
            }
            root = new Path(parent, "." + target.getName() + ".staging-" + id);
        } else {
            if (overwrite && state.ours()) {
                // Invalidate the old archive first (its commit point), then remove the rest.
                fs.delete(new Path(target, ArchiveLayout.SUCCESS), false);
                fs.delete(target, true);
            }
            root = target;
        }
        if (!fs.mkdirs(new Path(root, ArchiveLayout.PACKS))) {
            throw new IOException("Cannot create " + new Path(root, ArchiveLayout.PACKS));
        }
        StagingOwner.current().write(fs, root);
        return new ArchiveCommitter(fs, conf, target, root, staged, id, overwrite, notes);
    }

    private static void checkTarget(Path target, ArchiveDirectory.State state, boolean overwrite) {
        switch (state) {
            case ABSENT, EMPTY -> {}
            case NOT_A_DIRECTORY ->
                throw new ArchiveExistsException("Cannot write archive " + target + ": a file of that name exists");
            case FOREIGN, UNOWNED ->
                throw new ArchiveExistsException("Cannot write archive " + target + ": it is "
                        + ArchiveDirectory.describe(state) + "; photonzip replaces only its own archives, even with "
                        + "--overwrite");
            case COMMITTED, UNCOMMITTED -> {
                if (!overwrite) {
                    throw new ArchiveExistsException("Cannot write archive " + target + ": it already exists"
                            + (state == ArchiveDirectory.State.COMMITTED ? "" : " (incomplete: no _SUCCESS)")
                            + "; use --overwrite to replace it, or --skip-existing to keep it");
                }
            }
        }
    }

    /** What was found and done about earlier runs' leftovers for this archive path (one line each). */
    public List<String> notes() {
        return notes;
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
     * Returns only when the archive is committed (also when the storage lost the reply to a rename that took
     * place); every other outcome throws.
     *
     * @param packs the packs the successful attempts wrote, as their tasks hashed them while writing
     * @throws ArchiveExistsException      another run committed an archive at the target first, or it became
     *                                     something photonzip does not replace: this run's files were removed
     * @throws IOException                 the commit failed and this run's files were removed (an archive moved
     *                                     aside by --overwrite is put back)
     * @throws CommitStateUnknownException the outcome of the final step cannot be established: nothing is removed
     */
    public void commit(Collection<TileRow> rows, Map<String, FileEntry> packs) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (TileRow r : rows) {
            referenced.add(r.pack());
        }
        Map<String, FileEntry> files = new TreeMap<>();
        if (!fs.exists(new Path(root, StagingOwner.NAME))) {
            abort();
            throw new IOException("Cannot commit " + target + ": " + root + " was removed while this run wrote it "
                    + "(by another run over the same archive?)");
        }
        fs.delete(new Path(root, StagingOwner.NAME), false);
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
        if (staged) {
            renameIntoPlace();
        }
        finished = true;
    }

    /** The archive's digest, the SHA-256 of its {@code _SUCCESS}: one value that pins every byte of it. */
    public String digest() {
        return digest;
    }

    private void renameIntoPlace() throws IOException {
        Path old = overwrite ? moveAside() : null;
        try {
            AtomicRename.renameIfAbsent(fs, root, target);
        } catch (FileAlreadyExistsException e) {
            putBack(old);
            abort();
            throw new ArchiveExistsException("Cannot commit " + target + ": another run committed an archive there "
                    + "first; it was left as it is and this run's files were removed");
        } catch (IOException e) {
            Outcome outcome = outcomeAfter(e);
            if (outcome == Outcome.FAILED) {
                putBack(old);
                abort();
                throw new IOException("Cannot commit " + target + ": " + e.getMessage(), e);
            }
            if (outcome == Outcome.UNKNOWN) {
                finished = true;
                throw new CommitStateUnknownException(
                        "Cannot tell whether " + target + " was committed (" + e.getMessage()
                                + "); it was left as it is: check it with photonzip verify",
                        e);
            }
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }

    /** With --overwrite: moves the photonzip archive at the target aside (refusing anything else), or null. */
    private Path moveAside() throws IOException {
        ArchiveDirectory.State now = ArchiveDirectory.classify(fs, target);
        if (!now.ours()) {
            if (now == ArchiveDirectory.State.ABSENT || now == ArchiveDirectory.State.EMPTY) {
                return null;
            }
            abort();
            throw new ArchiveExistsException("Cannot commit " + target + ": it became " + ArchiveDirectory.describe(now)
                    + " while this run wrote; it was left as it is");
        }
        Path old = new Path(target.getParent(), "." + target.getName() + ".replaced-" + archiveId);
        AtomicRename.renameIfAbsent(fs, target, old);
        return old;
    }

    private void putBack(Path old) {
        if (old == null) {
            return;
        }
        try {
            AtomicRename.renameIfAbsent(fs, old, target);
        } catch (IOException e) {
            // Another archive took its place: the next run reports the moved-aside one (Leftovers).
        }
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
                if (archiveId.equals(
                        CommitMarker.parse(bytes, target.toString()).archiveId())) {
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
