package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.LocalSpark;

/**
 * A driver killed (SIGKILL) while it writes: the next run finds its staging directory, reports it and removes it.
 * The killed process is a small JVM that begins the archive as the job does and writes a pack ({@link Writer}):
 * a whole Spark driver behaves the same on disk but takes a minute to start on a loaded 2-core machine.
 */
@Tag("slow")
class KilledDriverTest {
    @RegisterExtension
    static final LocalSpark SPARK = new LocalSpark();

    /** Begins the archive {@code args[0]}, writes one pack, says so, and waits to be killed. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            org.photonzip.archive.ArchiveCommitter c = org.photonzip.archive.ArchiveCommitter.begin(
                    org.photonzip.fs.HadoopFiles.path(args[0]), new org.apache.hadoop.conf.Configuration(), false);
            try (var out = c.fileSystem()
                    .create(org.photonzip.archive.ArchiveLayout.pack(c.root(), "part-00000-0-0-0badc0de.pz"), false)) {
                out.write(new byte[1 << 16]);
            }
            System.out.println("ready " + c.root());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void theNextRunRemovesTheStagingAKilledDriverLeft(@TempDir Path dir) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        Path input = JobFixtures.writeStack(raw.resolve("scan.h5"), 32, 128, 128, "uint16", new int[] {4, 128, 128}, 7);
        Path night = dir.resolve("night");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                Writer.class.getName(),
                night.resolve("scan.pz").toString()));
        Process driver = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile())
                .start();
        long t0 = System.nanoTime();
        Path staging = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline
                    && driver.isAlive()
                    && !Files.readString(dir.resolve("driver.log")).contains("ready")) {
                Thread.sleep(20);
            }
            staging = stagingIn(night);
        } finally {
            driver.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            driver.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(
                staging != null && Files.exists(staging),
                "the driver left no staging directory to find:\n" + Files.readString(dir.resolve("driver.log")));
        assertTrue(!Files.exists(night.resolve("scan.pz")), "killed before its commit");

        System.out.printf("killed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        SparkSession spark = SPARK.session();
        try {
            NightRun.Outcome o =
                    NightFixtures.night(spark, List.of(input.toString()), night + "/", false, false, false, r -> {});
            ScanRecord r = o.records().get(0);
            assertEquals("done", r.status(), String.valueOf(r.error()));
            String notes = String.join("\n", r.notes());
            assertTrue(
                    notes.contains("removed staging directory ")
                            && notes.contains(staging.getFileName().toString())
                            && notes.contains("pid " + driver.pid()),
                    notes);
            try (Stream<Path> s = Files.list(night)) {
                assertEquals(
                        List.of("_night", "scan.pz"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            Path ref = Files.createDirectories(dir.resolve("ref"));
            Files.copy(input, ref.resolve("scan.h5"));
            assertEquals(0, NightFixtures.assertNothingLost(spark, ref, raw, night));
        } finally {
            SPARK.stop();
        }
    }

    private static Path stagingIn(Path night) throws java.io.IOException {
        if (!Files.isDirectory(night)) {
            return null;
        }
        try (Stream<Path> s = Files.list(night)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".scan.pz.staging-"))
                    .findFirst()
                    .orElse(null);
        }
    }
}
