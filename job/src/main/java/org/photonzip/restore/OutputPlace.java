package org.photonzip.restore;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;

/**
 * Where a restore may write, checked before any work: never into an archive (the one read or, through its name, any
 * committed file of it: {@code decompress a.pz a.pz/metadata.h5 --overwrite} once replaced the archive's own
 * metadata.h5 and exited 0), and, on a local disk, only into a directory that exists.
 */
final class OutputPlace {
    private OutputPlace() {}

    static void check(ArchiveReader archive, Path target, FileSystem fs, boolean local, String output)
            throws IOException {
        if (local) {
            java.nio.file.Path file =
                    HadoopFiles.localFile(target).toAbsolutePath().normalize();
            java.nio.file.Path parent = file.getParent();
            if (parent == null || !Files.exists(parent)) {
                throw new DestinationException(output, new IOException("its directory " + parent + " does not exist"));
            }
            if (!Files.isDirectory(parent)) {
                throw new DestinationException(output, new IOException(parent + " is not a directory"));
            }
            if (HadoopFiles.isLocal(archive.root())) {
                java.nio.file.Path root =
                        HadoopFiles.localFile(archive.root()).toAbsolutePath().normalize();
                java.nio.file.Path realRoot = Files.exists(root) ? root.toRealPath() : root;
                java.nio.file.Path real = parent.toRealPath().resolve(file.getFileName());
                if (real.startsWith(realRoot) || file.startsWith(root)) {
                    throw insideArchive(output, archive);
                }
            }
            return;
        }
        String root;
        String out;
        try {
            root = fs.makeQualified(archive.root()).toString();
            out = fs.makeQualified(target).toString();
        } catch (IllegalArgumentException e) {
            return; // the archive is on another file system than the output
        }
        if (out.equals(root) || out.startsWith(root.endsWith("/") ? root : root + "/")) {
            throw insideArchive(output, archive);
        }
        // A missing directory is not checked on remote file systems: object stores have no directories to check.
    }

    private static DestinationException insideArchive(String output, ArchiveReader archive) {
        return new DestinationException(
                output,
                new IOException("it is inside the archive " + archive.root() + ", which a restore never writes into"));
    }
}
