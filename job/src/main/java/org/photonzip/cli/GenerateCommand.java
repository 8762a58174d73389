package org.photonzip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.photonzip.restore.DestinationException;
import org.photonzip.tools.generate.GeneratorConfig;
import org.photonzip.tools.generate.Hdf5StackWriter;
import org.photonzip.tools.generate.NoiseFloor;
import org.photonzip.tools.generate.StackGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code photonzip generate OUT.h5}: writes a synthetic, reproducible projection stack. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write a synthetic synchrotron projection stack (HEPS-like) to an HDF5 file.",
            "Same options and seed, same bytes."
        })
public final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT.h5", description = "The file to write.")
    Path out;

    @Option(
            names = "--frames",
            paramLabel = "N",
            defaultValue = "64",
            description = "Projections (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--height",
            paramLabel = "H",
            defaultValue = "256",
            description = "Rows (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(
            names = "--width",
            paramLabel = "W",
            defaultValue = "256",
            description = "Columns (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--flats", defaultValue = "10", description = "Open-beam frames (default: ${DEFAULT-VALUE}).")
    int flats;

    @Option(names = "--darks", defaultValue = "10", description = "Dark frames (default: ${DEFAULT-VALUE}).")
    int darks;

    @Option(
            names = "--intensity",
            description = "Also write the noise-free expected values (/entry/data/intensity) "
                    + "and print the noise-entropy floor.")
    boolean intensity;

    @Option(names = "--overwrite", description = "Replace OUT.h5 if it exists.")
    boolean overwrite;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Threads rendering frames (default: number of CPUs, at most 4).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        GeneratorConfig cfg;
        try {
            cfg = GeneratorConfig.builder()
                    .frames(frames)
                    .height(height)
                    .width(width)
                    .seed(seed)
                    .flats(flats)
                    .darks(darks)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (threads < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid threads: " + threads);
        }
        int workers = threads > 0 ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        StackGenerator generator = new StackGenerator(cfg);
        try {
            Hdf5StackWriter.Result r = new Hdf5StackWriter(intensity, overwrite, workers, null).write(generator, out);
            // Everything rendered: projections (twice with --intensity), flats and darks.
            double pixels = ((intensity ? 2.0 : 1.0) * frames + flats + darks) * height * width;
            stdout.printf(
                    Locale.ROOT,
                    "wrote %s: data %d x %d x %d uint16, flats %d, darks %d%s; %.1f MB in %.2f s "
                            + "(%.1f Mpixel/s rendered)%n",
                    r.file(),
                    frames,
                    height,
                    width,
                    flats,
                    darks,
                    intensity ? ", intensity float32" : "",
                    r.bytes() / 1e6,
                    r.seconds(),
                    pixels / r.seconds() / 1e6);
            if (intensity) {
                stdout.printf(Locale.ROOT, "noise-entropy floor: %.4f bits/pixel%n", NoiseFloor.bitsPerPixel(r.file()));
            }
            return 0;
        } catch (FileAlreadyExistsException e) {
            throw e; // "Cannot write FILE: it exists (use --overwrite ...)", through ExitCodes
        } catch (IOException e) {
            throw new DestinationException(out.toString(), e);
        }
    }
}
