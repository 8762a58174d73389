package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.SparkSessions;

/**
 * Commands that need no Spark start none, and compress reports bad options and inputs before it starts Spark
 * (issue 18: every command paid Spark's start-up before doing anything). Counted by {@link SparkSessions#started}.
 */
@Tag("slow")
class NoSparkCommandsTest extends CommandTest {

    @Test
    void infoDecompressAndRejectedCompressStartNoSpark(@TempDir Path dir) throws Exception {
        Path scan = JobFixtures.writeStack(dir.resolve("scan.h5"), 8, 32, 40, "uint16", null, 1);
        Path archive = dir.resolve("scan.pz");
        assertEquals(0, run("compress", scan.toString(), archive.toString(), "--master", "local[1]"), err.toString());
        int started = SparkSessions.started();
        assertTrue(started > 0, "compress starts Spark");

        assertEquals(0, run("info", archive.toString()), err.toString());
        assertTrue(out.toString().contains("8 x 32 x 40 uint16"), out.toString());
        assertEquals(
                0, run("decompress", archive.toString(), dir.resolve("out.h5").toString()), err.toString());
        assertTrue(Files.size(dir.resolve("out.h5")) > 0);
        // An existing directory as OUTPUT is where the restore goes (OUTPUT/NAME.h5, docs/reprocessing.md), without
        // Spark for one archive; what the directory held is left alone.
        Path folder = Files.createDirectories(dir.resolve("folder.h5"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        assertEquals(0, run("decompress", archive.toString(), folder.toString(), "--overwrite"), err.toString());
        assertTrue(Files.size(folder.resolve("scan.h5")) > 0);
        assertEquals("mine", Files.readString(folder.resolve("keep.txt")));
        // A directory under the output's own name is refused before any tile is decoded, and left alone.
        Path blocked = Files.createDirectories(dir.resolve("blocked")).resolve("scan.h5");
        Files.createDirectories(blocked);
        Files.writeString(blocked.resolve("keep.txt"), "mine");
        assertEquals(1, run("decompress", archive.toString(), blocked.getParent() + "/", "--overwrite"));
        assertTrue(err.toString().contains("Cannot write " + blocked + ": it is a directory"), err.toString());
        assertEquals("mine", Files.readString(blocked.resolve("keep.txt")));

        assertEquals(
                2,
                run("compress", "--bogus", scan.toString(), dir.resolve("a.pz").toString()));
        assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
        assertEquals(
                2,
                run(
                        "compress",
                        "--tile",
                        "nonsense",
                        scan.toString(),
                        dir.resolve("b.pz").toString()));
        assertEquals(
                2,
                run(
                        "compress",
                        "--skip-existing",
                        "--overwrite",
                        scan.toString(),
                        dir.resolve("c.pz").toString()));
        assertEquals(
                1,
                run(
                        "compress",
                        dir.resolve("absent_*.h5").toString(),
                        dir.resolve("d.pz").toString()));
        assertTrue(err.toString().contains("nothing matches"), err.toString());
        for (String name : new String[] {"a.pz", "b.pz", "c.pz", "d.pz"}) {
            assertFalse(Files.exists(dir.resolve(name)), name);
        }

        assertEquals(started, SparkSessions.started(), "a command that needs no Spark started one");
    }
}
