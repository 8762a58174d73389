package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.golden.GoldenArchivesTest;

/**
 * Commands without a catch ladder of their own: what they throw reaches the one mapper ({@link ExitCodes}), which
 * prints one line naming the command and the problem and picks the exit code from the exception's type.
 */
class CommandFailuresTest extends CommandTest {

    private static String golden() {
        return GoldenArchivesTest.ROOT
                .resolve("v2/classical.pz")
                .toAbsolutePath()
                .toString();
    }

    private void assertOneLine(String prefix) {
        String text = err.toString().strip();
        assertTrue(text.startsWith(prefix), text);
        assertEquals(1, text.lines().count(), "one line, no stack trace: " + text);
    }

    @Test
    void explainOutsideTheStackIsAUsageError(@TempDir Path dir) {
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "explain",
                        golden(),
                        "--frame",
                        "99999",
                        "-o",
                        dir.resolve("x").toString()));
        assertOneLine("photonzip explain: Invalid --frame 99999: the stack has frames 0..");
        assertFalse(Files.exists(dir.resolve("x")));
        assertEquals(
                ExitCodes.USAGE,
                run(
                        "explain",
                        golden(),
                        "--frame",
                        "0",
                        "--tile",
                        "7,7",
                        "-o",
                        dir.resolve("y").toString()));
        assertTrue(err.toString().contains("Invalid --tile 7,7: no tile of frame 0 has that corner"), err.toString());
    }

    @Test
    void reportAndInfoOfAMissingArchiveCannotRead(@TempDir Path dir) {
        String missing = dir.resolve("nothing.pz").toString();
        assertEquals(ExitCodes.UNREADABLE, run("report", missing));
        assertOneLine("photonzip report: ");
        assertTrue(err.toString().contains(missing), err.toString());
        assertEquals(ExitCodes.UNREADABLE, run("info", missing));
        assertTrue(err.toString().startsWith("photonzip info: "), err.toString());
        assertTrue(err.toString().contains(missing), err.toString());
    }

    @Test
    void generateIntoAFileNamesTheDestination(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        String target = notADirectory.resolve("s.h5").toString();
        assertEquals(ExitCodes.UNREADABLE, run("generate", target, "--frames", "2", "--height", "8", "--width", "8"));
        assertOneLine("photonzip generate: Cannot write " + target);
        assertEquals("x", Files.readString(notADirectory), "nothing it did not create is touched");
    }
}
