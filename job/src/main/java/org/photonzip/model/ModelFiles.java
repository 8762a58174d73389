package org.photonzip.model;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.photonzip.codec.learned.InvalidModelException;
import org.photonzip.codec.learned.ModelFile;

/** Reading and writing model files on a local file system. */
public final class ModelFiles {
    private ModelFiles() {}

    /**
     * Reads and checks a model file.
     *
     * @throws InvalidModelException naming the file, if it is corrupted (hash mismatch), truncated or not a model
     */
    public static ModelFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return ModelFile.parse(bytes);
        } catch (InvalidModelException e) {
            throw new InvalidModelException(file + ": " + e.getMessage().replaceFirst("^Invalid model: ", ""));
        }
    }

    /**
     * Writes {@code model} to a temporary file beside {@code file} and renames it into place, so that a reader
     * never sees half a model and a crash leaves the old file intact.
     */
    public static void write(ModelFile model, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        // Not createTempFile, which makes the file readable by its owner only: the model gets the permissions
        // the umask gives any new file, as the archives and restored files do.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.write(
                    temp,
                    model.toBytes(),
                    java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
