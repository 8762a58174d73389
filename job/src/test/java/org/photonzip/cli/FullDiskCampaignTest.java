package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.hdf5.OpenHdf5Objects;
import org.photonzip.restore.Region;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.RestoredFiles;

/**
 * A campaign whose output disk (a small tmpfs) has room for two small outputs but not for the large one between
 * them: the small ones are restored right, the large one fails alone naming its output, and nothing partial is
 * left under a final name or hidden beside it.
 */
@Tag("slow")
class FullDiskCampaignTest extends CommandTest {
    private static final String STACK = "/entry/data/data";
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void theArchivesThatFitAreRestoredAndTheOneThatDoesNotFailsAlone() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        int[][] shapes = {{4, 32, 32}, {48, 128, 128}, {4, 32, 32}}; // scan_b's output (1.5 MiB) cannot fit
        String[] scans = {"scan_a", "scan_b", "scan_c"};
        for (int i = 0; i < scans.length; i++) {
            JobFixtures.writeStack(
                    raw.resolve(scans[i] + ".h5"), shapes[i][0], shapes[i][1], shapes[i][2], "uint16", null, 21 + i);
        }
        Path night = dir.resolve("night");
        assertEquals(
                0,
                run("compress", raw.resolve("scan_*.h5").toString(), night + "/", "--master", "local[2]"),
                err.toString());
        Path reference = dir.resolve("reference");
        assertEquals(0, run("decompress", night + "/", reference + "/", "--master", "local[1]"), err.toString());
        long small = Files.size(reference.resolve("scan_a.h5")) + Files.size(reference.resolve("scan_c.h5"));
        long large = Files.size(reference.resolve("scan_b.h5"));
        long room = ((small + (256 << 10)) / PAGE + 1) * PAGE; // the small outputs, the record, some slack
        assertTrue(large > room, "scan_b's output (" + large + " bytes) must not fit in " + room);

        Path disk = Files.createDirectory(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + room, "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        mount.getInputStream().readAllBytes();
        Assumptions.assumeTrue(mount.waitFor() == 0, "Skipped: cannot mount a small tmpfs here (needs root)");
        try {
            Path out = disk.resolve("out");
            // local[1]: the archives run in order, so scan_b meets a disk that already holds scan_a
            int code = run("decompress", night + "/", out + "/", "--master", "local[1]");
            assertEquals(ExitCodes.UNREADABLE, code, "some failed, the others are done: " + err);
            assertTrue(err.toString().contains("scan_b.pz: Cannot write " + out.resolve("scan_b.h5")), err.toString());
            List<JsonNode> records = records(out);
            assertEquals(3, records.size(), records.toString());
            for (JsonNode r : records) {
                String output = r.path("output").asText();
                if (output.endsWith("scan_b.h5")) {
                    assertEquals("failed", r.path("status").asText(), r.toString());
                    assertTrue(
                            r.path("error")
                                    .asText()
                                    .contains(out.resolve("scan_b.h5").toString()),
                            "the error names the output: " + r);
                } else {
                    assertEquals("done", r.path("status").asText(), r.toString());
                }
            }
            assertEquals(
                    List.of("_restore", "scan_a.h5", "scan_c.h5"),
                    names(out),
                    "nothing partial under a final name, no hidden file left");
            for (int i : new int[] {0, 2}) {
                // compared on a copy: the reader maps the file it reads, which would keep the tmpfs busy
                Path copy = Files.copy(
                        out.resolve(scans[i] + ".h5"),
                        dir.resolve(scans[i] + "-restored.h5"),
                        StandardCopyOption.REPLACE_EXISTING);
                RestoredFiles.assertStackEquals(
                        raw.resolve(scans[i] + ".h5").toString(), copy, STACK, Region.whole(shapes[i]));
            }
        } finally {
            OpenHdf5Objects.closeFiles();
            new ProcessBuilder("umount", disk.toString()).start().waitFor();
        }
    }

    private static List<JsonNode> records(Path out) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(out.resolve("_restore"))) {
            for (Path f :
                    s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    all.add(json.readTree(line));
                }
            }
        }
        return all;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
