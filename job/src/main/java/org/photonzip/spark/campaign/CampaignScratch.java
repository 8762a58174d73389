package org.photonzip.spark.campaign;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.StagingOwner;
import org.photonzip.fs.LocalFiles;

/**
 * Executor-local scratch of a campaign task that restores for an hdfs:// or s3a:// output
 * ({@code java.io.tmpdir/photonzip-campaign-*}, as large as one output). It records its owner (the executor's
 * process, {@link StagingOwner}) so that when an executor or a local-mode driver is killed mid-task, the next task
 * on the same host removes the scratch it left; one whose owner is alive, on another host or unrecorded is left.
 */
final class CampaignScratch {
    static final String PREFIX = "photonzip-campaign-";

    private CampaignScratch() {}

    /** Removes abandoned scratch in {@code parent}, then creates this task's, owned by this process. */
    static java.nio.file.Path create(java.nio.file.Path parent) throws IOException {
        removeAbandoned(parent);
        java.nio.file.Path dir = Files.createTempDirectory(parent, PREFIX);
        try {
            StagingOwner.current().write(local(), new Path(dir.toUri()));
        } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
            LocalFiles.deleteTreeQuietly(dir);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return dir;
    }

    /** The directories removed. */
    static List<java.nio.file.Path> removeAbandoned(java.nio.file.Path parent) {
        List<java.nio.file.Path> removed = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (java.nio.file.Path dir : dirs) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                StagingOwner owner = StagingOwner.read(local(), new Path(dir.toUri()));
                if (owner != null && owner.alive().equals(Optional.of(false))) {
                    LocalFiles.deleteTreeQuietly(dir);
                    removed.add(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up after others is best effort; this task does not depend on it.
        }
        return removed;
    }

    private static FileSystem local() throws IOException {
        return FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()).getRaw(); // no .crc side files
    }
}
