package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;

/**
 * Issue 18: a re-run with {@code --skip-existing --delete-source-after-verify} that finds a different scan under a
 * name already archived exited 3, "tile(s) differ ... verification failed", which says the archive is untrusted.
 * The archive is fine and the new scan is not archived: the scan fails (exit 1) saying so, its source is kept.
 */
@Tag("slow")
class DifferentScanSameNameTest extends CommandTest {

    @Test
    void aDifferentScanUnderAnArchivedNameFailsAsNotArchivedNotAsUntrusted(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("raw"));
        Path scan = JobFixtures.writeStack(dir.resolve("raw/s.h5"), 8, 32, 40, "uint16", null, 1);
        String night = dir.resolve("night") + "/";
        assertEquals(0, run("compress", scan.toString(), night, "--master", "local[1]"), err.toString());
        byte[] commit = Files.readAllBytes(dir.resolve("night/s.pz/_SUCCESS"));

        Files.delete(scan);
        JobFixtures.writeStack(scan, 8, 32, 40, "uint16", null, 2); // another scan, same name and shape
        byte[] source = Files.readAllBytes(scan);
        int code = run(
                "compress",
                "--skip-existing",
                "--delete-source-after-verify",
                scan.toString(),
                night,
                "--master",
                "local[1]");
        String said = err.toString() + out;
        assertEquals(1, code, said);
        assertTrue(said.contains("is not the file that was archived"), said);
        assertFalse(said.contains("verification failed") || said.contains("differ from the source"), said);
        assertArrayEquals(source, Files.readAllBytes(scan), "the source is kept as it is");
        assertArrayEquals(commit, Files.readAllBytes(dir.resolve("night/s.pz/_SUCCESS")), "the archive is untouched");
    }
}
