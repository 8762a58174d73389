package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.StackGenerator;

/**
 * Error-bounded archives as users make them: bad bounds are refused before any work (exit 2, nothing
 * written); a bounded archive restores within its bound on every pixel, says it is lossy in info, verify and
 * the restored file, and verify catches a source value beyond the bound.
 */
@Tag("slow")
class BoundedCommandsTest extends CommandTest {
    static final int T = 24;
    static final int H = 48;
    static final int W = 64;

    @Test
    void badBoundsAreRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path scan = dir.resolve("scan.h5");
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(GeneratorConfig.of(T, H, W, 2)), scan);
        Path flat = dir.resolve("flat.h5"); // constant frames, no flats or darks: no noise model can be fitted
        org.photonzip.spark.JobFixtures.writeStack(flat, 8, 16, 16, "uint8", null, 1);
        String archive = dir.resolve("a.pz").toString();
        String[][] cases = {
            {"--error-bound", "-1"},
            {"--error-bound", "abc"},
            {"--error-bound", "65536"},
            {"--error-bound", "2.5"},
            {"--noise-bound", "NaN"},
            {"--noise-bound", "0"},
            {"--noise-bound", "-1"},
            {"--noise-bound", "16"},
            {"--noise-bound", "1e9"},
            {"--noise-bound", "x"},
            {"--noise-bound", "0.001"},
            {"--error-bound", "3", "--noise-bound", "1"},
            {"--noise-bound", "1", "--model", dir.resolve("none.pzm").toString(), "--inference", "tf"}
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 5];
            args[0] = "compress";
            args[1] = scan.toString();
            args[2] = archive;
            System.arraycopy(c, 0, args, 3, c.length);
            args[c.length + 3] = "--master";
            args[c.length + 4] = "local[1]";
            assertEquals(2, run(args), String.join(" ", c) + ": " + err);
            assertTrue(err.toString().contains("Invalid"), String.join(" ", c) + ": " + err);
            assertFalse(Files.exists(Path.of(archive)), String.join(" ", c) + " wrote an archive");
        }
        assertEquals(2, run("compress", flat.toString(), archive, "--noise-bound", "1", "--master", "local[1]"));
        assertTrue(err.toString().contains("no usable noise model"), err.toString());
        assertFalse(Files.exists(Path.of(archive)));
    }

    @Test
    void boundedArchiveRestoresWithinItsBoundAndSaysSoEverywhere(@TempDir Path dir) throws Exception {
        Path scan = dir.resolve("scan.h5");
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(GeneratorConfig.of(T, H, W, 3)), scan);
        Path lossless = dir.resolve("lossless.pz");
        Path bounded = dir.resolve("bounded.pz");
        assertEquals(
                0,
                run("compress", scan.toString(), lossless.toString(), "--tile", "12x24x32", "--master", "local[2]"),
                err.toString());
        assertEquals(
                0,
                run(
                        "compress",
                        scan.toString(),
                        bounded.toString(),
                        "--noise-bound",
                        "1",
                        "--verify",
                        "--tile",
                        "12x24x32",
                        "--master",
                        "local[2]"),
                err.toString());
        assertTrue(out.toString().contains("ERROR-BOUNDED (LOSSY)"), out.toString());
        assertTrue(out.toString().contains("largest error"), out.toString());
        JsonNode summary =
                new ObjectMapper().readTree(bounded.resolve("summary.json").toFile());
        JsonNode b = summary.path("codec").path("error_bound");
        assertEquals("noise", b.path("mode").asText());
        assertEquals(1.0, b.path("bound").asDouble());
        assertTrue(b.path("noise_model").path("gain").asDouble() > 0, b.toString());
        int maxBound = b.path("max_pixel_bound").asInt();
        assertTrue(maxBound >= 1, b.toString());
        assertTrue(packBytes(bounded) < packBytes(lossless), "a bound of 1 σ must save bits");
        assertTrue(
                new ObjectMapper()
                        .readTree(lossless.resolve("summary.json").toFile())
                        .path("codec")
                        .path("error_bound")
                        .isMissingNode(),
                "lossless summaries carry no bound");

        assertEquals(0, run("info", bounded.toString()), err.toString());
        assertTrue(
                out.toString().contains("ERROR-BOUNDED (LOSSY)")
                        && out.toString().contains("noise model"),
                out.toString());
        assertEquals(0, run("info", lossless.toString()), err.toString());
        assertTrue(out.toString().contains("lossless"), out.toString());

        assertEquals(0, run("verify", bounded.toString(), "--master", "local[2]"), err.toString());
        assertTrue(out.toString().contains("ERROR-BOUNDED"), out.toString());
        assertEquals(
                0,
                run("verify", bounded.toString(), "--against", scan.toString(), "--master", "local[2]"),
                err.toString());
        assertTrue(out.toString().contains("largest error"), out.toString());

        Path restored = dir.resolve("restored.h5");
        assertEquals(0, run("decompress", bounded.toString(), restored.toString()), err.toString());
        short[] src = read(scan);
        short[] rst = read(restored);
        int max = 0;
        int changed = 0;
        for (int i = 0; i < src.length; i++) {
            int e = Math.abs((src[i] & 0xFFFF) - (rst[i] & 0xFFFF));
            max = Math.max(max, e);
            changed += e > 0 ? 1 : 0;
        }
        assertTrue(max <= maxBound, "max error " + max + " > bound " + maxBound);
        assertTrue(changed > src.length / 10, "the archive is lossy: " + changed + " of " + src.length + " changed");
        try (HdfFile f = new HdfFile(restored)) {
            Dataset d = f.getDatasetByPath(Hdf5StackWriter.DATA);
            assertEquals("noise", d.getAttribute("photonzip_error_bound_mode").getData());
            assertEquals(
                    1.0, ((double[]) d.getAttribute("photonzip_error_bound").getData())[0]);
            assertEquals(3, ((double[]) d.getAttribute("photonzip_noise_model").getData()).length);
        }
        // A source value moved beyond its bound: verify --against finds it.
        Path moved = dir.resolve("moved.h5");
        short[] far = src.clone();
        far[5 * H * W + 7 * W + 9] = (short) ((far[5 * H * W + 7 * W + 9] & 0xFFFF) + maxBound + 50);
        writeStack(moved, far);
        assertEquals(3, run("verify", bounded.toString(), "--against", moved.toString(), "--master", "local[2]"));
        assertTrue(err.toString().contains("beyond its bound"), err.toString());

        String report = Files.readString(bounded.resolve("report.html"));
        assertTrue(report.contains("error-bounded (lossy)") && report.contains("quality-reconstruction"));
        assertTrue(Files.exists(bounded.resolve("quality.json")));
        assertFalse(Files.exists(lossless.resolve("quality.json")));
    }

    /**
     * Issue 17: summary.json and the streams must agree on the mode. A bounded archive whose summary lost
     * codec.error_bound (re-hashed in _SUCCESS) verified "every value matches" against a source it differs from,
     * and info called it lossless; the reverse, a bound the streams lack, went unnoticed. Each command now refuses
     * it as a tile failing its checks, naming the field and the tile.
     */
    @Test
    void summaryAndStreamsThatDisagreeOnTheModeAreRefusedEverywhere(@TempDir Path dir) throws Exception {
        Path scan = dir.resolve("scan.h5");
        new Hdf5StackWriter(false, false, 1, null).write(new StackGenerator(GeneratorConfig.of(T, H, W, 5)), scan);
        Path bounded = dir.resolve("bounded.pz");
        Path lossless = dir.resolve("lossless.pz");
        assertEquals(
                0,
                run(
                        "compress",
                        scan.toString(),
                        bounded.toString(),
                        "--error-bound",
                        "8",
                        "--tile",
                        "12x24x32",
                        "--master",
                        "local[2]"),
                err.toString());
        assertEquals(
                0,
                run("compress", scan.toString(), lossless.toString(), "--tile", "12x24x32", "--master", "local[2]"),
                err.toString());
        JsonNode record = org.photonzip.archive.ArchiveDamage.summary(bounded)
                .path("codec")
                .path("error_bound");

        Path stripped = dir.resolve("stripped.pz");
        org.photonzip.archive.ArchiveDamage.copy(bounded, stripped);
        org.photonzip.archive.ArchiveDamage.editSummary(
                stripped,
                s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("codec")).remove("error_bound"));
        Path claimed = dir.resolve("claimed.pz");
        org.photonzip.archive.ArchiveDamage.copy(lossless, claimed);
        org.photonzip.archive.ArchiveDamage.editSummary(
                claimed,
                s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.path("codec")).set("error_bound", record));

        for (Path archive : new Path[] {stripped, claimed}) {
            String says = archive == stripped
                    ? "the tile stream is error-bounded (±8 counts), summary.json says " + "lossless"
                    : "the tile stream is lossless, summary.json says error-bounded (±8 counts)";
            assertEquals(
                    3,
                    run("verify", archive.toString(), "--against", scan.toString(), "--master", "local[2]"),
                    archive + ": " + out);
            assertMentions(err.toString(), says);
            assertFalse(out.toString().contains("every value matches"), out.toString());
            assertEquals(3, run("info", archive.toString()), archive + ": " + out);
            assertMentions(err.toString(), says);
            assertFalse(out.toString().contains("lossless") || out.toString().contains("LOSSY"), out.toString());
            Path restored = dir.resolve(archive.getFileName() + ".h5");
            assertEquals(3, run("decompress", archive.toString(), restored.toString()), archive + ": " + out);
            assertMentions(err.toString(), says);
            assertFalse(Files.exists(restored), "nothing restored from " + archive);
        }
    }

    /**
     * Issue 17: --error-bound 65535 on a stack of 0 and 65535 in alternating columns failed after coding ("A
     * positive range length is required": the report's error spectrum had one ring, of power ~10^9, which the
     * chart library cannot scale). It compresses and restores within the bound.
     */
    @Test
    void theWidestBoundOnAFullRangeStackCompressesAndRestoresWithinIt(@TempDir Path dir) throws Exception {
        short[] src = new short[T * H * W];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) (i % 2 == 0 ? 0 : 65535);
        }
        Path scan = dir.resolve("full.h5");
        writeStack(scan, src);
        Path archive = dir.resolve("full.pz");
        assertEquals(
                0,
                run(
                        "compress",
                        scan.toString(),
                        archive.toString(),
                        "--error-bound",
                        "65535",
                        "--verify",
                        "--tile",
                        "12x24x32",
                        "--master",
                        "local[2]"),
                err.toString());
        assertEquals(
                0,
                run("verify", archive.toString(), "--against", scan.toString(), "--master", "local[2]"),
                err.toString());
        assertTrue(out.toString().contains("every value within its bound (±65535 counts)"), out.toString());
        Path restored = dir.resolve("restored.h5");
        assertEquals(0, run("decompress", archive.toString(), restored.toString()), err.toString());
        assertEquals(src.length, read(restored).length);
    }

    private static void assertMentions(String message, String says) {
        assertTrue(
                message.contains("field codec.error_bound")
                        && message.contains(says)
                        && message.contains("Invalid tile in")
                        && message.contains("packs/"),
                message);
    }

    private static long packBytes(Path archive) throws Exception {
        try (var files = Files.list(archive.resolve("packs"))) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static short[] read(Path file) throws Exception {
        short[] all = new short[T * H * W];
        try (StackSource s = StackSources.open(StackSpec.of(file.toString(), Hdf5StackWriter.DATA))) {
            s.read(0, T, 0, H, 0, W, all);
        }
        return all;
    }

    private static void writeStack(Path file, short[] samples) {
        short[][][] data = new short[T][H][W];
        for (int t = 0; t < T; t++) {
            for (int y = 0; y < H; y++) {
                System.arraycopy(samples, (t * H + y) * W, data[t][y], 0, W);
            }
        }
        try (io.jhdf.WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putGroup("entry")
                    .putGroup("data")
                    .putDataset(
                            "data",
                            data,
                            io.jhdf.api.DatasetCreationOptions.builder()
                                    .unsigned()
                                    .build());
        }
    }
}
