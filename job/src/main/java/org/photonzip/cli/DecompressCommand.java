package org.photonzip.cli;

import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.restore.Region;
import org.photonzip.restore.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code photonzip decompress ARCHIVE OUTPUT.h5}: restores a stack, or part of it, to HDF5. */
@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = {"Restores an archive to an HDF5 file: the stack at its dataset path with its dtype and chunk "
                + "shape, and the source's other datasets, groups and attributes. --frames and --roi restore a part, "
                + "decoding only the tiles it touches."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restored", "1:the archive cannot be read or is invalid, or OUTPUT cannot be written "
                + "(nothing written)", "2:invalid options", "3:a tile failed its checks (nothing written)"})
public final class DecompressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to restore.")
    String archive;

    @Parameters(index = "1", paramLabel = "OUTPUT.h5", description = "The HDF5 file to write.")
    String output;

    @Option(names = "--frames", paramLabel = "A:B", description = "Only frames [A, B).")
    String frames;

    @Option(names = "--roi", paramLabel = "Y0:Y1,X0:X1", description = "Only rows [Y0, Y1) and columns [X0, X1).")
    String roi;

    @Option(names = "--overwrite", description = "Replace OUTPUT.h5 if it exists.")
    boolean overwrite;

    @Option(names = "--threads", defaultValue = "0", description = "Decoding threads (default: number of CPUs).")
    int threads;

    @Override
    public Integer call() throws Exception {
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        Region region = Region.parse(frames, roi, reader.summary().shape());
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Restorer.Result r = Restorer.restore(reader, output, region, overwrite, n);
        PrintWriter out = spec.commandLine().getOut();
        int[] s = r.shape();
        out.printf(Locale.ROOT, "restored %s:%s (%d x %d x %d %s) from %d tiles in %.1f s (%.1f MB/s)%n", output,
                reader.summary().datasetPath(), s[0], s[1], s[2], reader.summary().dtype(), r.tiles(), r.seconds(),
                r.megabytesPerSecond());
        if (!r.notRestored().isEmpty()) {
            out.println("not restored (" + r.notRestored().size() + "): " + String.join("; ", r.notRestored()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
