package org.photonzip.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.SerializableConfiguration;
import org.photonzip.source.InputStack;
import org.photonzip.source.StackDescriptor;
import org.photonzip.spark.SparkSessions;
import org.photonzip.spark.VerifyJob;
import org.photonzip.spark.night.ArchiveList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip verify ARCHIVE... [--against INPUT]}: decodes every tile in parallel and checks it. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a whole archive (Spark, one task per pack): the commit record, summary and manifest "
                    + "(as every command does), every pack's SHA-256, and every tile: its CRC32C, its stream and identity, "
                    + "and the SHA-256 of its samples, and that each stream's mode (lossless or its bound) is the "
                    + "summary's; with --against, also every value against the source; with --digest, the archive "
                    + "against the digest a catalogue holds. Writes nothing."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every tile of every archive verified",
            "1:an archive is not readable or not valid, or its digest is not --digest's (or the source cannot "
                    + "be read)",
            "2:invalid options",
            "3:a tile failed its checks (in any of the archives)"
        })
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "ARCHIVE",
            description = "Archives, or night directories of archives; " + "all are verified in one Spark application.")
    List<String> archives;

    @Option(names = "--against", paramLabel = "INPUT", description = "The source to compare every value with.")
    String against;

    @Option(
            names = "--digest",
            paramLabel = "SHA256",
            description = "The archive's digest as the catalogue holds "
                    + "it (the SHA-256 of its _SUCCESS that compress printed and the night's RUN.jsonl recorded, with or "
                    + "without sha256:): an archive whose digest differs is refused (exit 1) however consistent it is.")
    String digest;

    @Mixin
    SparkMasterOption sparkMaster;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (digest != null) {
            org.photonzip.archive.ArchiveDigest.parse(digest); // a malformed digest is refused before any work
        }
        SparkSession spark = SparkSessions.start("photonzip verify", sparkMaster.master());
        try {
            List<String> list = ArchiveList.of(archives, spark.sparkContext().hadoopConfiguration());
            if (against != null && list.size() != 1) {
                throw new IllegalArgumentException(
                        "Invalid --against: it names the source of one archive, " + "not of " + list.size());
            }
            if (digest != null && list.size() != 1) {
                throw new IllegalArgumentException(
                        "Invalid --digest: it is the digest of one archive, not of " + list.size());
            }
            if (list.size() == 1) {
                return verify(spark, list.get(0), out, err);
            }
            BatchTable table = new BatchTable("archive", "result", "seconds");
            int worst = 0;
            for (String archive : list) {
                long start = System.nanoTime();
                StringWriter said = new StringWriter();
                PrintWriter to = new PrintWriter(said, true);
                int code = verify(spark, archive, to, to);
                worst = code == 3 || worst == 3 ? 3 : Math.max(worst, code);
                table.row(
                        archive,
                        code == 0
                                ? "verified"
                                : (code == 3 ? "FAILED: " : "unreadable: ")
                                        + said.toString()
                                                .strip()
                                                .lines()
                                                .findFirst()
                                                .orElse("")
                                                .replace("photonzip verify: ", ""),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
                (code == 0 ? out : err).print(said);
            }
            out.print(table);
            out.printf(Locale.ROOT, "%d archives: %d verified, exit %d%n", list.size(), table.count("verified"), worst);
            return worst;
        } finally {
            spark.stop();
        }
    }

    /** Verifies one archive; prints its result line to {@code out} or its failure to {@code err}. */
    private int verify(SparkSession spark, String archive, PrintWriter out, PrintWriter err) {
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ArchiveReader reader =
                    ArchiveReader.open(archive, spark.sparkContext().hadoopConfiguration());
            if (digest != null) {
                reader.checkDigest(digest);
            }
            try (InputStack input = against == null
                    ? null
                    : InputStack.open(
                            against,
                            isHdf5Source(reader) ? reader.summary().datasetPath() : null,
                            spark.sparkContext().hadoopConfiguration())) {
                StackDescriptor source = input == null ? null : input.descriptor();
                int[] shape = reader.summary().shape();
                if (source != null
                        && !Arrays.equals(shape, new int[] {source.frames(), source.height(), source.width()})) {
                    err.println("photonzip verify: " + against + " is " + source.shapeString() + ", the archive "
                            + shape[0] + " x " + shape[1] + " x " + shape[2]);
                    return ExitCodes.TILE_FAILED;
                }
                VerifyJob.Result r = VerifyJob.run(
                        jsc,
                        reader,
                        jsc.broadcast(new SerializableConfiguration(
                                spark.sparkContext().hadoopConfiguration())),
                        source);
                if (!r.ok()) {
                    err.println("photonzip verify: " + archive + ": " + r.failed() + " of " + r.tiles()
                            + " tiles or packs FAILED:");
                    r.failures().forEach(f -> err.println("  " + f));
                    return ExitCodes.TILE_FAILED;
                }
                org.photonzip.archive.BoundRecord bound = reader.summary().bound();
                String what = source == null
                        ? ", every tile its manifest row"
                                + (bound == null
                                        ? ""
                                        : "; ERROR-BOUNDED archive ("
                                                + bound.bound().describe() + "): give --against SOURCE to "
                                                + "check every value within its bound")
                        : bound == null
                                ? ", every value matches " + against
                                : "; ERROR-BOUNDED archive: every value within its bound ("
                                        + bound.bound().describe() + ") of " + against + ", largest error "
                                        + r.maxError() + " counts";
                out.printf(
                        Locale.ROOT,
                        "%s: all %d tiles verified (%d samples; every file's SHA-256 matches the "
                                + "commit record%s%s) in %.1f s, %.1f MB/s%n",
                        archive,
                        r.tiles(),
                        r.samples(),
                        digest == null ? "" : ", whose digest is the expected sha256:" + reader.digest(),
                        what,
                        r.seconds(),
                        r.samples() * 2 / 1e6 / r.seconds());
                return ExitCodes.OK;
            }
        } catch (Exception e) {
            err.println("photonzip verify: " + archive + ": " + Failures.message(e));
            return ExitCodes.of(e);
        }
    }

    private static boolean isHdf5Source(ArchiveReader reader) {
        return reader.summary().source().isHdf5();
    }
}
