package org.photonzip.cli;

import org.apache.spark.sql.SparkSession;
import org.photonzip.job.ModelChoice;
import org.photonzip.job.SparkSessions;
import org.photonzip.job.TensorFlowCheck;
import org.photonzip.job.TileCompressor;
import org.photonzip.job.cluster.ScansInFlight;
import org.photonzip.job.compress.CompressJob;
import org.photonzip.job.fs.HadoopFiles;
import org.photonzip.plan.TileShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code photonzip compress INPUT... ARCHIVE}: the Spark job that archives scans. */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compresses projection stacks into archives with Spark (embedded local[*] under bin/photonzip, "
                + "the cluster's under spark-submit).",
                "INPUT is an HDF5/NeXus file, or a directory or glob of TIFF frames; INPUT and ARCHIVE are local paths "
                        + "or Hadoop URIs (file://, hdfs://, s3a://). With several INPUTs, ARCHIVE is a directory that "
                        + "receives one archive per input, named after it (scan_001.h5 -> ARCHIVE/scan_001.pz)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every archive committed", "1:an input could not be read or an archive not written",
                "2:invalid options or model not available", "3:--verify found a tile that does not restore"})
public final class CompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "INPUT... ARCHIVE", description = "Inputs, then the archive (or directory).")
    List<String> paths;

    @Option(names = "--dataset", paramLabel = "PATH", description = "HDF5 dataset holding the frames (default: found).")
    String dataset;

    @Option(names = "--tile", paramLabel = "FRAMESxHxW", description = "Largest tile (default: chosen by the tile "
            + "planner from measurements: up to 512 x 512 pixels and about 4 M samples, at least 64 frames).")
    String tile;

    @picocli.CommandLine.Mixin
    InferenceOption inference;

    @Option(names = "--model", paramLabel = "auto|classical|learned|FILE", defaultValue = "auto",
            description = "Probability model (default ${DEFAULT-VALUE}): auto or classical; learned = train a model on "
                    + "the scan first (about a minute) and store it in the archive; or a model FILE written by train. "
                    + "With a learned model each tile keeps whichever model codes it smaller.")
    String model;

    @Option(names = "--verify", description = "Decode every tile and check it against the pixels read before committing.")
    boolean verify;

    @Option(names = "--overwrite", description = "Replace an existing archive.")
    boolean overwrite;

    @Option(names = "--task-memory", paramLabel = "SIZE", description = "Most source samples one task holds (e.g. "
            + "256m; default: spark.photonzip.task.memory, else 30%% of an executor's heap per core).")
    String taskMemory;

    @Option(names = "--max-metadata", paramLabel = "SIZE", defaultValue = "1g", description = "Largest dataset other "
            + "than the stack that is captured in metadata.h5 (default ${DEFAULT-VALUE}); larger ones are reported.")
    String maxMetadata;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
    String master;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        ModelChoice choice = ModelChoice.parse(model).withInference(inference.name());
        TensorFlowCheck.require(choice); // before any work: exit 2, naming the missing jars
        List<CompressJob.Request> requests = requests(choice);
        SparkSession spark = SparkSessions.start("photonzip compress", master);
        List<Integer> codes;
        try {
            PrintStream console = new PrintStream(System.err, true);
            codes = ScansInFlight.run(spark.sparkContext(), requests, ScansInFlight.inFlight(spark.sparkContext()),
                    r -> compressOne(spark, r, console, out, err));
        } catch (Exception e) {
            err.println("photonzip compress: " + Failures.message(e));
            return ExitCodes.of(e);
        } finally {
            spark.stop();
        }
        // One input's failure does not stop the others; the worst outcome decides the exit code.
        int code = ExitCodes.OK;
        for (int c : codes) {
            code = c == ExitCodes.USAGE || code == ExitCodes.USAGE ? ExitCodes.USAGE : Math.max(code, c);
        }
        return code;
    }

    /** One scan (several run at once, in driver threads of their own): its exit code. */
    private static int compressOne(SparkSession spark, CompressJob.Request r, PrintStream console, PrintWriter out,
                                   PrintWriter err) {
        try {
            String table = ArchiveTable.compressed(CompressJob.run(spark, r, console));
            synchronized (out) {
                out.print(table);
                out.flush();
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            synchronized (err) {
                err.println("photonzip compress: " + r.input() + ": " + Failures.message(e));
                err.flush();
            }
            return ExitCodes.of(e);
        }
    }

    private List<CompressJob.Request> requests(ModelChoice choice) {
        TileShape shape = tile == null ? null : TileShape.parse(tile);
        long taskBytes = taskMemory == null ? 0 : Sizes.parse("--task-memory", taskMemory);
        long maxMeta = Sizes.parse("--max-metadata", maxMetadata);
        List<String> inputs = paths.subList(0, paths.size() - 1);
        String archive = paths.get(paths.size() - 1);
        List<CompressJob.Request> list = new ArrayList<>();
        if (inputs.size() == 1) {
            list.add(new CompressJob.Request(inputs.get(0), dataset, archive, shape, choice, verify, overwrite,
                    taskBytes, maxMeta));
            return list;
        }
        Set<String> names = new HashSet<>();
        for (String input : inputs) {
            String name = archiveName(input);
            if (!names.add(name)) {
                throw new IllegalArgumentException("Invalid inputs: two of them would both be archived as " + archive
                        + "/" + name);
            }
            String dir = archive.endsWith("/") ? archive : archive + "/";
            list.add(new CompressJob.Request(input, dataset, dir + name, shape, choice, verify, overwrite,
                    taskBytes, maxMeta));
        }
        return list;
    }

    /** {@code /data/scan_001.h5} -> {@code scan_001.pz}; a TIFF directory {@code tiffs/} -> {@code tiffs.pz}. */
    static String archiveName(String input) {
        String name = HadoopFiles.path(input.replaceAll("/+$", "")).getName();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base.replaceAll("[*?\\[\\]{}]", "_") + ".pz";
    }
}
