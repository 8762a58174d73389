package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.spark.night.NightFixtures.assertNothingLost;
import static org.photonzip.spark.night.NightFixtures.copy;
import static org.photonzip.spark.night.NightFixtures.night;
import static org.photonzip.spark.night.NightFixtures.statuses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.source.TestData;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/** --delete-source-after-verify under faults: any doubt keeps the source; nothing is ever lost. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class SourceDeletionTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    private final SparkSession spark = SPARK.session();

    private static Path scan(Path dir, String name, long seed) throws IOException {
        Files.createDirectories(dir);
        return JobFixtures.writeStack(dir.resolve(name), 8, 32, 40, "uint16", null, seed);
    }

    @Test
    void deletesOnlyProvenSourcesAndKeepsChangedAndReadOnlyOnes(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw");
        Path ref = dir.resolve("ref");
        copy(scan(raw, "ok.h5", 1), ref);
        Path changed = scan(raw, "changed.h5", 2);
        copy(changed, ref);
        Path night = dir.resolve("night");
        NightRun.Outcome o = night(spark, List.of(raw.toString()), night.toString(), false, true, false, report -> {
            if (report.stack().input().endsWith("changed.h5")) {
                try { // the beamline writes to it after it was read: committed, but the source must stay
                    Files.write(changed, new byte[] {0}, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        assertEquals(List.of("failed", "done"), statuses(o));
        assertTrue(
                o.records().get(0).error().contains("changed during the run"),
                o.records().get(0).error());
        assertTrue(Files.exists(night.resolve("changed.pz/_SUCCESS")), "its archive is kept");
        assertTrue(o.records().get(1).sourceDeleted() && o.records().get(1).verified());
        assertFalse(Files.exists(raw.resolve("ok.h5")));
        assertEquals(NightRun.SOME_FAILED, o.exitCode());
        Files.copy(changed, ref.resolve("changed.h5"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, assertNothingLost(spark, ref, raw, night));

        // A read-only source: reported and kept, and the night goes on (exit 4: archived, a source kept).
        Path ro = dir.resolve("ro");
        copy(scan(ro, "locked.h5", 3), ref);
        copy(scan(ro, "also.h5", 4), ref);
        org.junit.jupiter.api.Assumptions.assumeTrue(makeReadOnly(ro), "cannot make a directory read-only here");
        try {
            NightRun.Outcome locked =
                    night(spark, List.of(ro.toString()), night.toString(), false, true, false, r -> {});
            assertEquals(List.of("done", "done"), statuses(locked));
            assertEquals(NightRun.SOURCES_KEPT, locked.exitCode());
            assertTrue(
                    locked.records().get(0).notes().get(0).contains("source kept"),
                    locked.records().toString());
            assertTrue(Files.exists(ro.resolve("also.h5")) && Files.exists(ro.resolve("locked.h5")));
        } finally {
            undoReadOnly(ro);
        }
        assertNothingLost(spark, ref, ro, night);
    }

    @Test
    void aKillBetweenCommitAndDeleteIsVerifiedAgainBeforeTheSourceGoes(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw");
        Path ref = dir.resolve("ref");
        copy(scan(raw, "k.h5", 5), ref);
        copy(scan(raw, "v.h5", 6), ref);
        Path night = dir.resolve("night");
        // What a driver killed after the commit and before the deletion leaves: archives and all sources.
        assertEquals(
                NightRun.ALL_DONE,
                night(spark, List.of(raw.toString()), night.toString(), false, false, false, r -> {})
                        .exitCode());
        assertEquals(
                NightRun.ALL_DONE,
                night(spark, List.of(raw.toString()), night.toString(), true, false, false, r -> {})
                        .exitCode());
        assertEquals(0, assertNothingLost(spark, ref, raw, night), "without the option nothing is deleted");

        // v's archive no longer matches its source (a flipped bit in its pack): its source stays, exit 3.
        Path pack;
        try (var packs = Files.list(night.resolve("v.pz/packs"))) {
            pack = packs.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(pack, bytes);
        NightRun.Outcome o = night(spark, List.of(raw.toString()), night.toString(), true, true, false, r -> {});
        assertEquals(List.of("skipped", "failed"), statuses(o));
        assertTrue(o.records().get(0).sourceDeleted(), "k was verified against its source in this run, then deleted");
        assertTrue(
                o.records().get(1).error().contains("verification against the source failed"),
                o.records().toString());
        assertEquals(NightRun.VERIFICATION_FAILED, o.exitCode());
        assertEquals(1, assertNothingLost(spark, ref, raw, night));
        assertTrue(Files.exists(raw.resolve("v.h5")));

        // Re-run once more: k is gone (nothing to match), v still refused; nothing else changes.
        NightRun.Outcome again = night(spark, List.of(raw.toString()), night.toString(), true, true, false, r -> {});
        assertEquals(List.of("failed"), statuses(again));
        assertEquals(1, assertNothingLost(spark, ref, raw, night));
    }

    /** A NeXus master and the detector file its stack links to are one source: deleted together or not at all. */
    @Test
    void aNexusMasterGoesWithTheFileItsStackLinksTo(@TempDir Path dir) throws Exception {
        Path master = TestData.require("k11-diad/k11-18014.nxs");
        Path raw = dir.resolve("raw");
        Files.createDirectories(raw.resolve("k11-18014"));
        Files.copy(master, raw.resolve("k11-18014.nxs"));
        for (String f : new String[] {"k11-18014-imaging.h5", "k11-18014-pcompPanda.h5"}) {
            Files.copy(
                    master.resolveSibling("k11-18014").resolve(f),
                    raw.resolve("k11-18014").resolve(f));
        }
        Path night = dir.resolve("night");
        NightRun.Outcome o =
                night(spark, List.of(raw.resolve("*.nxs").toString()), night.toString(), false, true, false, r -> {});
        ScanRecord r = o.records().get(0);
        assertEquals("done", r.status(), String.valueOf(r.error()));
        assertEquals(
                List.of("k11-18014.nxs", "k11-18014-imaging.h5"),
                r.sourceFiles().stream()
                        .map(f -> new org.apache.hadoop.fs.Path(f.path()).getName())
                        .toList());
        // This master also links a file the data set lacks (detectorPanda): metadata.h5 cannot hold it, so the
        // source is kept (exit 4), master and detector file alike.
        assertFalse(r.sourceDeleted());
        assertTrue(r.verified());
        assertTrue(
                r.notes().get(0).contains("lacks metadata") && r.notes().get(0).contains("detectorPanda"),
                r.notes().toString());
        assertEquals(NightRun.SOURCES_KEPT, o.exitCode());
        assertTrue(Files.exists(raw.resolve("k11-18014.nxs")));
        assertTrue(Files.exists(raw.resolve("k11-18014/k11-18014-imaging.h5")));
        assertTrue(Files.exists(raw.resolve("k11-18014/k11-18014-pcompPanda.h5")));
    }

    private static boolean makeReadOnly(Path dir) throws Exception {
        Process p = new ProcessBuilder("chattr", "+i", dir.toString())
                .redirectErrorStream(true)
                .start();
        if (p.waitFor() != 0) {
            return dir.toFile().setWritable(false) && !Files.isWritable(dir);
        }
        return true;
    }

    private static void undoReadOnly(Path dir) throws Exception {
        new ProcessBuilder("chattr", "-i", dir.toString())
                .redirectErrorStream(true)
                .start()
                .waitFor();
        dir.toFile().setWritable(true);
    }
}
