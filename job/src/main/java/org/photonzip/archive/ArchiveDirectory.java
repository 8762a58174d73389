package org.photonzip.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a path holds, as far as replacing or cleaning it up is concerned. photonzip replaces only what is provably
 * its own: a committed archive (a valid {@code _SUCCESS}), or an uncommitted one (a staging directory, or an
 * in-place archive on an object store) that carries a {@link StagingOwner} record. A directory that merely
 * consists of files named like an archive's ({@link State#UNOWNED}: a user's {@code report.html}, or a staging
 * directory whose driver was killed without its record) is never replaced; only a staging directory, recognised
 * by its name too, is cleaned up ({@link Leftovers}).
 */
public final class ArchiveDirectory {
    /** The states a path can be in. */
    public enum State {
        ABSENT,
        NOT_A_DIRECTORY,
        EMPTY,
        COMMITTED,
        UNCOMMITTED,
        UNOWNED,
        FOREIGN;

        /** A photonzip archive, committed or not: what {@code --overwrite} may replace. */
        public boolean ours() {
            return this == COMMITTED || this == UNCOMMITTED;
        }
    }

    static final Set<String> FILES = Set.of(
            ArchiveLayout.SUCCESS,
            ArchiveLayout.SUMMARY,
            ArchiveLayout.MANIFEST,
            ArchiveLayout.MANIFEST_CSV,
            ArchiveLayout.METADATA,
            ArchiveLayout.MODEL,
            ArchiveLayout.REPORT,
            "frames.csv",
            "stages.csv",
            StagingOwner.NAME,
            StagingOwner.TEMPORARY);
    private static final Pattern PACK = Pattern.compile("part-[0-9]+-[0-9]+-[0-9]+-[0-9a-f]+\\.pz");

    private ArchiveDirectory() {}

    public static State classify(FileSystem fs, Path dir) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(dir);
        } catch (FileNotFoundException e) {
            return State.ABSENT;
        }
        if (!status.isDirectory()) {
            return State.NOT_A_DIRECTORY;
        }
        FileStatus[] entries = fs.listStatus(dir);
        if (entries.length == 0) {
            return State.EMPTY;
        }
        Path success = new Path(dir, ArchiveLayout.SUCCESS);
        if (fs.exists(success)) {
            CommitMarker marker = marker(fs, success);
            return marker != null && onlyListed(fs, dir, entries, marker) ? State.COMMITTED : State.FOREIGN;
        }
        if (StagingOwner.read(fs, dir) != null) {
            return State.UNCOMMITTED;
        }
        for (FileStatus e : entries) {
            String name = e.getPath().getName();
            boolean known = e.isDirectory()
                    ? name.equals(ArchiveLayout.PACKS) && onlyPacks(fs, e.getPath())
                    : FILES.contains(name);
            if (!known) {
                return State.FOREIGN;
            }
        }
        return State.UNOWNED;
    }

    /** A short reason for a message about a {@link State#FOREIGN} directory. */
    public static String describe(State state) {
        return switch (state) {
            case ABSENT -> "absent";
            case NOT_A_DIRECTORY -> "a file, not an archive";
            case EMPTY -> "an empty directory";
            case COMMITTED -> "a committed photonzip archive";
            case UNCOMMITTED -> "an uncommitted photonzip archive";
            case UNOWNED ->
                "a directory of files named like an archive's, with neither a valid _SUCCESS nor an "
                        + "_owner record (an incomplete archive, or someone else's files), so not provably photonzip's";
            case FOREIGN -> "a directory with other content than a photonzip archive";
        };
    }

    private static boolean onlyPacks(FileSystem fs, Path packs) throws IOException {
        for (FileStatus p : fs.listStatus(packs)) {
            if (!p.isFile() || !PACK.matcher(p.getPath().getName()).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Files added to a committed archive by someone else make it no longer (only) ours. */
    private static boolean onlyListed(FileSystem fs, Path dir, FileStatus[] entries, CommitMarker marker)
            throws IOException {
        for (FileStatus e : entries) {
            String name = e.getPath().getName();
            if (e.isDirectory()) {
                if (!name.equals(ArchiveLayout.PACKS)) {
                    return false;
                }
                for (FileStatus p : fs.listStatus(e.getPath())) {
                    if (!marker.files()
                            .containsKey(ArchiveLayout.PACKS + "/" + p.getPath().getName())) {
                        return false;
                    }
                }
            } else if (!FILES.contains(name) && !marker.files().containsKey(name)) {
                return false;
            }
        }
        return true;
    }

    private static CommitMarker marker(FileSystem fs, Path success) {
        try (FSDataInputStream in = fs.open(success)) {
            return CommitMarker.parse(in.readNBytes(1 << 24), success.toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
