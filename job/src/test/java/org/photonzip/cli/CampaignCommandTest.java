package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.restore.Region;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.RestoredFiles;

/**
 * {@code decompress} over many archives (issue 15): a night restored as one Spark application, resumed with
 * --skip-existing after a partial run, a user's file under an output name never replaced, a damaged archive failing
 * alone, colliding names refused.
 */
@Tag("slow")
class CampaignCommandTest extends CommandTest {
    private static final String STACK = "/entry/data/data";
    private static final String[] SCANS = {"scan_a", "scan_b", "scan_c"};

    /** Three small scans archived as a night: raw/NAME.h5 -> night/NAME.pz. */
    private Path night(Path dir) {
        Path raw = dir.resolve("raw");
        try {
            Files.createDirectories(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < SCANS.length; i++) {
            JobFixtures.writeStack(raw.resolve(SCANS[i] + ".h5"), 8 + 2 * i, 32, 40, "uint16", null, 11 + i);
        }
        Path night = dir.resolve("night");
        assertEquals(
                0,
                run("compress", raw.resolve("scan_*.h5").toString(), night + "/", "--master", "local[2]"),
                err.toString());
        return night;
    }

    private static void assertRestored(Path dir, Path out, String scan) throws IOException {
        Path restored = out.resolve(scan + ".h5");
        int frames = 8 + 2 * List.of(SCANS).indexOf(scan);
        RestoredFiles.assertStackEquals(
                dir.resolve("raw/" + scan + ".h5").toString(), restored, STACK, Region.whole(new int[] {frames, 32, 40
                }));
    }

    @Test
    void aNightIsRestoredAsOneCampaignAndResumedAfterAPartialRun(@TempDir Path dir) throws Exception {
        Path night = night(dir);
        Path out = dir.resolve("out");
        assertEquals(0, run("decompress", night.toString(), out + "/", "--master", "local[2]"), err.toString());
        assertTrue(
                out.toString().length() > 0
                        && this.out
                                .toString()
                                .contains("3 archives: 3 restored, 0 already " + "restored (skipped), 0 failed"),
                this.out.toString());
        for (String scan : SCANS) {
            assertRestored(dir, out, scan);
        }
        List<JsonNode> record = records(out);
        assertEquals(3, record.size());
        for (JsonNode r : record) {
            assertEquals("done", r.get("status").asText());
            assertEquals(
                    sha256(Path.of(r.get("output").asText().replace("file:", ""))),
                    r.get("output_sha256").asText());
            assertEquals(
                    sha256(Path.of(r.get("archive").asText().replace("file:", ""))
                            .resolve("_SUCCESS")),
                    r.get("archive_digest").asText());
        }
        assertEquals(List.of("_restore", "scan_a.h5", "scan_b.h5", "scan_c.h5"), names(out), "nothing else left");

        // A killed run: scan_a restored and recorded, scan_b and scan_c not; a hidden partial file, a torn line.
        Path log = onlyRecordFile(out);
        String first = Files.readAllLines(log).stream()
                .filter(l -> l.contains("scan_a.pz"))
                .findFirst()
                .orElseThrow();
        Files.writeString(log, first + "\n{\"run_id\":\"x\",\"out", StandardCharsets.UTF_8);
        Files.delete(out.resolve("scan_b.h5"));
        Files.delete(out.resolve("scan_c.h5"));
        FileTime kept = Files.getLastModifiedTime(out.resolve("scan_a.h5"));
        assertEquals(
                0,
                run("decompress", night + "/scan_*.pz", out.toString(), "--skip-existing", "--master", "local[2]"),
                err.toString());
        assertTrue(
                this.out.toString().contains("3 archives: 2 restored, 1 already restored (skipped), 0 failed"),
                this.out.toString());
        assertEquals(kept, Files.getLastModifiedTime(out.resolve("scan_a.h5")), "kept, not restored again");
        for (String scan : SCANS) {
            assertRestored(dir, out, scan);
        }

        // A file photonzip did not write, under an output name: never replaced, with any option.
        byte[] mine = "a user's own file".getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve("scan_c.h5"), mine);
        for (String option : new String[] {"--overwrite", "--skip-existing"}) {
            assertEquals(
                    1,
                    run("decompress", night.toString(), out.toString(), option, "--master", "local[2]"),
                    err.toString());
            assertTrue(err.toString().contains("photonzip never replaces a file it did not write"), err.toString());
            assertArrayEquals(mine, Files.readAllBytes(out.resolve("scan_c.h5")), option);
        }
        assertEquals(1, run("decompress", night.toString(), out.toString(), "--master", "local[1]"));
        assertTrue(err.toString().contains("use --skip-existing"), err.toString());
        assertArrayEquals(mine, Files.readAllBytes(out.resolve("scan_c.h5")));
        assertRestored(dir, out, "scan_a");
    }

    @Test
    void aDamagedArchiveFailsAloneAndCollidingNamesAreRefused(@TempDir Path dir) throws Exception {
        Path night = night(dir);
        Path pack;
        try (Stream<Path> packs = Files.list(night.resolve("scan_b.pz/packs"))) {
            pack = packs.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(pack, bytes);
        assertEquals(
                3,
                run(
                        "decompress",
                        night.resolve("scan_b.pz").toString(),
                        dir.resolve("b.h5").toString()));
        String alone = err.toString().strip().replace("photonzip decompress: ", "");
        assertFalse(Files.exists(dir.resolve("b.h5")));

        Path out = dir.resolve("out");
        assertEquals(3, run("decompress", night + "/", out + "/", "--master", "local[2]"));
        assertTrue(err.toString().contains("scan_b.pz: " + alone), err + " should hold " + alone);
        assertTrue(
                this.out.toString().contains("3 archives: 2 restored, 0 already restored (skipped), 1 failed"),
                this.out.toString());
        assertRestored(dir, out, "scan_a");
        assertRestored(dir, out, "scan_c");
        assertEquals(List.of("_restore", "scan_a.h5", "scan_c.h5"), names(out), "no partial or hidden file");
        JsonNode failed = records(out).stream()
                .filter(r -> r.get("archive").asText().endsWith("scan_b.pz"))
                .findFirst()
                .orElseThrow();
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("tile_failed").asBoolean());

        Path collide = dir.resolve("collide");
        String a = night.resolve("scan_a.pz").toString();
        assertEquals(2, run("decompress", a, a, collide + "/"));
        assertTrue(err.toString().contains("would both be restored as"), err.toString());
        assertFalse(Files.exists(collide), "nothing done");

        // One archive into a directory: NAME.h5 there, without Spark.
        Path single = Files.createDirectories(dir.resolve("single"));
        assertEquals(0, run("decompress", a, single.toString()), err.toString());
        assertRestored(dir, single, "scan_a");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path onlyRecordFile(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("_restore"))) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }

    private static List<JsonNode> records(Path out) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(out.resolve("_restore")).sorted()) {
            for (Path f : s.toList()) {
                for (String line : Files.readAllLines(f)) {
                    all.add(json.readTree(line));
                }
            }
        }
        return all;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
