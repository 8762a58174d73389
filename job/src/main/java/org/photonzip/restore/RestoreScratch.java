package org.photonzip.restore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.StagingOwner;
import org.photonzip.fs.LocalFiles;

/**
 * The hidden working directory of one restore ({@code .photonzip-restore-*} beside the output), which records its
 * owner as compress's staging does. A restore killed before it could clean up leaves one behind, holding a partial
 * file as large as the output: the next restore into the same directory removes those whose owner is a dead
 * process on this host (or, with no owner recorded, that are older than {@link #UNOWNED_AGE}), and nothing else.
 */
final class RestoreScratch {
    static final String PREFIX = ".photonzip-restore-";
    static final Duration UNOWNED_AGE = Duration.ofDays(1);

    private RestoreScratch() {}

    /** Removes abandoned restore directories in {@code parent}, then creates this restore's, owned by this process. */
    static java.nio.file.Path create(java.nio.file.Path parent) throws IOException {
        removeAbandoned(parent);
        java.nio.file.Path dir = Files.createTempDirectory(parent, PREFIX);
        try {
            StagingOwner.current().write(local(), new Path(dir.toUri()));
        } catch (IOException | org.apache.hadoop.fs.FSError e) {
            LocalFiles.deleteTreeQuietly(
                    dir); // Hadoop's local file system reports a full disk as an Error: an IOException here
            throw e instanceof IOException io
                    ? io
                    : new IOException(e.getCause() != null ? e.getCause().getMessage() : e.getMessage(), e);
        }
        return dir;
    }

    /** The directories removed. */
    static List<java.nio.file.Path> removeAbandoned(java.nio.file.Path parent) {
        List<java.nio.file.Path> removed = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (java.nio.file.Path dir : dirs) {
                if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS) && abandoned(dir)) {
                    LocalFiles.deleteTreeQuietly(dir);
                    removed.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up after others is best effort; this restore does not depend on it.
        }
        return removed;
    }

    private static boolean abandoned(java.nio.file.Path dir) throws IOException {
        StagingOwner owner = StagingOwner.read(local(), new Path(dir.toUri()));
        if (owner != null) {
            return owner.alive().equals(Optional.of(false)); // another host's, or alive: left alone
        }
        FileTime modified = Files.getLastModifiedTime(dir);
        return modified.toInstant().isBefore(Instant.now().minus(UNOWNED_AGE));
    }

    private static FileSystem local() throws IOException {
        LocalFileSystem fs = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        return fs.getRaw(); // no .crc side files
    }
}
