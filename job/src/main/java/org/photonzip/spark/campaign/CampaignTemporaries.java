package org.photonzip.spark.campaign;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.StagingOwner;

/**
 * The hidden files a campaign's tasks write beside the outputs ({@code .NAME.photonzip-APP-ATTEMPT}) and who owns
 * them. Before any task starts, the driver records itself as the owner of application APP in
 * {@code OUTPUT/_restore/APP.owner/_owner} (the night's {@link StagingOwner} record) and removes that record when
 * the run ends. A driver killed with kill -9 cleans nothing up; the next campaign into the same OUTPUT removes a
 * hidden file when its application's owner is a dead process on this host, or, when the owner ran on another host
 * or recorded nothing, when the file has not changed for the night's grace ({@code photonzip.staging.grace.seconds},
 * 6 h). A live run's files and any file whose name is not photonzip's are never touched.
 */
final class CampaignTemporaries {
    static final String OWNER_SUFFIX = ".owner";
    static final long DEFAULT_GRACE_SECONDS = 6 * 3600; // as the night's staging directories
    private static final Pattern TEMP =
            Pattern.compile("\\.(.+)" + Pattern.quote(ArchiveRestore.TEMP_INFIX) + "([A-Za-z0-9_-]+)-([0-9]+)");

    private CampaignTemporaries() {}

    /** The application whose task wrote the hidden file {@code name}, or null when the name is not one of them. */
    static String application(String name) {
        Matcher m = TEMP.matcher(name);
        return m.matches() ? m.group(2) : null;
    }

    static Path ownerDirectory(Path outputDirectory, String app) {
        return new Path(new Path(outputDirectory, RestoreLog.DIRECTORY), app + OWNER_SUFFIX);
    }

    /** Records this process as the driver of {@code app}, whose tasks write hidden files in {@code outputDirectory}. */
    static void claim(FileSystem fs, Path outputDirectory, String app) throws IOException {
        Path dir = ownerDirectory(outputDirectory, app);
        fs.mkdirs(dir);
        StagingOwner.current().write(fs, dir);
    }

    static void release(FileSystem fs, Path outputDirectory, String app) throws IOException {
        fs.delete(ownerDirectory(outputDirectory, app), true);
    }

    /**
     * Removes the hidden files of dead runs in {@code outputDirectory} (never those of {@code currentApp}), then the
     * owner records of dead drivers on this host; one line per file removed, naming it and its owner.
     */
    static List<String> removeAbandoned(FileSystem fs, Path outputDirectory, String currentApp, long graceMillis)
            throws IOException {
        List<String> notes = new ArrayList<>();
        if (!fs.exists(outputDirectory)) {
            return notes;
        }
        long now = System.currentTimeMillis();
        for (FileStatus s : fs.listStatus(outputDirectory)) {
            String app = application(s.getPath().getName());
            if (!s.isFile() || app == null || app.equals(currentApp)) {
                continue;
            }
            StagingOwner owner = StagingOwner.read(fs, ownerDirectory(outputDirectory, app));
            Optional<Boolean> alive = owner == null ? Optional.empty() : owner.alive();
            boolean dead = alive.equals(Optional.of(false));
            boolean stale = alive.isEmpty() && now - s.getModificationTime() > graceMillis;
            if ((dead || stale) && fs.delete(s.getPath(), false)) {
                notes.add("removed " + s.getPath().getName() + ", left by campaign " + app + " ("
                        + (owner == null ? "no owner recorded" : owner + (dead ? ", not running" : "")) + ")");
            }
        }
        Path records = new Path(outputDirectory, RestoreLog.DIRECTORY);
        if (fs.exists(records)) {
            for (FileStatus s : fs.listStatus(records, p -> p.getName().endsWith(OWNER_SUFFIX))) {
                StagingOwner owner = StagingOwner.read(fs, s.getPath());
                if (s.isDirectory() && owner != null && owner.alive().equals(Optional.of(false))) {
                    fs.delete(s.getPath(), true);
                }
            }
        }
        return notes;
    }
}
