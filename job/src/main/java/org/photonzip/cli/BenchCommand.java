package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.photonzip.codec.learned.InvalidModelException;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.plan.TileShape;
import org.photonzip.source.ScanNoise;
import org.photonzip.source.StackSource;
import org.photonzip.source.StackSources;
import org.photonzip.source.StackSpec;
import org.photonzip.tools.bench.Benchmark;
import org.photonzip.tools.bench.Codecs;
import org.photonzip.tools.bench.ReportTable;
import org.photonzip.tools.bench.RoundTripException;
import org.photonzip.tools.bench.StackReport;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.NoiseFloor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip bench}: compression ratio and single-thread speed of photonzip and baseline codecs. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Compresses each stack tile by tile with each codec (one thread), checks every round trip "
                    + "is bit-exact, and prints bits/pixel, ratio and encode/decode MB/s (MB = 10^6 bytes of uint16).",
            "SPEC is PATH[:DATASET][@A:B]: an HDF5/NeXus file (dataset found when not given) or a directory "
                    + "or glob of TIFFs, optionally frames [A, B)."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:all stacks benchmarked",
            "1:a stack could not be read",
            "2:invalid options",
            "3:a codec failed its round trip"
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Stacks to benchmark.")
    List<String> stacks;

    @Mixin
    TileOption tile;

    @Option(
            names = "--codecs",
            split = ",",
            paramLabel = "NAME",
            defaultValue = Codecs.DEFAULT_LIST,
            description = "Codecs to run (default ${DEFAULT-VALUE}); also zstd-N, xz-N, deflate-N.")
    List<String> codecs;

    @Option(
            names = "--max-frames",
            paramLabel = "N",
            defaultValue = "0",
            description = "Use only the first N frames of each stack (0: all).")
    int maxFrames;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "Model file for the learned codecs (photonzip-learned, photonzip-learned-tf).")
    Path model;

    @Option(
            names = "--train-seconds",
            paramLabel = "S",
            defaultValue = "0",
            description = "Instead of --model, train a model on each stack first, within S seconds (reported).")
    double trainSeconds;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "Append rows (stack, codec, bpp, ratio, encode_mbps, decode_mbps, max_error, rmse, "
                    + "rmse_over_sigma, psnr_db) to FILE.")
    Path csv;

    @Option(
            names = "--error-bounds",
            split = ",",
            paramLabel = "N",
            description = "Also run photonzip within each absolute error bound N (counts, 0..65535): rows "
                    + "photonzip-eN with max error, RMSE, RMSE/σ and PSNR (peak 65535).")
    List<Integer> errorBounds = List.of();

    @Option(
            names = "--noise-bounds",
            split = ",",
            paramLabel = "K",
            description = "Also run photonzip within K·σ of each stack's noise model (0 < K < 16): rows "
                    + "photonzip-kK. The model is the one compress fits for --noise-bound: from the whole "
                    + "dataset's flat and dark frames (image_key), else datasets named flats/darks or "
                    + "data_white/data_dark beside it, else its projections; --flats/--darks, when given, first.")
    List<Double> noiseBounds = List.of();

    @Option(names = "--flats", paramLabel = "SPEC", description = "Flat fields for the noise model.")
    String flats;

    @Option(names = "--darks", paramLabel = "SPEC", description = "Dark fields for the noise model.")
    String darks;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Benchmark bench;
        TileShape shape;
        LearnedModels models;
        try {
            if (maxFrames < 0) {
                throw new IllegalArgumentException("Invalid --max-frames " + maxFrames + ": must be >= 0");
            }
            shape = tile.shape();
            if ((flats == null) != (darks == null)) {
                throw new IllegalArgumentException("Invalid noise model source: --flats and --darks go together");
            }
            models = LearnedModels.of(codecs, model, trainSeconds);
            bench = models.trainsPerStack() ? null : bounded(Benchmark.of(shape, codecs, models.fixed()));
        } catch (IllegalArgumentException | InvalidModelException | IOException e) {
            // All of these are the options' fault, the model file named included: exit 2 through ExitCodes.
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    (e instanceof IOException ? "Cannot read model " + model + ": " : "") + e.getMessage(),
                    e);
        }
        int unreadable = 0;
        for (String stack : stacks) {
            try (StackSource source = StackSources.open(stack)) {
                Benchmark run = bench != null
                        ? bench
                        : bounded(Benchmark.of(shape, codecs, models.trainOn(source, stack, maxFrames, out)));
                ScanNoise noise = null;
                if (!errorBounds.isEmpty() || !noiseBounds.isEmpty()) {
                    noise = noise(stack);
                    out.println("noise  "
                            + (noise.model() == null ? "" : noise.model().describe() + ", from ") + noise.origin());
                }
                // Progress on stderr: a stack takes minutes per codec and the table comes only at its end.
                StackReport report = run.run(
                        source,
                        maxFrames,
                        noise == null ? null : noise.model(),
                        line -> {
                            err.println("bench: " + line);
                            err.flush();
                        },
                        PROGRESS_EVERY_NANOS);
                Object noiseFloor = noiseFloor(stack);
                out.print(ReportTable.format(report, noiseFloor));
                out.println(models.describe());
                out.flush();
                if (csv != null) {
                    ReportTable.appendCsv(csv, report, noiseFloor);
                }
            } catch (RoundTripException e) {
                err.println("bench: " + e.getMessage());
                return 3;
            } catch (IllegalStateException e) {
                err.println("bench: cannot train on " + stack + ": " + e.getMessage());
                return 2;
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IndexOutOfBoundsException e) {
                err.println("bench: cannot benchmark " + stack + ": " + e.getMessage());
                unreadable++;
            }
        }
        return unreadable == 0 ? 0 : 1;
    }

    /** The stack's noise model: from --flats/--darks when given and usable, else as compress fits it. */
    private ScanNoise noise(String stack) throws IOException {
        if (flats != null) {
            try (StackSource f = StackSources.open(flats);
                    StackSource d = StackSources.open(darks)) {
                ScanNoise given = ScanNoise.fromFields(f, d, "flats " + flats + ", darks " + darks);
                if (given != null) {
                    return given;
                }
            }
        }
        return ScanNoise.fit(StackSpec.parse(stack), HadoopFiles.newConfiguration());
    }

    /** How often a stack's progress is printed while its tiles are measured. */
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** The benchmark plus the error-bounded rows asked for; an invalid bound is an IllegalArgumentException. */
    private Benchmark bounded(Benchmark b) {
        return errorBounds.isEmpty() && noiseBounds.isEmpty() ? b : b.withBounds(errorBounds, noiseBounds);
    }

    /**
     * The noise floor of a generated HDF5 stack (whole file, on a local disk), or null when the file does not store
     * intensities.
     */
    static Object noiseFloor(String stack) {
        org.apache.hadoop.fs.Path file = HadoopFiles.path(StackSpec.parse(stack).path());
        if (!HadoopFiles.isLocal(file)
                || !StackSources.hasDataset(
                        file.toString(), Hdf5StackWriter.INTENSITY, HadoopFiles.newConfiguration())) {
            return null;
        }
        try {
            return NoiseFloor.bitsPerPixel(HadoopFiles.localFile(file));
        } catch (IOException | RuntimeException e) {
            return "n/a (" + e.getMessage() + ")";
        }
    }
}
