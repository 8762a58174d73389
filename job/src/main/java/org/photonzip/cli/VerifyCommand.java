package org.photonzip.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.job.SparkSessions;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.fs.SerializableConfiguration;
import org.photonzip.job.source.InputStack;
import org.photonzip.job.source.StackDescriptor;
import org.photonzip.job.verify.VerifyJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code photonzip verify ARCHIVE [--against INPUT]}: decodes every tile in parallel and checks it. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a whole archive (Spark, one task per pack): the commit record, summary and manifest "
                + "(as every command does), every pack's SHA-256, and every tile: its CRC32C, its stream and identity, "
                + "and the SHA-256 of its samples; with --against, also every value against the source. Writes nothing."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every tile verified", "1:not a readable archive (or the source cannot be read)",
                "3:a tile failed its checks"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE")
    String archive;

    @Option(names = "--against", paramLabel = "INPUT", description = "The source to compare every value with.")
    String against;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SparkSession spark = SparkSessions.start("photonzip verify", master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ArchiveReader reader = ArchiveReader.open(archive, spark.sparkContext().hadoopConfiguration());
            try (InputStack input = against == null ? null : InputStack.open(against,
                    isHdf5Source(reader) ? reader.summary().datasetPath() : null,
                    spark.sparkContext().hadoopConfiguration())) {
                StackDescriptor source = input == null ? null : input.descriptor();
                int[] shape = reader.summary().shape();
                if (source != null && !Arrays.equals(shape, new int[]{source.frames(), source.height(), source.width()})) {
                    err.println("photonzip verify: " + against + " is " + source.shapeString() + ", the archive "
                            + shape[0] + " x " + shape[1] + " x " + shape[2]);
                    return ExitCodes.TILE_FAILED;
                }
                VerifyJob.Result r = VerifyJob.run(jsc, reader,
                        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())), source);
                if (!r.ok()) {
                    err.println("photonzip verify: " + archive + ": " + r.failed() + " of " + r.tiles()
                            + " tiles or packs FAILED:");
                    r.failures().forEach(f -> err.println("  " + f));
                    return ExitCodes.TILE_FAILED;
                }
                out.printf(Locale.ROOT, "%s: all %d tiles verified (%d samples; every file's SHA-256 matches the "
                                + "commit record%s) in %.1f s, %.1f MB/s%n", archive, r.tiles(), r.samples(),
                        source == null ? ", every tile its manifest row" : ", every value matches " + against,
                        r.seconds(), r.samples() * 2 / 1e6 / r.seconds());
                return ExitCodes.OK;
            }
        } finally {
            spark.stop();
        }
    }

    private static boolean isHdf5Source(ArchiveReader reader) {
        return "hdf5".equals(reader.summary().json().path("source").path("kind").asText());
    }
}
