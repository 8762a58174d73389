package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.archive.StagingOwner;
import org.photonzip.restore.Region;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.RestoredFiles;

/**
 * A campaign whose driver (a real {@code photonzip decompress} JVM) is killed with SIGKILL while its second archive's
 * hidden file waits to be renamed: no partial output under a final name, and the same command with
 * {@code --skip-existing} completes the campaign, removes the dead run's hidden file and touches nothing else (a
 * user's file, a photonzip-named file with no owner, a live run's hidden file).
 */
@Tag("slow")
class KilledCampaignTest extends CommandTest {
    private static final String STACK = "/entry/data/data";
    private static final String[] SCANS = {"scan_a", "scan_b", "scan_c"};
    /** ArchiveRestore.HOLD_BEFORE_RENAME: the task of this archive (1-based) waits after writing its hidden file. */
    private static final String HOLD = "spark.photonzip.test.holdRestore";

    @Test
    void aKilledCampaignIsCompletedBySkipExistingAndItsHiddenFileRemoved(@TempDir Path dir) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        for (int i = 0; i < SCANS.length; i++) {
            JobFixtures.writeStack(raw.resolve(SCANS[i] + ".h5"), 8 + 2 * i, 32, 40, "uint16", null, 11 + i);
        }
        Path night = dir.resolve("night");
        assertEquals(
                0,
                run("compress", raw.resolve("scan_*.h5").toString(), night + "/", "--master", "local[2]"),
                err.toString());
        Path out = Files.createDirectories(dir.resolve("out"));
        Map<Path, byte[]> others = othersFiles(out);
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path p : others.keySet()) {
            times.put(p, Files.getLastModifiedTime(p));
        }

        Process driver = startCampaign(dir, night, out);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline
                    && driver.isAlive()
                    && !Files.readString(dir.resolve("driver.log")).contains("holding archive 2")) {
                Thread.sleep(50);
            }
        } finally {
            driver.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(dir.resolve("driver.log"));
        assertTrue(log.contains("holding archive 2"), "the campaign did not reach archive 2:\n" + log);
        List<String> left = hidden(out, ".scan_b.h5.photonzip-");
        assertEquals(1, left.size(), "the killed run's hidden file of scan_b: " + names(out));
        assertFalse(Files.exists(out.resolve("scan_b.h5")), "no partial output under a final name");
        assertFalse(Files.exists(out.resolve("scan_c.h5")));
        assertRestored(raw, out, "scan_a"); // done before the kill, whole

        assertEquals(
                0,
                run("decompress", night.toString(), out + "/", "--skip-existing", "--master", "local[2]"),
                err.toString());
        for (String scan : SCANS) {
            assertRestored(raw, out, scan);
        }
        assertEquals(List.of(), hidden(out, ".scan_b.h5.photonzip-"), "the dead run's hidden file is removed");
        for (Map.Entry<Path, byte[]> e : others.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey() + " is not photonzip's");
            assertEquals(times.get(e.getKey()), Files.getLastModifiedTime(e.getKey()));
        }
        List<String> expected = new ArrayList<>(List.of(
                ".scan_x.h5.photonzip-local-1-1",
                ".scan_y.h5.photonzip-local-live-7",
                "_restore",
                "notes.txt",
                "scan_a.h5",
                "scan_b.h5",
                "scan_c.h5"));
        assertEquals(expected, names(out));
        try (Stream<Path> s = Files.list(out.resolve("_restore"))) {
            assertEquals(
                    List.of("local-live.owner"),
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".owner"))
                            .toList(),
                    "only the live run's owner record remains");
        }
    }

    /**
     * Files in OUTPUT that photonzip must leave alone: a user's, a photonzip-named hidden file with no owner record
     * (changed just now, so within the grace), and the hidden file of a run whose owner (this JVM) is alive.
     */
    private static Map<Path, byte[]> othersFiles(Path out) throws Exception {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        files.put(out.resolve("notes.txt"), "a user's notes".getBytes());
        files.put(out.resolve(".scan_x.h5.photonzip-local-1-1"), new byte[] {1, 2, 3});
        files.put(out.resolve(".scan_y.h5.photonzip-local-live-7"), new byte[] {4, 5, 6});
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            Files.write(e.getKey(), e.getValue());
        }
        Path owner = Files.createDirectories(out.resolve("_restore/local-live.owner"));
        FileSystem fs =
                FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()).getRaw();
        StagingOwner.current().write(fs, new org.apache.hadoop.fs.Path(owner.toUri()));
        return files;
    }

    private static Process startCampaign(Path dir, Path night, Path out) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.addAll(List.of(
                "-D" + HOLD + "=2",
                "-cp",
                System.getProperty("java.class.path"),
                Photonzip.class.getName(),
                "decompress",
                night.toString(),
                out + "/",
                "--master",
                "local[1]"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile())
                .start();
    }

    private static void assertRestored(Path raw, Path out, String scan) throws Exception {
        int frames = 8 + 2 * List.of(SCANS).indexOf(scan);
        RestoredFiles.assertStackEquals(
                raw.resolve(scan + ".h5").toString(), out.resolve(scan + ".h5"), STACK, Region.whole(new int[] {
                    frames, 32, 40
                }));
    }

    private static List<String> hidden(Path out, String prefix) throws Exception {
        return names(out).stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
