package org.photonzip.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What interrupted runs left for one archive path: staging directories ({@code .NAME.staging-ID}), an archive an
 * interrupted {@code --overwrite} moved aside ({@code .NAME.replaced-ID}), or an uncommitted in-place archive on
 * an object store. A staging directory is removed only when it is recognisably photonzip's (name and content)
 * and its driver is gone: a dead process on this host, or no change for {@code photonzip.staging.grace.seconds}
 * (default 6 h) when the driver ran elsewhere. A moved-aside archive is put back when nothing took its place.
 */
public final class Leftovers {
    public static final String GRACE = "photonzip.staging.grace.seconds";
    static final long DEFAULT_GRACE_SECONDS = 6 * 3600;
    /**
     * A staging directory with no owner record and nothing written yet: its driver was killed between creating
     * it and writing {@code _owner}, which it does at once. Older than this, no live run can still be there.
     */
    public static final String UNOWNED_GRACE = "photonzip.staging.unowned.grace.seconds";

    static final long DEFAULT_UNOWNED_GRACE_SECONDS = 600;
    private static final Pattern NAME = Pattern.compile(
            "\\.(.+)\\.(staging|replaced)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Leftovers() {}

    /** True for a staging or moved-aside directory's name ({@code .NAME.staging-ID}, {@code .NAME.replaced-ID}). */
    public static boolean isLeftoverName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Cleans up after earlier runs that wrote {@code target}; one line per thing found, saying what was done. */
    public static List<String> clean(FileSystem fs, Path target, Configuration conf, boolean staged)
            throws IOException {
        List<String> notes = new ArrayList<>();
        long grace = conf.getLong(GRACE, DEFAULT_GRACE_SECONDS);
        if (!staged) {
            if (ArchiveDirectory.classify(fs, target) == ArchiveDirectory.State.UNCOMMITTED) {
                removeIfAbandoned(fs, target, grace, "uncommitted archive", notes);
            }
            return notes;
        }
        Path parent = target.getParent();
        if (parent == null || !fs.exists(parent)) {
            return notes;
        }
        for (FileStatus s : fs.listStatus(parent)) {
            Matcher m = NAME.matcher(s.getPath().getName());
            if (!s.isDirectory() || !m.matches() || !m.group(1).equals(target.getName())) {
                continue;
            }
            if (m.group(2).equals("staging")) {
                ArchiveDirectory.State state = ArchiveDirectory.classify(fs, s.getPath());
                if (state.ours() || state == ArchiveDirectory.State.EMPTY || state == ArchiveDirectory.State.UNOWNED) {
                    long limit = unstarted(fs, s.getPath())
                            ? conf.getLong(UNOWNED_GRACE, DEFAULT_UNOWNED_GRACE_SECONDS)
                            : grace;
                    removeIfAbandoned(fs, s.getPath(), limit, "staging directory", notes);
                } else {
                    notes.add("left alone " + s.getPath() + ": named like a staging directory but "
                            + ArchiveDirectory.describe(state));
                }
            } else {
                putBack(fs, s.getPath(), target, notes);
            }
        }
        return notes;
    }

    /** Nothing but an empty {@code packs/} and perhaps a torn {@code _owner.tmp}: killed before its record existed. */
    private static boolean unstarted(FileSystem fs, Path dir) throws IOException {
        if (StagingOwner.read(fs, dir) != null) {
            return false;
        }
        for (FileStatus e : fs.listStatus(dir)) {
            String name = e.getPath().getName();
            boolean emptyPacks =
                    e.isDirectory() && name.equals(ArchiveLayout.PACKS) && fs.listStatus(e.getPath()).length == 0;
            if (!emptyPacks && !(e.isFile() && name.equals(StagingOwner.TEMPORARY))) {
                return false;
            }
        }
        return true;
    }

    private static void removeIfAbandoned(FileSystem fs, Path dir, long grace, String what, List<String> notes)
            throws IOException {
        StagingOwner owner = StagingOwner.read(fs, dir);
        Optional<Boolean> alive = owner == null ? Optional.empty() : owner.alive();
        long idle = (System.currentTimeMillis() - newestChange(fs, dir)) / 1000;
        if (alive.orElse(false)) {
            notes.add("left alone " + what + " " + dir + ": its driver (" + owner + ") is still running");
            return;
        }
        if (alive.isEmpty() && idle < grace) {
            notes.add("left alone " + what + " " + dir + ": written by " + (owner == null ? "an unknown driver" : owner)
                    + " " + idle + " s ago; removed once unchanged for " + grace + " s (" + GRACE + ")");
            return;
        }
        long bytes = fs.getContentSummary(dir).getLength();
        fs.delete(dir, true);
        notes.add("removed " + what + " " + dir + " (" + bytes + " bytes) left by "
                + (owner == null ? "an interrupted run" : "an interrupted run (" + owner + ")"));
    }

    private static void putBack(FileSystem fs, Path aside, Path target, List<String> notes) throws IOException {
        ArchiveDirectory.State state = ArchiveDirectory.classify(fs, aside);
        if (state == ArchiveDirectory.State.COMMITTED && !fs.exists(target)) {
            AtomicRename.renameIfAbsent(fs, aside, target);
            notes.add("restored " + target + " from " + aside + ", where an interrupted --overwrite had moved it");
        } else {
            notes.add("left alone " + aside + " (" + ArchiveDirectory.describe(state) + "): an interrupted --overwrite "
                    + "moved it aside and " + target + " exists; delete it when it is no longer needed");
        }
    }

    private static long newestChange(FileSystem fs, Path dir) throws IOException {
        long newest = fs.getFileStatus(dir).getModificationTime();
        for (FileStatus s : fs.listStatus(dir)) {
            newest = Math.max(newest, s.getModificationTime());
            if (s.isDirectory()) {
                for (FileStatus p : fs.listStatus(s.getPath())) {
                    newest = Math.max(newest, p.getModificationTime());
                }
            }
        }
        return newest;
    }
}
