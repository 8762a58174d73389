package org.photonzip.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the shared real datasets (see {@code shared/data/README.md}): {@code $PHOTONZIP_DATA}, else a
 * {@code shared/data} folder in the working directory or one of its ancestors (that is {@code ../shared/data}
 * from the project root), else {@code /work/shared/data}. Tests that need a file skip when it is absent.
 */
public final class TestData {
    private static final String ENV = "PHOTONZIP_DATA";
    private static final Path FALLBACK = Path.of("/work/shared/data");

    private TestData() {}

    /** The data directory, if one is found. */
    public static Optional<Path> dir() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Files.isDirectory(FALLBACK) ? Optional.of(FALLBACK) : Optional.empty();
    }

    /** {@code relative} inside the data directory; skips the calling test when it is not there. */
    public static Path require(String relative) {
        Optional<Path> dir = dir();
        Assumptions.assumeTrue(
                dir.isPresent(),
                () -> "Skipped: shared test data not found (set " + ENV
                        + ", or put it at ../shared/data from the project root)");
        Path p = dir.get().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), () -> "Skipped: " + p + " not found in the shared test data");
        return p;
    }
}
