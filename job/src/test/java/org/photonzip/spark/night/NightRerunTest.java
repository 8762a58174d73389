package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.photonzip.spark.night.NightFixtures.night;
import static org.photonzip.spark.night.NightFixtures.sha256;
import static org.photonzip.spark.night.NightFixtures.snapshot;
import static org.photonzip.spark.night.NightFixtures.statuses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.ArchiveExistsException;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/** Idempotent, resumable nights; two writers of one archive; --overwrite with one input into a night directory. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class NightRerunTest {
    // Two in flight (the job would choose 4 for these one-task scans): scan 3 then starts after a scan ended, with
    // an ETA to show.
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark().with(org.photonzip.spark.cluster.ScansInFlight.IN_FLIGHT, "2");

    private final SparkSession spark = SPARK.session();

    private static Path scan(Path dir, String name, long seed) {
        return JobFixtures.writeStack(dir.resolve(name), 8, 32, 40, "uint16", new int[] {2, 32, 40}, seed);
    }

    @Test
    void aRerunArchivesOnlyWhatIsMissingAndAFinishedNightRewritesNothing(@TempDir Path dir) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        scan(raw, "scan_1.h5", 1);
        scan(raw, "scan_2.h5", 2);
        Path third = scan(raw, "scan_3.h5", 3);
        byte[] whole = Files.readAllBytes(third);
        Files.write(third, java.util.Arrays.copyOf(whole, whole.length / 2)); // still being copied
        String glob = raw.resolve("scan_*.h5").toString();
        Path night = dir.resolve("night");

        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        NightRun.Outcome first = night(
                spark,
                List.of(glob),
                night.toString(),
                false,
                false,
                false,
                r -> {},
                new java.io.PrintStream(console, true));
        String said = console.toString();
        assertTrue(said.contains("scan 1 of 3: ") && said.contains("ETA ?"), said);
        assertTrue(
                said.matches(
                        "(?s).*scan 3 of 3: .*scan_3\\.h5 \\([0-9.]+ MB\\); night \\d+:\\d\\d:\\d\\d, ETA \\d+:\\d\\d:\\d\\d.*"),
                said);
        assertEquals(List.of("done", "done", "failed"), statuses(first));
        assertEquals(NightRun.SOME_FAILED, first.exitCode());
        assertTrue(
                first.records().get(2).error().contains("truncated"),
                first.records().get(2).error());
        checkRecord(first, raw, night);
        Map<String, String> partial = snapshot(night);

        Files.write(third, whole);
        NightRun.Outcome second = night(spark, List.of(glob), night.toString(), true, false, false, r -> {});
        assertEquals(List.of("skipped", "skipped", "done"), statuses(second));
        assertEquals(NightRun.ALL_DONE, second.exitCode());
        Map<String, String> finished = snapshot(night);
        partial.forEach((file, state) -> assertEquals(state, finished.get(file), file + " was rewritten"));
        assertEquals(partial.size() + snapshot(night.resolve("scan_3.pz")).size(), finished.size());

        NightRun.Outcome third2 = night(spark, List.of(glob), night.toString(), true, false, false, r -> {});
        assertEquals(List.of("skipped", "skipped", "skipped"), statuses(third2));
        assertEquals(NightRun.ALL_DONE, third2.exitCode());
        assertEquals(finished, snapshot(night), "a re-run of a finished night rewrites nothing");
        try (var logs = Files.list(night.resolve("_night"))) {
            assertEquals(3, logs.count(), "one record per run");
        }

        NightRun.Outcome again = night(spark, List.of(glob), night.toString(), false, false, false, r -> {});
        assertEquals(List.of("failed", "failed", "failed"), statuses(again));
        assertTrue(
                again.records().get(0).error().contains("--skip-existing"),
                again.records().get(0).error());
        assertEquals(finished, snapshot(night), "without --overwrite an archive is never moved or deleted");
    }

    /** The record's lines: one per scan, with the sources' and the archive files' SHA-256 as sha256sum has them. */
    private static void checkRecord(NightRun.Outcome night, Path raw, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(HadoopFiles.localFile(night.log()));
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode done = json.readTree(lines.get(0));
        assertEquals("done", done.path("status").asText());
        assertEquals(1, done.path("scan").asInt());
        assertEquals(3, done.path("of").asInt());
        assertEquals(
                sha256(raw.resolve("scan_1.h5")),
                done.path("source_files").get(0).path("sha256").asText());
        assertEquals(
                Files.size(raw.resolve("scan_1.h5")), done.path("source_bytes").asLong());
        Path archive = dir.resolve("scan_1.pz");
        int files = 0;
        long bytes = Files.size(archive.resolve("_SUCCESS"));
        for (JsonNode f : done.path("archive_files")) {
            Path p = archive.resolve(f.path("name").asText());
            assertEquals(sha256(p), f.path("sha256").asText(), p.toString());
            assertEquals(Files.size(p), f.path("bytes").asLong());
            bytes += Files.size(p);
            files++;
        }
        try (var all = Files.walk(archive)) {
            assertEquals(all.filter(Files::isRegularFile).count(), files + 1, "every file but _SUCCESS is listed");
        }
        assertEquals(bytes, done.path("archive_bytes").asLong());
        assertEquals(
                sha256(archive.resolve("_SUCCESS")), done.path("archive_digest").asText());
        assertEquals(
                Math.round(1000.0 * done.path("source_bytes").asLong() / bytes) / 1000.0,
                done.path("ratio").asDouble(),
                1e-9,
                lines.get(0));
        assertTrue(done.path("error").isNull());
        JsonNode failed = json.readTree(lines.get(2));
        assertEquals("failed", failed.path("status").asText());
        assertTrue(failed.path("error").asText().contains("truncated"), lines.get(2));
    }

    @Test
    void ofTwoConcurrentRunsToOneArchiveExactlyOneCommits(@TempDir Path dir) throws Exception {
        Path a = scan(dir, "a.h5", 11);
        Path b = scan(dir, "b.h5", 12);
        Path out = Files.createDirectories(dir.resolve("out"));
        String target = out.resolve("scan.pz").toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<CompressJob.Report>> runs = new ArrayList<>();
        for (Path input : List.of(a, b)) {
            runs.add(pool.submit(
                    () -> JobFixtures.compress(spark, input.toString(), null, target, null, false, false, 0)));
        }
        int committed = 0;
        List<String> failures = new ArrayList<>();
        String winner = null;
        for (int i = 0; i < 2; i++) {
            try {
                CompressJob.Report r = runs.get(i).get();
                committed++;
                winner = r.stack().input();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(String.valueOf(e.getCause().getMessage()));
                assertTrue(
                        e.getCause() instanceof ArchiveExistsException || e.getCause() instanceof IOException,
                        e.getCause().toString());
            }
        }
        pool.shutdown();
        assertEquals(1, committed, "failures: " + failures);
        assertNotNull(winner);
        assertEquals(List.of("scan.pz"), List.of(out.toFile().list()), "the loser left nothing behind");
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Files.copy(Path.of(winner), ref.resolve("scan.h5"));
        assertEquals(
                1,
                NightFixtures.assertNothingLost(spark, ref, dir.resolve("nowhere"), out),
                "the archive holds every value of the run that committed");
    }

    @Test
    void overwriteWithOneInputIntoANightDirectoryTouchesOnlyThatArchive(@TempDir Path dir) throws IOException {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        scan(raw, "scan_1.h5", 21);
        scan(raw, "scan_2.h5", 22);
        Path night = dir.resolve("night");
        assertEquals(
                NightRun.ALL_DONE,
                night(spark, List.of(raw.toString()), night.toString(), false, false, false, r -> {})
                        .exitCode());
        Map<String, String> before = snapshot(night);
        Path extra = scan(dir, "scan_3.h5", 23);
        NightRun.Outcome o = night(spark, List.of(extra.toString()), night.toString(), false, false, true, r -> {});
        assertEquals(List.of("done"), statuses(o));
        assertEquals(night.resolve("scan_3.pz").toString(), o.records().get(0).archive());
        Map<String, String> after = snapshot(night);
        before.forEach((file, state) -> assertEquals(state, after.get(file), file));
        assertTrue(Files.exists(night.resolve("scan_3.pz/_SUCCESS")));
    }
}
