package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;

class ArchiveCommitterTest {
    private static TileRow row(String pack, long offset, int length) {
        return new TileRow("/d", 0, 1, 0, 1, 0, 1, pack, offset, length, 0, "00", 8.0 * length, "classical");
    }

    /** What the tasks that wrote these packs return: each pack's length and SHA-256 (of its zero bytes). */
    private static Map<String, FileEntry> packs(TileRow... rows) {
        Map<String, FileEntry> m = new HashMap<>();
        for (TileRow r : rows) {
            m.put(r.pack(), new FileEntry(r.length(), ArchiveFiles.sha256(new byte[(int) r.length()])));
        }
        return m;
    }

    private static void commit(ArchiveCommitter c, TileRow... rows) throws IOException {
        c.commit(List.of(rows), packs(rows));
    }

    private static void write(ArchiveCommitter c, String relative, int bytes) throws IOException {
        try (FSDataOutputStream out = c.fileSystem().create(new Path(c.root(), relative), false)) {
            out.write(new byte[bytes]);
        }
    }

    private static List<String> names(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stagesThenRenamesAndDeletesUnreferencedPacks(@TempDir java.nio.file.Path dir) throws IOException {
        Path target = HadoopFiles.path(dir.resolve("a.pz").toString());
        ArchiveCommitter c = ArchiveCommitter.begin(target, new Configuration(), false);
        assertTrue(c.staged());
        assertTrue(c.root().getName().startsWith(".a.pz.staging-"), c.root().toString());
        write(c, "packs/part-00000-0-1-aaaa.pz", 10);
        write(c, "packs/part-00001-0-2-bbbb.pz", 7); // a killed attempt's torn pack
        write(c, "packs/part-00001-1-3-cccc.pz", 12); // its retry
        write(c, "summary.json", 3);
        assertEquals(List.of(c.root().getName()), names(dir), "nothing is visible before the commit");

        commit(c, row("part-00000-0-1-aaaa.pz", 0, 10), row("part-00001-1-3-cccc.pz", 0, 12));
        assertEquals(List.of("a.pz"), names(dir));
        assertEquals(List.of("part-00000-0-1-aaaa.pz", "part-00001-1-3-cccc.pz"), names(dir.resolve("a.pz/packs")));
        CommitMarker marker = CommitMarker.parse(Files.readAllBytes(dir.resolve("a.pz/_SUCCESS")), "a.pz");
        assertEquals(c.archiveId(), marker.archiveId());
        assertEquals(
                new FileEntry(12, ArchiveFiles.sha256(new byte[12])),
                marker.files().get("packs/part-00001-1-3-cccc.pz"));
        assertEquals(
                new FileEntry(3, ArchiveFiles.sha256(new byte[3])),
                marker.files().get("summary.json"));
        assertEquals(ArchiveLayout.VERSION, marker.version());
        assertEquals(ArchiveFiles.sha256(Files.readAllBytes(dir.resolve("a.pz/_SUCCESS"))), c.digest());
        assertFalse(marker.files().containsKey("packs/part-00001-0-2-bbbb.pz"));
    }

    @Test
    void abortLeavesNothingAndAMissingPackFailsTheCommit(@TempDir java.nio.file.Path dir) throws IOException {
        Path target = HadoopFiles.path(dir.resolve("a.pz").toString());
        ArchiveCommitter c = ArchiveCommitter.begin(target, new Configuration(), false);
        write(c, "packs/part-00000-0-1-aaaa.pz", 10);
        IOException e = assertThrows(IOException.class, () -> commit(c, row("part-00009-0-9-zzzz.pz", 0, 1)));
        assertTrue(e.getMessage().contains("part-00009-0-9-zzzz.pz"), e.getMessage());
        assertEquals(List.of(), names(dir));

        ArchiveCommitter d = ArchiveCommitter.begin(target, new Configuration(), false);
        write(d, "packs/part-00000-0-1-aaaa.pz", 10);
        d.abort();
        assertEquals(List.of(), names(dir));
    }

    @Test
    void overwriteReplacesAWholeArchive(@TempDir java.nio.file.Path dir) throws IOException {
        Path target = HadoopFiles.path(dir.resolve("a.pz").toString());
        ArchiveCommitter first = ArchiveCommitter.begin(target, new Configuration(), false);
        write(first, "packs/p1.pz", 5);
        commit(first, row("p1.pz", 0, 5));
        assertThrows(ArchiveExistsException.class, () -> ArchiveCommitter.begin(target, new Configuration(), false));

        ArchiveCommitter second = ArchiveCommitter.begin(target, new Configuration(), true);
        write(second, "packs/p2.pz", 6);
        commit(second, row("p2.pz", 0, 6));
        assertEquals(List.of("a.pz"), names(dir));
        assertEquals(List.of("p2.pz"), names(dir.resolve("a.pz/packs")));
    }
}
