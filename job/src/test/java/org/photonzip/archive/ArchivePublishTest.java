package org.photonzip.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.fs.HadoopFiles;

/** Publication never deletes or moves what is not ours: rename-if-absent, --overwrite limits, leftovers. */
class ArchivePublishTest {
    private static TileRow row(String pack, int length) {
        return new TileRow("/d", 0, 1, 0, 1, 0, 1, pack, 0, length, 0, "00", 8.0 * length, "classical");
    }

    /** What the task that wrote the pack returns: its length and SHA-256 (of the zero bytes written). */
    private static Map<String, FileEntry> packs(TileRow row) {
        return Map.of(row.pack(), new FileEntry(row.length(), ArchiveFiles.sha256(new byte[(int) row.length()])));
    }

    private static ArchiveCommitter started(java.nio.file.Path target, boolean overwrite, String pack, int bytes)
            throws IOException {
        ArchiveCommitter c =
                ArchiveCommitter.begin(HadoopFiles.path(target.toString()), new Configuration(), overwrite);
        try (FSDataOutputStream out = c.fileSystem().create(ArchiveLayout.pack(c.root(), pack), false)) {
            out.write(new byte[bytes]);
        }
        return c;
    }

    /** Every file under {@code dir} with its bytes' hash code, to compare before and after. */
    static Map<String, Integer> snapshot(java.nio.file.Path dir) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            for (java.nio.file.Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static final String P1 = "part-00000-0-1-aaaa.pz";
    private static final String P2 = "part-00000-0-2-bbbb.pz";

    @Test
    void ofTwoWritersOfOnePathExactlyOneCommitsAndTheFirstArchiveStays(@TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path target = dir.resolve("a.pz");
        ArchiveCommitter first = started(target, false, P1, 5);
        ArchiveCommitter second = started(target, false, P2, 6); // began before the first committed
        first.commit(List.of(row(P1, 5)), packs(row(P1, 5)));
        Map<String, Integer> committed = snapshot(dir);
        committed.keySet().removeIf(k -> k.startsWith(".a.pz.staging-"));
        ArchiveExistsException e =
                assertThrows(ArchiveExistsException.class, () -> second.commit(List.of(row(P2, 6)), packs(row(P2, 6))));
        assertTrue(e.getMessage().contains("another run committed"), e.getMessage());
        assertEquals(committed, snapshot(dir), "the loser removed only its own staging directory");
        assertEquals(List.of("a.pz"), List.of(dir.toFile().list()));
        assertEquals(
                first.archiveId(),
                CommitMarker.parse(Files.readAllBytes(target.resolve("_SUCCESS")), "a")
                        .archiveId());

        assertThrows(ArchiveExistsException.class, () -> started(target, false, P2, 6));
        assertEquals(committed, snapshot(dir), "without --overwrite an existing archive is never moved or deleted");
    }

    @Test
    void overwriteReplacesOnlyAPhotonzipArchive(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path foreign = dir.resolve("results");
        Files.createDirectories(foreign.resolve("packs"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Files.writeString(foreign.resolve("packs/part-00000-0-1-aaaa.pz"), "x");
        Map<String, Integer> before = snapshot(dir);
        ArchiveExistsException e = assertThrows(ArchiveExistsException.class, () -> started(foreign, true, P1, 5));
        assertTrue(
                e.getMessage().contains("other content") && e.getMessage().contains("even with --overwrite"),
                e.getMessage());
        Files.writeString(dir.resolve("file.pz"), "a file");
        assertThrows(ArchiveExistsException.class, () -> started(dir.resolve("file.pz"), true, P1, 5));
        Files.delete(dir.resolve("file.pz"));
        assertEquals(before, snapshot(dir));

        // An archive that turns into something else before the commit is left alone.
        java.nio.file.Path target = dir.resolve("a.pz");
        started(target, false, P1, 5).commit(List.of(row(P1, 5)), packs(row(P1, 5)));
        ArchiveCommitter replacing = started(target, true, P2, 6);
        Files.writeString(target.resolve("added-by-someone.txt"), "keep me");
        Map<String, Integer> changed = snapshot(dir);
        changed.keySet().removeIf(k -> k.startsWith(".a.pz.staging-"));
        assertThrows(ArchiveExistsException.class, () -> replacing.commit(List.of(row(P2, 6)), packs(row(P2, 6))));
        assertEquals(changed, snapshot(dir));
    }

    @Test
    void anEmptyDirectoryIsAnAbsentArchive(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path target = Files.createDirectory(dir.resolve("a.pz"));
        started(target, false, P1, 5).commit(List.of(row(P1, 5)), packs(row(P1, 5)));
        assertTrue(Files.exists(target.resolve("packs").resolve(P1)));
    }

    @Test
    void leftoversOfDeadDriversAreRemovedOthersLeftAlone(@TempDir java.nio.file.Path dir) throws Exception {
        Configuration conf = new Configuration();
        var fs = HadoopFiles.fileSystem(HadoopFiles.path(dir.toString()), conf);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Path dead = staging(dir, "00000000-0000-0000-0000-000000000001");
        new StagingOwner(host, gone.pid(), 0).write(fs, dead);
        Path live = staging(dir, "00000000-0000-0000-0000-000000000002");
        StagingOwner.current().write(fs, live);
        Path elsewhere = staging(dir, "00000000-0000-0000-0000-000000000003");
        new StagingOwner("another-host", 1, 0).write(fs, elsewhere);
        java.nio.file.Path notOurs =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000004"));
        Files.writeString(notOurs.resolve("thesis.tex"), "keep");

        ArchiveCommitter c = started(dir.resolve("a.pz"), false, P1, 5);
        String notes = String.join("\n", c.notes());
        assertEquals(4, c.notes().size(), notes);
        assertFalse(Files.exists(HadoopFiles.localFile(dead)), notes);
        assertTrue(notes.contains("removed staging directory") && notes.contains("pid " + gone.pid()), notes);
        assertTrue(Files.exists(HadoopFiles.localFile(live)) && notes.contains("is still running"), notes);
        assertTrue(Files.exists(HadoopFiles.localFile(elsewhere)) && notes.contains("another-host"), notes);
        assertTrue(Files.exists(notOurs.resolve("thesis.tex")), notes);
        c.abort();

        conf.setLong(Leftovers.GRACE, 0);
        List<String> later =
                Leftovers.clean(fs, HadoopFiles.path(dir.resolve("a.pz").toString()), conf, true);
        assertFalse(Files.exists(HadoopFiles.localFile(elsewhere)), later.toString());
        assertTrue(Files.exists(HadoopFiles.localFile(live)), later.toString());
    }

    @Test
    void anArchiveMovedAsideByAnInterruptedOverwriteIsPutBack(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path target = dir.resolve("a.pz");
        started(target, false, P1, 5).commit(List.of(row(P1, 5)), packs(row(P1, 5)));
        Map<String, Integer> committed = snapshot(dir);
        java.nio.file.Path aside = dir.resolve(".a.pz.replaced-00000000-0000-0000-0000-00000000000a");
        Files.move(target, aside); // the driver died between moving it aside and renaming the new one in
        Configuration conf = new Configuration();
        Path t = HadoopFiles.path(target.toString());
        List<String> notes = Leftovers.clean(HadoopFiles.fileSystem(t, conf), t, conf, true);
        assertTrue(notes.get(0).startsWith("restored"), notes.toString());
        assertEquals(committed, snapshot(dir));
        assertThrows(ArchiveExistsException.class, () -> started(target, false, P2, 6));
        assertEquals(committed, snapshot(dir));
    }

    /** Issue 17: files merely named like an archive's do not make a user's directory photonzip's. */
    @Test
    void overwriteRefusesADirectoryWithoutItsSuccessOrOwnerRecord(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("report.html"), "<p>the user's report</p>");
        java.nio.file.Path b = Files.createDirectories(dir.resolve("night/b.pz"));
        Files.writeString(b.resolve("summary.json"), "{\"mine\": true}");
        Map<String, Integer> before = snapshot(dir);
        for (java.nio.file.Path target : List.of(folder, b)) {
            ArchiveExistsException e = assertThrows(ArchiveExistsException.class, () -> started(target, true, P1, 5));
            assertTrue(
                    e.getMessage().contains(target.toString())
                            && e.getMessage().contains("not provably photonzip's")
                            && e.getMessage().contains("even with --overwrite"),
                    e.getMessage());
        }
        assertEquals(before, snapshot(dir));
    }

    /** A driver killed between creating its staging directory and writing _owner: proven gone, not kept 6 h. */
    @Test
    void stagingOfADriverKilledBeforeItsOwnerRecordIsRemovedOnceProvenAbandoned(@TempDir java.nio.file.Path dir)
            throws Exception {
        Configuration conf = new Configuration();
        var fs = HadoopFiles.fileSystem(HadoopFiles.path(dir.toString()), conf);
        java.nio.file.Path old =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000011")
                        .resolve("packs"));
        java.nio.file.Path fresh =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000012")
                        .resolve("packs"));
        java.nio.file.Path torn =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000013")
                        .resolve("packs"));
        Files.writeString(torn.resolveSibling(StagingOwner.TEMPORARY), "{\"format\":\"photonzip-sta");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        java.nio.file.Path unrenamed =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000014")
                        .resolve("packs"));
        java.nio.file.Path alive =
                Files.createDirectories(dir.resolve(".a.pz.staging-00000000-0000-0000-0000-000000000015")
                        .resolve("packs"));
        String host = java.net.InetAddress.getLocalHost().getHostName();
        // Killed between writing _owner.tmp and renaming it: the record is whole, its process is gone.
        new StagingOwner(host, gone.pid(), 0)
                .write(fs, HadoopFiles.path(unrenamed.getParent().toString()));
        Files.move(unrenamed.resolveSibling(StagingOwner.NAME), unrenamed.resolveSibling(StagingOwner.TEMPORARY));
        StagingOwner.current().write(fs, HadoopFiles.path(alive.getParent().toString()));
        Files.move(alive.resolveSibling(StagingOwner.NAME), alive.resolveSibling(StagingOwner.TEMPORARY));
        java.nio.file.attribute.FileTime longAgo =
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 20 * 60 * 1000);
        for (java.nio.file.Path p : List.of(old, torn, alive)) {
            Files.setLastModifiedTime(p, longAgo);
            for (java.nio.file.Path f : Files.list(p.getParent()).toList()) {
                Files.setLastModifiedTime(f, longAgo);
            }
            Files.setLastModifiedTime(p.getParent(), longAgo);
        }
        Path target = HadoopFiles.path(dir.resolve("a.pz").toString());
        List<String> notes = Leftovers.clean(fs, target, conf, true);
        String said = String.join("\n", notes);
        assertFalse(Files.exists(old.getParent()), said);
        assertFalse(Files.exists(torn.getParent()), said);
        assertFalse(Files.exists(unrenamed.getParent()), said);
        assertTrue(
                Files.exists(fresh)
                        && said.contains("left alone staging directory " + target.getParent() + "/"
                                + fresh.getParent().getFileName()),
                said);
        assertTrue(Files.exists(alive) && said.contains("is still running"), said);
    }

    private static Path staging(java.nio.file.Path dir, String id) throws IOException {
        java.nio.file.Path p =
                Files.createDirectories(dir.resolve(".a.pz.staging-" + id).resolve("packs"));
        Files.write(p.resolve("part-00000-0-1-abcd.pz"), new byte[3]);
        return HadoopFiles.path(p.getParent().toString());
    }
}
