package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;

/**
 * The three outcomes of a commit whose final rename reports an error (the storage dropped the connection), told
 * apart by what the file system holds afterwards: committed (our marker is at the target), failed (staging is
 * intact: it is removed and an archive moved aside by --overwrite is put back) and unknown (neither: nothing is
 * touched, and the message says to verify).
 */
class CommitOutcomeTest {
    @TempDir
    java.nio.file.Path dir;

    private Path target;

    private ArchiveCommitter stage(boolean overwrite, int bytes) throws IOException {
        target = HadoopFiles.path(dir.resolve("a.pz").toString());
        ArchiveCommitter c = ArchiveCommitter.begin(target, new Configuration(), overwrite);
        try (FSDataOutputStream out = c.fileSystem().create(new Path(c.root(), "packs/p.pz"), false)) {
            out.write(new byte[bytes]);
        }
        return c;
    }

    private static void commit(ArchiveCommitter c, int bytes) throws IOException {
        TileRow row = new TileRow("/d", 0, 1, 0, 1, 0, 1, "p.pz", 0, bytes, 0, "00", 8.0 * bytes, "classical");
        c.commit(List.of(row), Map.of("p.pz", new FileEntry(bytes, ArchiveFiles.sha256(new byte[bytes]))));
    }

    private List<String> names() throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @AfterEach
    void disarm() {
        if (target != null) {
            StorageFaults.disarm(target);
        }
    }

    @Test
    void aLostReplyAfterTheRenameIsACommit() throws IOException {
        ArchiveCommitter c = stage(false, 4);
        StorageFaults.arm(target, StorageFaults.Fault.AFTER);
        commit(c, 4);
        assertEquals(List.of("a.pz"), names(), "staging is gone, the archive is in place");
        assertEquals(4, Files.size(dir.resolve("a.pz/packs/p.pz")));
        assertEquals(c.digest(), ArchiveFiles.sha256(Files.readAllBytes(dir.resolve("a.pz/_SUCCESS"))));
    }

    @Test
    void aRenameThatDidNothingFailsAndRemovesOnlyThisRunsFiles() throws IOException {
        ArchiveCommitter c = stage(false, 4);
        StorageFaults.arm(target, StorageFaults.Fault.BEFORE);
        IOException e = assertThrows(IOException.class, () -> commit(c, 4));
        assertTrue(e.getMessage().startsWith("Cannot commit " + target + ": Connection reset"), e.getMessage());
        assertEquals(List.of(), names(), "no archive, no staging left behind");
    }

    @Test
    void aFailedOverwritePutsTheOldArchiveBack() throws IOException {
        ArchiveCommitter first = stage(false, 5);
        commit(first, 5);
        byte[] marker = Files.readAllBytes(dir.resolve("a.pz/_SUCCESS"));
        ArchiveCommitter second = stage(true, 6);
        StorageFaults.arm(target, StorageFaults.Fault.BEFORE);
        assertThrows(IOException.class, () -> commit(second, 6));
        assertEquals(List.of("a.pz"), names());
        assertArrayEquals(marker, Files.readAllBytes(dir.resolve("a.pz/_SUCCESS")), "the first archive, unchanged");
        assertEquals(5, Files.size(dir.resolve("a.pz/packs/p.pz")));
    }

    @Test
    void anUnknownOutcomeTouchesNothingAndSaysSo() throws IOException {
        ArchiveCommitter c = stage(false, 4);
        StorageFaults.arm(target, StorageFaults.Fault.LOSES_SOURCE);
        CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class, () -> commit(c, 4));
        assertTrue(e.getMessage().startsWith("Cannot tell whether " + target + " was committed"), e.getMessage());
        assertTrue(e.getMessage().contains("photonzip verify"), e.getMessage());
        c.abort(); // a caller's cleanup after the exception must not delete anything either
        java.nio.file.Path lost = dir.resolve("lost-by-the-storage");
        assertTrue(Files.exists(lost.resolve("_SUCCESS")), "what the storage holds is left as it is");
        assertEquals(4, Files.size(lost.resolve("packs/p.pz")));
        assertFalse(Files.exists(dir.resolve("a.pz")));
        assertEquals(List.of("lost-by-the-storage"), names());
        assertTrue(e.getCause() instanceof IOException, "the storage's error is kept as the cause");
    }
}
