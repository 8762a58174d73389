package org.photonzip.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.photonzip.archive.ArchiveReader;
import org.photonzip.fs.HadoopFiles;
import org.photonzip.restore.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code photonzip export ARCHIVE OUTPUT.h5}: the stack as HDF5 chunks that are the archive's tile streams. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Writes an HDF5 file whose stack's chunks are the archive's tile streams as stored (HDF5 "
                    + "filter 305, read with libphotonzip's filter plugin on HDF5_PLUGIN_PATH; docs/export.md), beside "
                    + "the source's other datasets, groups and attributes as decompress restores them. Every stream is "
                    + "checked first (CRC32C, header, identity; --decode: its samples too); none is decoded into the file "
                    + "or re-encoded, so the file is about the archive's size."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:exported",
            "1:the archive cannot be read, is invalid or cannot be exported as chunks "
                    + "(not a regular grid of tiles, not a 16-bit little-endian stack), or OUTPUT cannot be written "
                    + "(nothing written)",
            "2:invalid options",
            "3:a tile failed its checks (nothing written)"
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The archive to export.")
    String archive;

    @Parameters(index = "1", paramLabel = "OUTPUT.h5", description = "The HDF5 file to write (filter 305 chunks).")
    String output;

    @Option(names = "--overwrite", description = "Replace OUTPUT.h5 if it exists.")
    boolean overwrite;

    @Option(names = "--threads", defaultValue = "0", description = "Checking threads (default: number of CPUs).")
    int threads;

    @Option(
            names = "--decode",
            description = "Also decode every tile and check its samples against the manifest's "
                    + "SHA-256, as decompress does (a decode of the whole stack). Without it each stream's bytes, header and "
                    + "identity are checked, which needs no decode.")
    boolean decode;

    @Override
    public Integer call() throws Exception {
        ArchiveReader reader = ArchiveReader.open(archive, HadoopFiles.newConfiguration());
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        Exporter.Result r = Exporter.export(reader, output, overwrite, n, decode);
        PrintWriter out = spec.commandLine().getOut();
        int[] s = r.shape();
        int[] c = r.chunk();
        out.printf(
                Locale.ROOT,
                "exported %s:%s (%d x %d x %d %s, chunks %d x %d x %d, filter 305) from %d tile "
                        + "streams (%d bytes) in %.1f s%n",
                output,
                reader.summary().datasetPath(),
                s[0],
                s[1],
                s[2],
                reader.summary().dtype(),
                c[0],
                c[1],
                c[2],
                r.tiles(),
                r.streamBytes(),
                r.seconds());
        if (!r.notRestored().isEmpty()) {
            out.println("not restored (" + r.notRestored().size() + "): " + String.join("; ", r.notRestored()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
