package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;

/** A night as a scheduler runs it: compress a glob, re-run it, then info and verify of the night directory. */
@Tag("slow")
class NightCommandsTest extends CommandTest {

    @Test
    void compressAGlobRerunItThenInfoAndVerifyTheNight(@TempDir Path dir) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        JobFixtures.writeStack(raw.resolve("scan_a.h5"), 8, 32, 40, "uint16", null, 1);
        JobFixtures.writeStack(raw.resolve("scan_b.h5"), 8, 32, 40, "uint16", null, 2);
        String glob = raw.resolve("scan_*.h5").toString();
        Path night = dir.resolve("night");
        assertEquals(0, run("compress", glob, night + "/", "--verify", "--master", "local[2]"), err.toString());
        assertTrue(
                out.toString().contains("2 scans: 2 archived, 0 already archived (skipped), 0 failed"), out.toString());
        assertEquals(
                0, run("compress", glob, night.toString(), "--skip-existing", "--master", "local[2]"), err.toString());
        assertTrue(
                out.toString().contains("2 scans: 0 archived, 2 already archived (skipped), 0 failed"), out.toString());
        assertEquals(2, run("compress", glob, night.toString(), "--skip-existing", "--overwrite"));
        assertTrue(err.toString().contains("Invalid options"), err.toString());
        assertEquals(1, run("compress", raw.resolve("run_*.h5").toString(), night.toString(), "--master", "local[1]"));
        assertTrue(err.toString().contains("nothing matches"), err.toString());
        assertEquals(
                0,
                run(
                        "compress",
                        raw.resolve("run_*.h5").toString(),
                        night.toString(),
                        "--skip-existing",
                        "--master",
                        "local[1]"));

        assertEquals(0, run("info", night.toString()), err.toString());
        assertTrue(out.toString().contains("2 archives: 2 committed, exit 0"), out.toString());
        assertEquals(0, run("verify", night.toString(), "--master", "local[2]"), err.toString());
        assertTrue(out.toString().contains("2 archives: 2 verified, exit 0"), out.toString());

        Path pack;
        try (var packs = Files.list(night.resolve("scan_b.pz/packs"))) {
            pack = packs.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(pack, bytes);
        assertEquals(
                3,
                run(
                        "verify",
                        night.resolve("scan_a.pz").toString(),
                        night.toString() + "/scan_b.pz",
                        "--master",
                        "local[2]"));
        assertTrue(out.toString().contains("2 archives: 1 verified, exit 3"), out.toString());
        assertTrue(out.toString().contains("FAILED"), out.toString());
        assertEquals(
                2,
                run(
                        "verify",
                        night.toString(),
                        "--against",
                        raw.resolve("scan_a.h5").toString()));
    }

    /**
     * Issue 17: an archive among the glob's matches is neither archived nor touched; a scan named with a space is
     * archived; the re-run of a finished night whose input was a directory exits 0 once its sources are gone.
     */
    @Test
    void anArchiveAmongTheInputsIsLeftAloneAndAFinishedDirectoryNightExitsZero(@TempDir Path dir) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Path earlier = JobFixtures.writeStack(dir.resolve("earlier.h5"), 8, 32, 40, "uint16", null, 7);
        assertEquals(
                0,
                run("compress", earlier.toString(), raw.resolve("a.pz").toString(), "--master", "local[1]"),
                err.toString());
        java.util.Map<String, String> archive =
                org.photonzip.spark.night.NightFixturesAccess.snapshot(raw.resolve("a.pz"));
        Path spaced = JobFixtures.writeStack(raw.resolve("a b.h5"), 8, 32, 40, "uint16", null, 8);
        Path night = dir.resolve("night");
        assertEquals(
                0,
                run(
                        "compress",
                        raw.resolve("*").toString(),
                        night + "/",
                        "--delete-source-after-verify",
                        "--master",
                        "local[2]"),
                err.toString());
        assertTrue(err.toString().contains("a.pz: a photonzip archive, not a scan"), err.toString());
        assertTrue(Files.exists(night.resolve("a b.pz/_SUCCESS")) && !Files.exists(spaced), err.toString());
        assertTrue(!Files.exists(night.resolve("metadata.pz")) && !Files.exists(night.resolve("a.pz")));
        assertEquals(archive, org.photonzip.spark.night.NightFixturesAccess.snapshot(raw.resolve("a.pz")));
        assertEquals(0, run("verify", raw.resolve("a.pz").toString(), "--master", "local[1]"), err.toString());

