package org.photonzip.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories on the local disk (temporary work, staging, benchmark output). */
public final class LocalFiles {
    private LocalFiles() {}

    /** Deletes {@code root} and everything below it; a root that does not exist is no error. */
    public static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // nothing to delete
        }
    }

    /**
     * {@link #deleteTree}, for clean-up whose failure must not hide the outcome it follows (a leftover is removed by
     * the next run in the same place, or lies in a temporary directory).
     */
    public static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException | RuntimeException ignored) {
            // left for the next clean-up
        }
    }
}
