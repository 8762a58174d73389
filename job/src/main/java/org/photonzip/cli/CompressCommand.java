package org.photonzip.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.options.BoundRequest;
import org.photonzip.options.ModelChoice;
import org.photonzip.options.TensorFlowCheck;
import org.photonzip.plan.TileShape;
import org.photonzip.source.TiffReferences;
import org.photonzip.spark.CompressJob;
import org.photonzip.spark.SparkSessions;
import org.photonzip.spark.night.NightInputs;
import org.photonzip.spark.night.NightOptions;
import org.photonzip.spark.night.NightRun;
import org.photonzip.spark.night.NightTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip compress INPUT... ARCHIVE}: the Spark job that archives scans. */
@Command(
        name = "compress",
        mixinStandardHelpOptions = true,
        description = {
            "Compresses projection stacks into archives with Spark (embedded local[*] under bin/photonzip, "
                    + "the cluster's under spark-submit).",
            "INPUT is an HDF5/NeXus file, a directory or glob of them (one scan each), or a directory or glob of "
                    + "TIFF frames (one series); globs are expanded on any file system (quote them). INPUT and "
                    + "ARCHIVE are local paths or Hadoop URIs (file://, hdfs://, s3a://). With several scans, or when "
                    + "ARCHIVE ends in / or is an existing directory that is not an archive, ARCHIVE is the night "
                    + "directory: one archive per scan, named after it (scan_001.h5 -> ARCHIVE/scan_001.pz), and a "
                    + "record per scan in ARCHIVE/_night/RUN.jsonl."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every scan archived now or before (--skip-existing), sources deleted where asked",
            "1:a scan could not be read or its archive not written (the others were done)",
            "2:invalid options or model not available (nothing was done)",
            "3:a tile did not restore (--verify, or against the source before deleting it)",
            "4:every scan archived, but a source --delete-source-after-verify was to delete was kept"
        })
