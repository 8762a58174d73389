package org.photonzip.restore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.photonzip.fs.HadoopFiles;

/**
 * Puts a complete restored file under its name. Without {@code --overwrite} an existing file is never replaced,
 * even one created meanwhile: locally the file is hard-linked into place (which fails if the name is taken).
 */
final class Published {
    private Published() {}

    static void publish(
            java.nio.file.Path file, Path target, FileSystem fs, boolean local, boolean overwrite, String output)
            throws IOException {
        try {
            if (local) {
                java.nio.file.Path dst = HadoopFiles.localFile(target);
                if (overwrite) {
                    Files.move(file, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    linkOrMove(file, dst, output);
                }
                return;
            }
            Path staged = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            fs.copyFromLocalFile(false, true, new Path(file.toUri()), staged);
            if (overwrite) {
                fs.delete(target, false);
            }
            if (!fs.rename(staged, target)) {
                fs.delete(staged, false);
                throw new IOException("rename from " + staged + " failed (does " + target + " exist?)");
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new DestinationException(output, e);
        }
    }

    private static void linkOrMove(java.nio.file.Path file, java.nio.file.Path dst, String output) throws IOException {
        try {
            Files.createLink(dst, file);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(output, null, "exists (use --overwrite to replace it)");
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(file, dst); // no hard links here: fails too if dst exists
        }
    }
}
