package org.photonzip.archive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;

/**
 * A directory rename that never replaces anything but an empty directory, in one atomic step of the file
 * system: rename(2) on local disks (which fails on a non-empty target) and the NameNode's rename without
 * OVERWRITE on HDFS. Hadoop's local {@code FileSystem.rename} is not used: onto an existing directory it moves
 * the source inside it, and when the rename fails it falls back to a copy.
 */
final class AtomicRename {
    private AtomicRename() {}

    /** @throws FileAlreadyExistsException when {@code dst} exists and is not an empty directory */
    static void renameIfAbsent(FileSystem fs, Path src, Path dst) throws IOException {
        RenameFaults.installed().rename(src, dst, () -> rename(fs, src, dst));
    }

    private static void rename(FileSystem fs, Path src, Path dst) throws IOException {
        if (HadoopFiles.isLocal(dst)) {
            try {
                Files.move(HadoopFiles.localFile(src), HadoopFiles.localFile(dst), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.exists(HadoopFiles.localFile(dst))) {
                    throw new FileAlreadyExistsException("Cannot rename " + src + " to " + dst + ": it exists");
                }
                throw e;
            }
            return;
        }
        removeIfEmptyDirectory(fs, dst);
        FileContext.getFileContext(dst.toUri(), fs.getConf()).rename(src, dst, Options.Rename.NONE);
    }

    /** A non-recursive delete, which the NameNode refuses for a directory that is not empty. */
    private static void removeIfEmptyDirectory(FileSystem fs, Path dst) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(dst);
        } catch (FileNotFoundException e) {
            return;
        }
        if (status.isDirectory() && fs.listStatus(dst).length == 0) {
            try {
                fs.delete(dst, false);
            } catch (IOException e) {
                // Filled meanwhile: the rename below then fails as it should.
            }
        }
    }
}
