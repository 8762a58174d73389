package org.photonzip.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.photonzip.job.SparkSessions;
import org.photonzip.job.archive.ArchiveReader;
import org.photonzip.job.archive.Coverage;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code photonzip verify ARCHIVE [--against INPUT]}: decodes every tile in parallel and checks it. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Decodes every tile of an archive in parallel (Spark) and checks each stream's CRC32C and the "
                + "SHA-256 of its samples against the manifest; with --against, also compares every value with the "
                + "source. Writes nothing."},
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
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SparkSession spark = SparkSessions.start("photonzip verify", master);
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ArchiveReader reader = ArchiveReader.open(archive, spark.sparkContext().hadoopConfiguration());
            List<String> coverage = Coverage.problems(reader.rows(), reader.summary().shape());
            if (!coverage.isEmpty()) {
                err.println("photonzip verify: " + archive + ": the tiles do not cover the stack exactly once: "
                        + coverage.get(0));
                return 3;
            }
            StackDescriptor source = null;
            InputStack input = null;
            if (against != null) {
                String dataset = isHdf5Source(reader) ? reader.summary().datasetPath() : null;
                input = InputStack.open(against, dataset, spark.sparkContext().hadoopConfiguration());
                source = input.descriptor();
                int[] shape = reader.summary().shape();
                int[] have = {source.frames(), source.height(), source.width()};
                if (!Arrays.equals(shape, have)) {
                    err.println("photonzip verify: " + against + " is " + source.shapeString() + ", the archive "
                            + shape[0] + " x " + shape[1] + " x " + shape[2]);
                    return 3;
                }
            }
            try {
                VerifyJob.Result r = VerifyJob.run(jsc, reader.root().toString(), reader.rows(),
                        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())), source,
                        reader.compressor());
                if (!r.ok()) {
                    err.println("photonzip verify: " + archive + ": " + r.failed() + " of " + r.tiles() + " tiles FAILED:");
                    r.failures().forEach(f -> err.println("  " + f));
                    return 3;
                }
                org.photonzip.job.archive.BoundRecord bound = org.photonzip.job.archive.BoundRecord.read(reader.summary());
                String what = source == null ? "; hashes match the manifest" + (bound == null ? ""
                        : "; ERROR-BOUNDED archive (" + bound.bound().describe() + "): give --against SOURCE to "
                        + "check every value within its bound")
                        : bound == null ? "; every value matches " + against
                        : "; ERROR-BOUNDED archive: every value within its bound (" + bound.bound().describe()
                        + ") of " + against + ", largest error " + r.maxError() + " counts";
                out.printf(Locale.ROOT, "%s: all %d tiles verified (%d samples%s) in %.1f s, %.1f MB/s%n", archive,
                        r.tiles(), r.samples(), what, r.seconds(), r.samples() * 2 / 1e6 / r.seconds());
                return 0;
            } finally {
                if (input != null) {
                    input.close();
                }
            }
        } catch (Exception e) {
            err.println("photonzip verify: " + Failures.message(e));
            return 1;
        } finally {
            spark.stop();
        }
    }

    private static boolean isHdf5Source(ArchiveReader reader) {
        return "hdf5".equals(reader.summary().json().path("source").path("kind").asText());
    }
}
