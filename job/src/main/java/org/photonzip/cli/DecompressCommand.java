package org.photonzip.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.restore.Region;
import org.photonzip.restore.RestoreTimes;
import org.photonzip.restore.Restorer;
import org.photonzip.spark.SparkSessions;
import org.photonzip.spark.campaign.Campaign;
import org.photonzip.spark.campaign.CampaignPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code photonzip decompress ARCHIVE... OUTPUT}: restores a stack, or part of it, to HDF5; one archive here,
 * without Spark; several as a campaign in one Spark application ({@link Campaign}).
 */
@Command(
        name = "decompress",
        mixinStandardHelpOptions = true,
        description = {
            "Restores an archive to an HDF5 file: the stack at its dataset path with its dtype and chunk "
                    + "shape, and the source's other datasets, groups and attributes. --frames and --roi restore a part, "
                    + "decoding only the tiles it touches; 1-D datasets of one value per frame (angles, image_key) keep "
                    + "the same frames, and flats, darks and other datasets of the frame's height x width the same rows "
                    + "and columns.",
            "ARCHIVE is an archive, a night directory or a glob of them (expanded on any file system: quote it). "
                    + "With several archives, or when OUTPUT ends in / or is an existing directory, OUTPUT is a "
                    + "directory that receives NAME.h5 per archive (scan_001.pz -> OUTPUT/scan_001.h5); several "
                    + "archives are restored in one Spark application, one task per archive, with a record per "
                    + "archive in OUTPUT/_restore/RUN.jsonl (docs/reprocessing.md)."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:restored (with several archives: every one, now or before with --skip-existing)",
            "1:an archive cannot be read or is invalid, or an output cannot be written (nothing written for it; "
                    + "the others were done)",
            "2:invalid options (nothing done)",
            "3:a tile failed its checks (nothing written for its archive)"
        })
public final class DecompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "2..*",
            paramLabel = "ARCHIVE... OUTPUT",
            description = "Archives, then the output file " + "(or directory).")
    List<String> paths;

    @Option(names = "--frames", paramLabel = "A:B", description = "Only frames [A, B).")
    String frames;

    @Option(names = "--roi", paramLabel = "Y0:Y1,X0:X1", description = "Only rows [Y0, Y1) and columns [X0, X1).")
    String roi;

    @Option(
            names = "--overwrite",
            description = "Replace OUTPUT if it exists; with several archives only outputs "
                    + "that photonzip restored (as its record in OUTPUT/_restore says), never another file.")
    boolean overwrite;

    @Option(
            names = "--skip-existing",
            description = "Keep each output that an earlier run restored from the same "
                    + "archive and region, unchanged since (its record in OUTPUT/_restore); restore the others.")
    boolean skipExisting;

    @Mixin
    SparkMasterOption sparkMaster; // several archives are restored by a Spark job

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Decoding threads for one archive (default: number "
                    + "of CPUs); several archives use the cores of each task (spark.task.cpus).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (skipExisting && overwrite) {
            throw new IllegalArgumentException("Invalid options: --skip-existing and --overwrite together");
        }
        CampaignPlan.Plan plan = CampaignPlan.plan(
                paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1), HadoopFiles.newConfiguration());
        if (!plan.many() && !skipExisting) {
            return restore(plan.items().get(0).archive(), plan.items().get(0).output());
        }
        if (plan.outputDirectory() == null) {
            throw new IllegalArgumentException("Invalid option --skip-existing: it restores into a directory "
                    + "(OUTPUT ending in /), checked against the record in OUTPUT/_restore");
        }
        return campaign(plan);
    }

    private int restore(String archive, String output) throws Exception {
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        Region region = Region.parse(frames, roi, reader.summary().shape());
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Restorer.Result r = Restorer.restore(reader, output, region, overwrite, n);
        PrintWriter out = spec.commandLine().getOut();
        int[] s = r.shape();
        out.printf(
                Locale.ROOT,
                "restored %s:%s (%d x %d x %d %s) from %d tiles in %.1f s (%.1f MB/s)%n",
                output,
                reader.summary().datasetPath(),
                s[0],
                s[1],
                s[2],
                reader.summary().dtype(),
                r.tiles(),
                r.seconds(),
                r.megabytesPerSecond());
        RestoreTimes.Seconds cpu = r.cpu();
        out.printf(
                Locale.ROOT,
                "CPU %.1f s over %d threads: decode %.1f s, filter %.1f s, write %.1f s%n",
                cpu.total(),
                n,
                cpu.decode(),
                cpu.filter(),
                cpu.write());
        if (!r.cut().isEmpty()) {
            out.println("beside the stack, cut to the region (" + r.cut().size() + "): " + String.join("; ", r.cut()));
        }
        if (!r.notRestored().isEmpty()) {
            out.println("not restored (" + r.notRestored().size() + "): " + String.join("; ", r.notRestored()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int campaign(CampaignPlan.Plan plan) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        plan.unmatched().forEach(p -> err.println("photonzip decompress: Cannot read " + p + ": nothing matches it"));
        SparkSession spark = SparkSessions.start("photonzip decompress", sparkMaster.master());
        try {
            Campaign.Outcome o = Campaign.run(
                    spark,
                    plan,
                    new Campaign.Options(
                            frames,
                            roi,
                            skipExisting,
                            overwrite,
                            Failures::message,
                            e -> ExitCodes.of(e) == ExitCodes.TILE_FAILED),
                    new PrintStream(System.err, true));
            o.records().stream()
                    .filter(r -> !r.done())
                    .forEach(r -> err.println("photonzip decompress: " + r.archive() + ": " + r.error()));
            out.printf(
                    Locale.ROOT,
                    "%d archives: %d restored, %d already restored (skipped), %d failed; record %s%n",
                    o.records().size(),
                    o.count("done"),
                    o.count("skipped"),
                    o.failed(),
                    o.log());
            out.flush();
            return plan.unmatched().isEmpty() || o.exitCode() != Campaign.ALL_DONE
                    ? o.exitCode()
                    : Campaign.SOME_FAILED;
        } finally {
            err.flush();
            spark.stop();
        }
    }
}
