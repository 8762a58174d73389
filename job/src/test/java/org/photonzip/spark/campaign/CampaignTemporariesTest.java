package org.photonzip.spark.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.StagingOwner;

/**
 * Which hidden files a campaign removes at its start: those of a dead driver on this host, and those unchanged for
 * the grace whose owner ran elsewhere or is unknown; never a live run's, its own, or a name that is not photonzip's.
 */
class CampaignTemporariesTest {
    private static final long GRACE = 3_600_000;

    @Test
    void onlyTheFilesOfProvablyDeadRunsAreRemoved(@TempDir java.nio.file.Path dir) throws Exception {
        FileSystem fs =
                FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()).getRaw();
        Path out = new Path(dir.toUri());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        owner(fs, out, "local-dead", new StagingOwner(localHost(), gone.pid(), 0));
        owner(fs, out, "local-live", StagingOwner.current());
        owner(fs, out, "app-elsewhere", new StagingOwner("elsewhere.invalid", 1, 0));
        String[] removed = {
            ".a.h5.photonzip-local-dead-3", ".b.h5.photonzip-app-elsewhere-4", ".c.h5.photonzip-local-unowned-5"
        };
        String[] kept = {
            ".d.h5.photonzip-local-live-6",
            ".e.h5.photonzip-app-elsewhere-7",
            ".f.h5.photonzip-local-unowned-8",
            ".g.h5.photonzip-local-current-9",
            ".h.h5.photonzip-local-dead",
            "i.h5.photonzip-local-dead-1",
            ".photonzip-restore-local-dead-2",
            "notes.txt"
        };
        for (String name : removed) {
            Files.write(dir.resolve(name), new byte[] {1});
        }
        for (String name : kept) {
            Files.write(dir.resolve(name), new byte[] {2});
        }
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (String name : List.of(removed[1], removed[2], ".g.h5.photonzip-local-current-9", "notes.txt")) {
            Files.setLastModifiedTime(dir.resolve(name), old); // past the grace
        }

        List<String> notes = CampaignTemporaries.removeAbandoned(fs, out, "local-current", GRACE);

        assertEquals(3, notes.size(), notes.toString());
        assertTrue(
                String.join(" ", notes).contains("pid " + gone.pid() + " on " + localHost() + ", not running"),
                notes.toString());
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            assertEquals(
                    Stream.concat(Stream.of(kept), Stream.of("_restore"))
                            .sorted()
                            .toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<java.nio.file.Path> s = Files.list(dir.resolve("_restore"))) {
            assertEquals(
                    List.of("app-elsewhere.owner", "local-live.owner"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the dead driver's record is removed");
        }
        assertEquals("local-dead", CampaignTemporaries.application(".a.h5.photonzip-local-dead-3"));
        assertNull(CampaignTemporaries.application(".h.h5.photonzip-local-dead"));
    }

    private static void owner(FileSystem fs, Path out, String app, StagingOwner owner) throws Exception {
        Path dir = CampaignTemporaries.ownerDirectory(out, app);
        fs.mkdirs(dir);
        owner.write(fs, dir);
    }

    private static String localHost() throws Exception {
        return java.net.InetAddress.getLocalHost().getHostName();
    }
}
