package org.photonzip.spark.night;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.options.ModelChoice;
import org.photonzip.source.InputStack;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.JobFixtures;
import org.photonzip.spark.VerifyJob;

/** Runs nights in a test's Spark and checks that nothing was lost. */
final class NightFixtures {
    private NightFixtures() {}

    static NightRun.Outcome night(
            SparkSession spark,
            List<String> inputs,
            String archive,
            boolean skip,
            boolean delete,
            boolean overwrite,
            Consumer<CompressJob.Report> hook)
            throws IOException {
        return night(spark, inputs, archive, skip, delete, overwrite, hook, JobFixtures.quiet());
    }

    static NightRun.Outcome night(
            SparkSession spark,
            List<String> inputs,
            String archive,
            boolean skip,
            boolean delete,
            boolean overwrite,
            Consumer<CompressJob.Report> hook,
            java.io.PrintStream console)
            throws IOException {
        NightInputs.Plan plan =
                NightInputs.plan(inputs, archive, spark.sparkContext().hadoopConfiguration());
        NightOptions options = new NightOptions(
                skip,
                delete,
                scan -> new CompressJob.Request(
                        scan.input(),
                        null,
                        scan.archive(),
                        null,
                        ModelChoice.parse("auto"),
                        false,
                        overwrite,
                        0,
                        1L << 30),
                e -> String.valueOf(e.getMessage()),
                hook);
        return NightRun.run(spark, plan.scans(), plan.nightDirectory(), options, console);
    }

    static List<String> statuses(NightRun.Outcome night) {
        return night.records().stream().map(ScanRecord::status).toList();
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under {@code dir} but the night records: size, modification time and SHA-256. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith(NightLog.DIRECTORY + "/")) {
                    files.put(
                            rel,
                            Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + " " + sha256(p));
                }
            }
        }
        return files;
    }

    /**
     * Zero files lost: each reference file is either still at {@code raw} unchanged, or gone from there with an
     * archive in {@code night} that decodes to every one of its values.
     */
    static int assertNothingLost(SparkSession spark, Path reference, Path raw, Path night) throws IOException {
        int deleted = 0;
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        try (Stream<Path> s = Files.list(reference)) {
            for (Path ref : s.filter(Files::isRegularFile).toList()) {
                Path source = raw.resolve(ref.getFileName().toString());
                if (Files.exists(source)) {
                    assertEquals(-1, Files.mismatch(ref, source), source + " was changed");
                    continue;
                }
                deleted++;
                String archive =
                        night.resolve(NightInputs.archiveName(ref.toString())).toString();
                ArchiveReader reader = ArchiveReader.open(archive, conf);
                try (InputStack input = InputStack.open(ref.toString(), null, conf)) {
                    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                    VerifyJob.Result r = VerifyJob.run(
                            jsc, reader, jsc.broadcast(new SerializableConfiguration(conf)), input.descriptor());
                    assertTrue(
                            r.ok() && r.samples() == input.descriptor().samples(),
                            source + " was deleted but its archive does not hold every value: " + r.failures());
                }
            }
        }
        return deleted;
    }

    static Path copy(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(file, dir.resolve(file.getFileName()));
    }
}