        Path scans = Files.createDirectories(dir.resolve("scans"));
        JobFixtures.writeStack(scans.resolve("s1.h5"), 8, 32, 40, "uint16", null, 9);
        Path night2 = dir.resolve("night2");
        assertEquals(
                0,
                run(
                        "compress",
                        scans.toString(),
                        night2 + "/",
                        "--skip-existing",
                        "--delete-source-after-verify",
                        "--master",
                        "local[1]"),
                err.toString());
        assertTrue(!Files.exists(scans.resolve("s1.h5")));
        assertEquals(
                0,
                run(
                        "compress",
                        scans.toString(),
                        night2 + "/",
                        "--skip-existing",
                        "--delete-source-after-verify",
                        "--master",
                        "local[1]"),
                err.toString());
        assertTrue(err.toString().contains("nothing matches " + scans), err.toString());
    }

    /**
     * Issue 17: archives whose names start with _ or . are archives too (a damaged one fails the night), while
     * photonzip's own working entries (_night/, a staging directory, a restore's working directory) are not.
     * Before the fix verify exited 0 having verified only b.pz, and info listed only b.pz.
     */
    @Test
    void archivesNamedLikeHiddenEntriesAreVerifiedAndListed(@TempDir Path dir) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        for (String scan : new String[] {"a", "b", "c"}) {
            JobFixtures.writeStack(raw.resolve(scan + ".h5"), 4, 16, 24, "uint16", null, scan.charAt(0));
        }
        Path night = dir.resolve("night");
        assertEquals(
                0,
                run("compress", raw.resolve("*.h5").toString(), night + "/", "--master", "local[2]"),
                err.toString());
        Files.move(night.resolve("a.pz"), night.resolve("_a.pz"));
        Files.move(night.resolve("c.pz"), night.resolve(".c.pz"));
        Path pack;
        try (var packs = Files.list(night.resolve("_a.pz/packs"))) {
            pack = packs.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(pack, bytes);
        Files.delete(night.resolve(".c.pz/_SUCCESS"));
        // photonzip's own entries: a staging directory and a restore's working directory, each owned by this process.
        Path staging = Files.createDirectories(night.resolve(".d.pz.staging-0123abcd-0123-4567-89ab-0123456789ab"));
        Files.writeString(staging.resolve("summary.json"), "{}");
        Path restore = Files.createDirectories(night.resolve(".photonzip-restore-42"));
        org.photonzip.archive.StagingOwner.current()
                .write(
                        org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
                        new org.apache.hadoop.fs.Path(restore.toUri()));
        Files.writeString(restore.resolve("metadata.h5"), "partial");
        assertTrue(Files.isDirectory(night.resolve("_night")), "the night record is there to be left out");

        assertEquals(3, run("verify", night.toString(), "--master", "local[2]"));
        assertTrue(out.toString().contains("3 archives: 1 verified, exit 3"), out.toString());
        String said = out.toString() + err;
        assertTrue(said.contains("_a.pz") && said.contains(".c.pz"), said);
        assertTrue(!said.contains("staging-") && !said.contains("photonzip-restore") && !said.contains("_night"), said);

        assertEquals(3, run("info", night.toString())); // info decodes _a.pz's first tile (its mode check)
        assertTrue(out.toString().contains("3 archives: 1 committed, exit 3"), out.toString());
        assertTrue(out.toString().contains("_a.pz") && out.toString().contains(".c.pz"), out.toString());
    }
}