public final class CompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "2..*",
            paramLabel = "INPUT... ARCHIVE",
            description = "Inputs, then the archive (or directory).")
    List<String> paths;

    @Option(names = "--dataset", paramLabel = "PATH", description = "HDF5 dataset holding the frames (default: found).")
    String dataset;

    @Option(
            names = "--flats",
            paramLabel = "GLOB",
            description = "TIFF series: the flat-field TIFF(s) (uint16 or "
                    + "float32, the frames' size), archived losslessly and restored as data_white.")
    String flats;

    @Option(
            names = "--darks",
            paramLabel = "GLOB",
            description = "TIFF series: the dark-field TIFF(s), archived " + "losslessly and restored as data_dark.")
    String darks;

    @Option(
            names = "--angles",
            paramLabel = "FILE",
            description = "TIFF series: a text file of rotation angles in "
                    + "degrees, one a line, restored as rotation_angle.")
    String angles;

    @Mixin
    TileOption tile;

    @picocli.CommandLine.Mixin
    InferenceOption inference;

    @Option(
            names = "--model",
            paramLabel = "auto|classical|learned|FILE",
            defaultValue = "auto",
            description = "Probability model (default ${DEFAULT-VALUE}): auto or classical; learned = train a model on "
                    + "the scan first (about a minute) and store it in the archive; or a model FILE written by train. "
                    + "With a learned model each tile keeps whichever model codes it smaller.")
    String model;

    @Option(
            names = "--learned-min-saving",
            paramLabel = "PCT",
            description = "With a learned model: a tile keeps it "
                    + "only where its stream is at least PCT %% smaller than the classical model's (a learned tile decodes "
                    + "about 4x slower; 3 is a good choice, README). Default 0: wherever it is smaller.")
    Integer learnedMinSaving;

    @Option(
            names = "--verify",
            description = "Decode every tile and check it against the pixels read before committing.")
    boolean verify;

    @Option(
            names = "--error-bound",
            paramLabel = "N",
            description = "Error-bounded (LOSSY) archive: every restored "
                    + "value within N counts of the source (0..65535). Default: lossless.")
    String errorBound;

    @Option(
            names = "--noise-bound",
            paramLabel = "K",
            description = "Error-bounded (LOSSY) archive: each pixel within "
                    + "⌊K·σ⌋ counts, σ the photon noise at its predicted intensity, from a noise model fitted to the scan "
                    + "(flats and darks, else the projections); 0 < K < 16. Default: lossless.")
    String noiseBound;

    @Option(names = "--overwrite", description = "Replace an existing archive.")
    boolean overwrite;

    @Option(
            names = "--task-memory",
            paramLabel = "SIZE",
            description = "Most source samples one task holds (e.g. "
                    + "256m; default: spark.photonzip.task.memory, else 30%% of an executor's heap per core).")
    String taskMemory;

    @Option(
            names = "--max-metadata",
            paramLabel = "SIZE",
            defaultValue = "1g",
            description =
                    "Largest dataset other "
                            + "than the stack that is captured in metadata.h5 (default ${DEFAULT-VALUE}); larger ones are reported.")
    String maxMetadata;

    @Mixin
    SparkMasterOption sparkMaster;

    @Option(
            names = "--skip-existing",
            description = "Keep archives already committed and count them as done: a "
                    + "re-run of a night archives only what is missing and rewrites nothing.")
    boolean skipExisting;

    @Option(
            names = "--delete-source-after-verify",
            description = "Delete each scan's source file(s) once its archive "
                    + "is committed and, in this run, decoded to every value of the source re-read (implies --verify); any "
                    + "doubt keeps the source (docs/nightly.md).")
    boolean deleteSource;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        // Invalid options are IllegalArgumentExceptions: ExitCodes prints them and exits 2 before any work.
        ModelChoice parsed = ModelChoice.parse(model).withInference(inference.name());
        if (learnedMinSaving != null
                && (parsed.kind() == ModelChoice.Kind.AUTO || parsed.kind() == ModelChoice.Kind.CLASSICAL)) {
            throw new IllegalArgumentException("Invalid options: --learned-min-saving needs --model learned or a "
                    + "model FILE (--model " + parsed + " codes every tile classically)");
        }
        ModelChoice choice = learnedMinSaving == null ? parsed : parsed.withMinLearnedSaving(learnedMinSaving);
        TensorFlowCheck.require(choice); // before any work: exit 2, naming the missing jars
        if (skipExisting && overwrite) {
            throw new IllegalArgumentException("Invalid options: --skip-existing and --overwrite exclude each other");
        }
        shape = tile.shape();
        taskBytes = taskMemory == null ? 0 : Sizes.parse("--task-memory", taskMemory);
        maxMeta = Sizes.parse("--max-metadata", maxMetadata);
        bound = BoundRequest.parse(errorBound, noiseBound);
        bound.checkHonouredBy(choice);
        if (!bound.lossless() && deleteSource) {
            throw new IllegalArgumentException("Invalid options: " + bound + " with --delete-source-after-verify "
                    + "would delete the only exact copy of the data (an error-bounded archive restores values "
                    + "within the bound, not the values themselves)");
        }
        // Inputs and outputs are planned before Spark starts: a path that is wrong costs no start-up.
        NightInputs.Plan plan = NightInputs.plan(
                paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), HadoopFiles.newConfiguration());
        for (String note : plan.notes()) {
            err.println("photonzip compress: " + note);
        }
        for (String pattern : plan.unmatched()) {
            err.println("photonzip compress: "
                    + (skipExisting
                            ? "nothing matches " + pattern
                            : "Cannot read " + pattern + ": nothing matches it (no HDF5/NeXus file or TIFF frame)"));
        }
        if (plan.scans().isEmpty()) {
            err.flush();
            return skipExisting ? NightRun.ALL_DONE : NightRun.SOME_FAILED;
        }
        TiffReferences refs = references(plan);
        SparkSession spark = SparkSessions.start("photonzip compress", sparkMaster.master());
        try {
            NightOptions options = new NightOptions(
                    skipExisting,
                    deleteSource,
                    scan -> new CompressJob.Request(
                                    scan.input(),
                                    dataset,
                                    scan.archive(),
                                    shape,
                                    choice,
                                    verify,
                                    overwrite,
                                    taskBytes,
                                    maxMeta,
                                    bound)
                            .withReferences(refs),
                    Failures::message,
                    report -> {
                        String table = ArchiveTable.compressed(report);
                        synchronized (out) { // several scans in flight
                            out.print(table);
                            out.flush();
                        }
                    });
            NightRun.Outcome night = NightRun.run(
                    spark, plan.scans(), plan.nightDirectory(), options, new PrintStream(System.err, true));
            for (var r : night.records()) {
                if (r.error() != null) {
                    err.println("photonzip compress: " + r.source() + ": " + r.error());
                }
            }
            if (plan.nightDirectory() != null || night.failed() > 0) {
                out.print(NightTable.of(night));
            }
            out.flush();
            return !skipExisting && !plan.unmatched().isEmpty() && night.exitCode() == 0
                    ? NightRun.SOME_FAILED
                    : night.exitCode();
        } finally {
            err.flush();
            spark.stop();
        }
    }

    /**
     * The files --flats, --darks and --angles name, for the one TIFF series given: fields shared by several
     * series would be deleted with the first by --delete-source-after-verify, so each series names its own.
     */
    private TiffReferences references(NightInputs.Plan plan) throws java.io.IOException {
        if (flats == null && darks == null && angles == null) {
            return TiffReferences.NONE;
        }
        if (plan.scans().size() != 1 || plan.nightDirectory() != null) {
            throw new IllegalArgumentException("Invalid options: --flats, --darks and --angles belong to one TIFF "
                    + "series; " + plan.scans().size() + " inputs were given");
        }
        return TiffReferences.resolve(flats, darks, angles, HadoopFiles.newConfiguration());
    }

    private TileShape shape;
    private long taskBytes;
    private long maxMeta;
    private BoundRequest bound;
}
