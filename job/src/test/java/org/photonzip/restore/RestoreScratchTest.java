package org.photonzip.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.archive.StagingOwner;
import org.photonzip.archive.golden.GoldenArchivesTest;

/**
 * A restore killed midway leaves its hidden working directory (with a partial file as large as the output). The next
 * restore into the same directory removes exactly those of dead processes on this host, and old ones without an
 * owner; a live restore's, another host's, recent unowned ones and anything else are left alone.
 */
class RestoreScratchTest {
    private static Path owned(Path parent, String name, StagingOwner owner) throws Exception {
        Path dir = Files.createDirectories(parent.resolve(RestoreScratch.PREFIX + name));
        Files.write(dir.resolve("restored.h5"), new byte[4096]);
        owner.write(FileSystem.getLocal(new Configuration()).getRaw(), new org.apache.hadoop.fs.Path(dir.toUri()));
        return dir;
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aRestoreRemovesOnlyTheAbandonedRestoresOfDeadProcesses(@TempDir Path parent) throws Exception {
        StagingOwner me = StagingOwner.current();
        Path dead = owned(parent, "dead", new StagingOwner(me.host(), deadPid(), me.started()));
        Path live = owned(parent, "live", me);
        Path elsewhere = owned(parent, "elsewhere", new StagingOwner("another-host.invalid", 1, me.started()));
        Path oldUnowned = Files.createDirectories(parent.resolve(RestoreScratch.PREFIX + "old"));
        Files.setLastModifiedTime(
                oldUnowned,
                FileTime.from(Instant.now().minus(RestoreScratch.UNOWNED_AGE).minusSeconds(60)));
        Path newUnowned = Files.createDirectories(parent.resolve(RestoreScratch.PREFIX + "new"));
        Path plainFile = Files.writeString(parent.resolve(RestoreScratch.PREFIX + "file"), "not a directory");
        Path other = Files.createDirectories(parent.resolve("photonzip-restore-lookalike"));

        ArchiveReader archive = ArchiveReader.open(
                GoldenArchivesTest.ROOT.resolve("v2/classical.pz").toString(), new Configuration());
        Path out = parent.resolve("out.h5");
        Restorer.restore(archive, out.toString(), Region.whole(archive.summary().shape()), false, 2);

        assertTrue(Files.isRegularFile(out));
        for (Path gone : List.of(dead, oldUnowned)) {
            assertTrue(Files.notExists(gone), gone + " should be removed");
        }
        for (Path kept : List.of(live, elsewhere, newUnowned, plainFile, other)) {
            assertTrue(Files.exists(kept), kept + " should be left alone");
        }
        assertTrue(Files.exists(live.resolve("restored.h5")), "a live restore's file is untouched");
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(
                    Stream.of(
                                    "out.h5",
                                    "photonzip-restore-lookalike",
                                    RestoreScratch.PREFIX + "elsewhere",
                                    RestoreScratch.PREFIX + "file",
                                    RestoreScratch.PREFIX + "live",
                                    RestoreScratch.PREFIX + "new")
                            .sorted()
                            .toList(),
                    s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "and this restore's own is gone");
        }
    }
}
